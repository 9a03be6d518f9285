/** What the admin tests share: demo accounts by role, and the audit entries a change left. */
import { env } from 'cloudflare:test';
import { call, json, signIn } from './helpers';

export const ADMIN = 'admin@example.com';
export const AGENT = 'alice@example.com';

/** Demo has no supervisor; Bob becomes one. */
export async function supervisorCookie(): Promise<string> {
  await env.DB.prepare("UPDATE agents SET role = 'supervisor' WHERE id = 'agent-bob'").run();
  return signIn('bob@example.com');
}

export const send = (method: string, path: string, cookie: string, body?: unknown) =>
  call(path, { method, cookie, ...(body === undefined ? {} : { body: json(body) }) });

export async function auditActions(): Promise<Array<{ agent_id: string | null; action: string; target: string }>> {
  const { results } = await env.DB.prepare('SELECT agent_id, action, target FROM audit_log ORDER BY created_at, id').all();
  return results as never;
}
