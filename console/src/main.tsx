import { render } from 'solid-js/web';
import { App } from './App';
import { registerServiceWorker } from './push';
import '../../ui/chat.css';
import './console.css';

render(() => <App />, document.getElementById('app')!);
registerServiceWorker();
