/**
 * The bench's own agents and queues, added to the local database beside the demo data: one group
 * (an agent, a queue, and a routing rule sending `answers.bench = <group>` to that queue) per 100
 * conversations, so each load level has agents with room and no group's offers reach another.
 */
import { hashPassword } from '../worker/auth/password';
import { insert } from '../worker/demo/demo-data';

export const BENCH_PASSWORD = 'bench-only';
export const GROUP_SIZE = 100;

export interface Group {
  name: string;
  agentEmail: string;
  conversations: number;
}

/** Splits `conversations` into groups of at most GROUP_SIZE, named after the level. */
export function groupsFor(level: string, conversations: number): Group[] {
  const groups: Group[] = [];
  for (let i = 0; i * GROUP_SIZE < conversations; i++) {
    const name = `${level}-${i}`;
    groups.push({ name, agentEmail: `bench-${name}@example.com`, conversations: Math.min(GROUP_SIZE, conversations - i * GROUP_SIZE) });
  }
  return groups;
}

/** The agent whose one chat the work counts follow (bench/work-counts.ts). */
export const COUNT_GROUP: Group = { name: 'count', agentEmail: 'bench-count@example.com', conversations: 1 };

/** The routing bench's agents: all in one queue, the one whose routing is measured. */
export const ROUTING_GROUP = 'route';
export const routerEmails = (count: number) => Array.from({ length: count }, (_, i) => `bench-router-${i}@example.com`);

export async function benchSeedSql(groups: Group[], routers: number): Promise<string[]> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const now = Date.now();
  const agent = (id: string, email: string) =>
    insert('agents', { id, email, name: id, role: 'agent', password_hash: passwordHash, capacity: GROUP_SIZE + 10, created_at: now });
  const queue = (id: string, position: number, value: string) => [
    insert('queues', { id, site_id: 'demo-shop', name: id, created_at: now }),
    insert('routing_rules', { id, site_id: 'demo-shop', position, field: 'bench', value, queue_id: id }),
  ];
  return [
    ...groups.flatMap((g, i) => [
      agent(`bench-${g.name}`, g.agentEmail),
      ...queue(`bench-${g.name}`, 1000 + i, g.name),
      insert('queue_members', { queue_id: `bench-${g.name}`, agent_id: `bench-${g.name}` }),
    ]),
    ...queue('bench-route', 999, ROUTING_GROUP),
    ...routerEmails(routers).flatMap((email, i) => [
      agent(`bench-router-${i}`, email),
      insert('queue_members', { queue_id: 'bench-route', agent_id: `bench-router-${i}` }),
    ]),
  ];
}
