/**
 * Proactive invitations: the admin's rules (time on page, URL pattern, returning visitor), each
 * condition given must hold. At most one invitation per page view, and only when an agent can chat.
 */
import type { ProactiveRule } from '../../protocol/chat';

/** `*` matches any run of characters; everything else literally. */
export function globMatches(pattern: string, url: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(url);
}

export function ruleHolds(rule: ProactiveRule, visit: { url: string; secondsOnPage: number; returning: boolean }): boolean {
  if (rule.urlPattern && !globMatches(rule.urlPattern, visit.url)) return false;
  if (rule.returningOnly && !visit.returning) return false;
  return visit.secondsOnPage >= (rule.afterSeconds ?? 0);
}

/**
 * Calls `invite` once, with the first rule that holds, checking each second while the page is
 * open. `canChat` is asked just before inviting, since agents come and go.
 */
export function watchRules(options: {
  rules: ProactiveRule[];
  returning: boolean;
  canChat(): Promise<boolean>;
  invite(rule: ProactiveRule): void;
}): () => void {
  if (!options.rules.length) return () => {};
  const since = performance.now();
  let done = false;
  const timer = setInterval(async () => {
    const visit = { url: location.href, secondsOnPage: (performance.now() - since) / 1000, returning: options.returning };
    const rule = options.rules.find((r) => ruleHolds(r, visit));
    if (!rule || done) return;
    done = true;
    clearInterval(timer);
    if (await options.canChat()) options.invite(rule);
  }, 1000);
  return () => clearInterval(timer);
}
