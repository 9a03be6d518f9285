/** A proactive invitation beside the launcher: from the admin's rules or from an agent watching live visitors. */
import type { Translate } from './i18n';

export function Invitation(props: { t: Translate; message: string; onAccept(): void; onDismiss(): void }) {
  return (
    <div class="invitation" role="dialog" aria-label={props.t('invitation')}>
      <p>{props.message}</p>
      <button type="button" class="primary" onClick={() => props.onAccept()}>
        {props.t('chatNow')}
      </button>
      <button type="button" onClick={() => props.onDismiss()}>
        {props.t('noThanks')}
      </button>
    </div>
  );
}
