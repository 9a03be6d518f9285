/**
 * The local demo: one shop, one queue, three agents. Seeded by `npm start` into the local D1
 * only (and by the tests); a deploy never runs it.
 */
import { hashPassword } from '../auth/password';

export const DEMO_PASSWORD = 'parley-demo';
export const DEMO_SITE = { id: 'demo-shop', name: 'Demo shop' };
export const DEMO_QUEUE = { id: 'general', name: 'General' };
/** Signs the demo page's identify() calls; a real site's secret is made in the admin area. */
export const DEMO_IDENTITY_SECRET = 'demo-identity-secret';
export const DEMO_AGENTS = [
  { id: 'agent-admin', email: 'admin@example.com', name: 'Ada Admin', role: 'admin', queues: [] },
  { id: 'agent-alice', email: 'alice@example.com', name: 'Alice', role: 'agent', queues: [DEMO_QUEUE.id] },
  { id: 'agent-bob', email: 'bob@example.com', name: 'Bob', role: 'agent', queues: [DEMO_QUEUE.id] },
] as const;

const quote = (value: string | number) => (typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`);

/** One row as SQL that adds it unless a row with its key exists. */
export const insert = (table: string, row: Record<string, string | number>) =>
  `INSERT OR IGNORE INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).map(quote).join(', ')});`;

/** SQL that adds the demo data where it is absent and leaves existing rows alone. */
export async function demoSeedSql(now = Date.now()): Promise<string[]> {
  const statements = [
    insert('sites', { id: DEMO_SITE.id, name: DEMO_SITE.name, allowed_origins: '[]', created_at: now }),
    insert('queues', { id: DEMO_QUEUE.id, site_id: DEMO_SITE.id, name: DEMO_QUEUE.name, created_at: now }),
  ];
  statements.push(`UPDATE sites SET identity_secret = '${DEMO_IDENTITY_SECRET}' WHERE id = '${DEMO_SITE.id}' AND identity_secret IS NULL;`);
  for (const agent of DEMO_AGENTS) {
    const { id, email, name, role } = agent;
    statements.push(
      insert('agents', { id, email, name, role, password_hash: await hashPassword(DEMO_PASSWORD), capacity: 3, created_at: now }),
      ...agent.queues.map((queueId) => insert('queue_members', { queue_id: queueId, agent_id: id })),
    );
  }
  statements.push(...DEMO_PREDEFINED.map((p) => insert('predefined_messages', { ...p, created_by: 'agent-admin', created_at: now })));
  return statements;
}

/** Canned replies for the demo, shared by all queues (so a fresh setup may delete the demo queue). */
export const DEMO_PREDEFINED = [
  { id: 'demo-greeting', title: 'Greeting', text: 'Hi! Thanks for reaching out. How can I help you today?' },
  { id: 'demo-shipping', title: 'Shipping times', text: 'We ship within 2 working days; delivery across Europe takes 3 to 5 days.' },
];
