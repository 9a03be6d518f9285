/** Who a waiting chat is offered to next. Pure, so the rules are easy to read and to test. */

export interface Candidate {
  agentId: string;
  /** When the agent last got a chat from this queue; null if never. */
  lastAssignedAt: number | null;
  /** Has already said no to this chat. */
  declined: boolean;
  primaryLanguage: string;
  secondaryLanguages: readonly string[];
}

/** "en-GB" and "EN" are both "en": agents list languages, not regional variants. */
export const baseLanguage = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** 0: speaks it first; 1: speaks it too; 2: does not (or the visitor's language is unknown). */
export function languageTier(candidate: Candidate, language: string | null): 0 | 1 | 2 {
  if (!language) return 2;
  const wanted = baseLanguage(language);
  if (baseLanguage(candidate.primaryLanguage) === wanted) return 0;
  if (candidate.secondaryLanguages.some((l) => baseLanguage(l) === wanted)) return 1;
  return 2;
}

/**
 * The order agents are asked in: whoever has not declined the chat before whoever has (asked
 * again only when no one else can take it); then primary-language speakers, then secondary,
 * then anyone; among equals the one idle longest; ties broken by id so the order is stable.
 */
export function rankCandidates(candidates: readonly Candidate[], language: string | null): Candidate[] {
  return [...candidates].sort(
    (a, b) =>
      Number(a.declined) - Number(b.declined) ||
      languageTier(a, language) - languageTier(b, language) ||
      (a.lastAssignedAt ?? -Infinity) - (b.lastAssignedAt ?? -Infinity) ||
      a.agentId.localeCompare(b.agentId),
  );
}

/**
 * The expected wait for the chat at `position`: how long the line has recently taken to move up
 * one place, times the places up to and including its own. With no history yet, a minute a place.
 */
export function estimateWait(position: number, recentWaitPerPlaceMs: number | null): number {
  return position * (recentWaitPerPlaceMs ?? 60_000);
}

/** An exponential moving average: recent waits count most, one odd chat does not swing it. */
export function nextAverage(previous: number | null, sample: number, weight = 0.2): number {
  return previous === null ? sample : previous + weight * (sample - previous);
}
