/**
 * A load process for memory: idle sockets, opened in steps so the parent can read resident memory
 * at each (the cost of one more socket is the slope between two steps). On Parley they are one
 * visitor's tabs on one conversation, left idle so the Conversation DO can hibernate; on the relay,
 * sockets in one room. On request it pings every socket and counts the answers, to show that all
 * of them are still held.
 */
import type WebSocket from 'ws';
import { inParallel, sleep } from './limit';
import { open, startVisitor, wsUrl } from './parley-client';

export type IdleTask =
  | { step: 'open'; target: 'parley' | 'relay'; base: string; total: number; compress: boolean }
  | { step: 'check' };

const sockets: WebSocket[] = [];
let url = '';
let refused = 0;

async function openUpTo(task: Extract<IdleTask, { step: 'open' }>): Promise<void> {
  if (!url && task.target === 'parley') {
    const visitor = await startVisitor(task.base, { name: 'idle' }, task.compress);
    url = wsUrl(task.base, `/ws/visitor/conversations/${visitor.id}?token=${visitor.token}`);
    sockets.push(visitor.socket);
  }
  if (!url) url = wsUrl(task.base, '/idle');
  // Opens until the count is reached or the runtime stops taking sockets (many refusals in a row).
  let refusedInARow = 0;
  const more = await inParallel(Math.max(0, task.total - sockets.length), 50, async () => {
    if (refusedInARow >= 100) return null;
    try {
      const ws = await open(url, task.base, undefined, task.compress);
      refusedInARow = 0;
      return ws;
    } catch {
      refused++;
      refusedInARow++;
      return null;
    }
  });
  sockets.push(...more.filter((ws): ws is WebSocket => ws !== null));
}

process.on('message', async (task: IdleTask) => {
  if (task.step === 'open') {
    await openUpTo(task);
    return process.send!({ opened: sockets.length, refused });
  }
  let answered = 0;
  for (const ws of sockets) ws.once('message', (data) => String(data) === 'pong' && answered++);
  for (const ws of sockets) ws.send('ping');
  await sleep(5000);
  for (const ws of sockets) ws.terminate();
  process.send!({ answered }, () => process.exit(0));
});
