/** The widget app, loaded by the loader on demand; draws the chat panel in the loader's shadow root. */
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { APP_GLOBAL, visitsKey, type MountWidget } from '../contract';
import chatStyles from '../../ui/chat.css?inline';
import styles from './widget.css?inline';
import { directionOf, pickLanguage } from '../language';
import { withPreview } from '../preview';
import { translator } from './i18n';
import { VisitorApi } from './visitor-api';
import { Widget } from './Widget';

const mount: MountWidget = (options) => {
  const { root, siteId, base, onOpenChange } = options;
  // Beside the launcher's sheet, and constructed for the same reason: no inline <style> for a host's CSP to block.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(chatStyles + styles);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];

  let preview = options.preview;
  const api = new (class extends VisitorApi {
    // The panel asks for the settings again as it opens; in the console's preview the unsaved ones stay on top.
    override async status() {
      return withPreview(await super.status(), preview);
    }
    // The site line would bring the saved settings back over them, and the admin previewing is no
    // visitor of the site: a preview keeps no line (the promise never settles, so nothing retries).
    override siteSocketUrl() {
      return preview ? new Promise<string>(() => {}) : super.siteSocketUrl();
    }
  })(base, siteId);

  const [open, setOpen] = createSignal(false);
  const change = (next: boolean) => {
    setOpen(next);
    onOpenChange(next);
    if (next) queueMicrotask(() => root.querySelector<HTMLElement>('.panel textarea, .panel input, .panel select, .panel button')?.focus());
  };
  const returning = Number(localStorage.getItem(visitsKey(siteId)) ?? 0) > 1;

  // Language and sound are chosen as the panel is drawn, so new preview settings draw it afresh.
  const draw = () => {
    const status = withPreview(options.status, preview);
    const container = document.createElement('div');
    root.append(container);
    const pageLang = document.documentElement.getAttribute('lang');
    const language = pickLanguage(pageLang, navigator.language, status.settings.widget.language);
    container.lang = language;
    container.dir = directionOf(pageLang);
    const dispose = render(
      () => <Widget api={api} open={open} setOpen={change} t={translator(language)} returning={returning} {...options} status={status} />,
      container,
    );
    return () => (dispose(), container.remove());
  };
  let erase = draw();
  return {
    open: () => change(true),
    close: () => change(false),
    identify: async (identity) => void (await api.identify(identity)),
    preview(next) {
      preview = next;
      erase();
      erase = draw();
    },
  };
};

(window as unknown as Record<string, MountWidget>)[APP_GLOBAL] = mount;
