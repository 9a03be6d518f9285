/** Which agent a waiting chat is offered to next. Pure, so the rule is easy to read and test. */

export interface Candidate {
  agentId: string;
  /** When the agent last got a chat from this queue; null if never. */
  lastAssignedAt: number | null;
  declined: boolean;
}

/**
 * Agents who have not declined this chat come first; an agent who declined is asked again
 * only when no one else can take it. Among equals, the one idle longest.
 */
export function rankCandidates(candidates: readonly Candidate[]): Candidate[] {
  return [...candidates].sort(
    (a, b) =>
      Number(a.declined) - Number(b.declined) ||
      (a.lastAssignedAt ?? -Infinity) - (b.lastAssignedAt ?? -Infinity) ||
      a.agentId.localeCompare(b.agentId),
  );
}
