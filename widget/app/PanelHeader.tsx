/** The panel's top bar: title and status (announced as it changes), and the panel's actions. */
import { Show } from 'solid-js';
import type { Translate } from './i18n';

export function PanelHeader(props: {
  t: Translate;
  title: string;
  status: string;
  detailsOpen: boolean;
  onDetails(): void;
  muted: boolean;
  onMute(): void;
  /** End chat shows only while there is a chat to end. */
  canEnd: boolean;
  onEnd(): void;
  onMinimize(): void;
}) {
  const t = props.t;
  return (
    <div class="head">
      <div>
        <h2>{props.title}</h2>
        <p class="status" aria-live="polite">
          {props.status}
        </p>
      </div>
      <div class="header-actions">
        <button type="button" class="icon" aria-label={t('yourDetails')} aria-expanded={props.detailsOpen} onClick={() => props.onDetails()}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-4 0-8 2-8 5v1h16v-1c0-3-4-5-8-5z" />
          </svg>
        </button>
        <button type="button" class="icon" aria-label={t('muteSounds')} aria-pressed={props.muted} onClick={() => props.onMute()}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d={props.muted ? 'M4 9v6h4l5 4V5L8 9H4zm12.5 3 2.5-2.5-1-1-2.5 2.5L13 8.5l-1 1 2.5 2.5-2.5 2.5 1 1 2.5-2.5 2.5 2.5 1-1z' : 'M4 9v6h4l5 4V5L8 9H4zm11 3a3.5 3.5 0 0 0-2-3.2v6.4a3.5 3.5 0 0 0 2-3.2z'} />
          </svg>
        </button>
        <Show when={props.canEnd}>
          <button type="button" class="end" onClick={() => props.onEnd()}>
            {t('endChat')}
          </button>
        </Show>
        <button type="button" class="icon" aria-label={t('minimize')} onClick={() => props.onMinimize()}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M5 11h14v2H5z" />
          </svg>
        </button>
      </div>
    </div>
  );
}
