import { eq } from 'drizzle-orm';
import type { AgentRecord } from '../auth/session';
import { database } from '../db/client';
import { queueMembers } from '../db/schema';

export interface AgentSetup {
  id: string;
  name: string;
  capacity: number;
  /** With no console open (or an idle one) this long, the agent goes away. */
  awayAfterMinutes: number;
  queueIds: string[];
  primaryLanguage: string;
  secondaryLanguages: string[];
}

/** What the Agent DO needs to know of an agent, read fresh from D1. */
export async function agentSetup(db: D1Database, agent: AgentRecord): Promise<AgentSetup> {
  const memberships = await database(db)
    .select({ queueId: queueMembers.queueId })
    .from(queueMembers)
    .where(eq(queueMembers.agentId, agent.id));
  const { id, name, capacity, awayAfterMinutes, primaryLanguage, secondaryLanguages } = agent;
  return { id, name, capacity, awayAfterMinutes, primaryLanguage, secondaryLanguages, queueIds: memberships.map((m) => m.queueId) };
}
