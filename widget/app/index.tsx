/** The widget app, loaded by the loader on demand; draws the chat panel in the loader's shadow root. */
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { APP_GLOBAL, visitsKey, type MountWidget } from '../contract';
import chatStyles from '../../ui/chat.css?inline';
import styles from './widget.css?inline';
import { directionOf, pickLanguage } from '../language';
import { translator } from './i18n';
import { VisitorApi } from './visitor-api';
import { Widget } from './Widget';

const mount: MountWidget = (options) => {
  const { root, siteId, base, onOpenChange } = options;
  const style = document.createElement('style');
  style.textContent = chatStyles + styles;
  const container = document.createElement('div');
  root.append(style, container);

  const pageLang = document.documentElement.getAttribute('lang');
  const language = pickLanguage(pageLang, navigator.language, options.status.settings.widget.language);
  container.lang = language;
  container.dir = directionOf(pageLang);

  const [open, setOpen] = createSignal(false);
  const change = (next: boolean) => {
    setOpen(next);
    onOpenChange(next);
    if (next) queueMicrotask(() => root.querySelector<HTMLElement>('.panel textarea, .panel input, .panel select, .panel button')?.focus());
  };
  const api = new VisitorApi(base, siteId);
  const returning = Number(localStorage.getItem(visitsKey(siteId)) ?? 0) > 1;
  render(
    () => <Widget api={api} open={open} setOpen={change} t={translator(language)} returning={returning} {...options} />,
    container,
  );
  return {
    open: () => change(true),
    close: () => change(false),
    identify: async (identity) => void (await api.identify(identity)),
  };
};

(window as unknown as Record<string, MountWidget>)[APP_GLOBAL] = mount;
