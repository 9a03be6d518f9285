/** The widget app, loaded by the loader on demand; draws the chat panel in the loader's shadow root. */
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { APP_GLOBAL, type MountWidget } from '../contract';
import chatStyles from '../../ui/chat.css?inline';
import styles from './widget.css?inline';
import { VisitorApi } from './visitor-api';
import { Widget } from './Widget';

const mount: MountWidget = ({ root, siteId, base, onOpenChange, onUnread, onMessage }) => {
  const style = document.createElement('style');
  style.textContent = chatStyles + styles;
  const container = document.createElement('div');
  root.append(style, container);

  const [open, setOpen] = createSignal(false);
  const change = (next: boolean) => {
    setOpen(next);
    onOpenChange(next);
    if (next) queueMicrotask(() => root.querySelector<HTMLTextAreaElement>('textarea')?.focus());
  };
  const api = new VisitorApi(base, siteId);
  render(() => <Widget api={api} open={open} onMinimize={() => change(false)} onUnread={onUnread} onMessage={onMessage} />, container);
  return { open: () => change(true), close: () => change(false) };
};

(window as unknown as Record<string, MountWidget>)[APP_GLOBAL] = mount;
