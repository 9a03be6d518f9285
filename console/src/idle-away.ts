/**
 * An agent who walked away from an open console goes away by themself: no key or pointer for
 * `awayAfterMs` while the tab is hidden. (A closed console is noticed by the server.)
 */
import type { AgentStatus } from '../../protocol/chat';

const CHECK_MS = 15_000;

export function awayWhenIdle(options: { awayAfterMs: () => number; status: () => AgentStatus; goAway: () => void }): () => void {
  let lastInput = Date.now();
  const seen = () => (lastInput = Date.now());
  const events = ['keydown', 'pointerdown', 'pointermove', 'focus'] as const;
  for (const type of events) addEventListener(type, seen, { passive: true });
  const timer = setInterval(() => {
    if (document.visibilityState === 'hidden' && options.status() === 'online' && Date.now() - lastInput >= options.awayAfterMs()) options.goAway();
  }, CHECK_MS);
  return () => {
    clearInterval(timer);
    for (const type of events) removeEventListener(type, seen);
  };
}
