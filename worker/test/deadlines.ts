/**
 * Time in the worker tests: a Durable Object's named deadlines (worker/alarms/deadlines.ts) read,
 * and brought forward so its alarm runs them now, instead of waiting for them.
 */
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import type { agentStub, conversationStub } from '../env';

export type Stub = ReturnType<typeof conversationStub> | ReturnType<typeof agentStub>;

/** When the object's deadline `name` is due, or null if it has none. */
export const deadline = (stub: Stub, name: string) =>
  runInDurableObject(stub, (_, state) => state.storage.sql.exec<{ at: number }>('SELECT at FROM deadlines WHERE name = ?', name).toArray()[0]?.at ?? null);

/**
 * Time passes until `names` are due: they are moved to now and the object's alarm (set for its
 * nearest deadline) runs at once — unless it is running by itself already, for a D1 flush.
 */
export async function fastForward(stub: Stub, ...names: string[]): Promise<void> {
  await runInDurableObject(stub, (_, state) => {
    for (const name of names) state.storage.sql.exec('UPDATE deadlines SET at = ? WHERE name = ?', Date.now() - 1, name);
  });
  await runDurableObjectAlarm(stub);
}

