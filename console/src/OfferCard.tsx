import { createSignal, onCleanup } from 'solid-js';
import type { Offer } from '../../protocol/chat';

/** An incoming chat: who, what they wrote, how long is left to answer, and the two answers. */
export function OfferCard(props: { offer: Offer; onAccept(): void; onReject(): void; busy: boolean }) {
  const [now, setNow] = createSignal(Date.now());
  const tick = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(tick));
  const secondsLeft = () => Math.max(0, Math.ceil((props.offer.expiresAt - now()) / 1000));

  return (
    <article
      class="offer"
      aria-label={
        props.offer.kind === 'invite'
          ? `${props.offer.invitedBy} invites you to a chat with ${props.offer.visitorName}`
          : `Chat request from ${props.offer.visitorName}`
      }
    >
      <header>
        <strong>{props.offer.visitorName}</strong>
        <span class="queue">{props.offer.kind === 'invite' ? `Invitation from ${props.offer.invitedBy}` : props.offer.queueName}</span>
      </header>
      <p class="preview">{props.offer.preview}</p>
      <p class="countdown" aria-live="off">
        {secondsLeft()} s to answer
      </p>
      <div class="actions">
        <button type="button" class="accept" disabled={props.busy} onClick={() => props.onAccept()}>
          Accept
        </button>
        <button type="button" class="reject" disabled={props.busy} onClick={() => props.onReject()}>
          Reject
        </button>
      </div>
    </article>
  );
}
