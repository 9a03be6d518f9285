/**
 * A continuation link (from a mail of unread replies) opens the shop's page with the token in
 * the fragment. Taken once, and taken out of the address bar at once, so a shared or bookmarked
 * address does not carry it on.
 */
import { CONTINUE_PARAM } from '../../protocol/continuation';

export function takeContinuation(): string | null {
  const match = new RegExp(`(?:^#|&)${CONTINUE_PARAM}=([^&]+)`).exec(location.hash);
  if (!match) return null;
  history.replaceState(history.state, '', location.pathname + location.search);
  return decodeURIComponent(match[1]!);
}
