/**
 * A load process for capacity: one visitor opening many tabs (sockets) on one conversation, then
 * leaving them idle so the Conversation DO can hibernate. On request, pings every socket and
 * counts the answers, to show they are all still held.
 */
import type WebSocket from 'ws';
import { inParallel, sleep } from './limit';
import { open, startVisitor } from './parley-client';

export type IdleTask = { step: 'open'; base: string; count: number } | { step: 'check' };

let sockets: WebSocket[] = [];

process.on('message', async (task: IdleTask) => {
  if (task.step === 'open') {
    const visitor = await startVisitor(task.base, { name: 'idle', agentEmail: '', conversations: 0 });
    const url = task.base.replace(/^http/, 'ws') + `/ws/visitor/conversations/${visitor.id}?token=${visitor.token}`;
    // Opens until the count is reached or the runtime stops taking sockets (many refusals in a row).
    let refusedInARow = 0;
    let refused = 0;
    const more = await inParallel(task.count - 1, 50, async () => {
      if (refusedInARow >= 100) return null;
      try {
        const ws = await open(url, task.base);
        refusedInARow = 0;
        return ws;
      } catch {
        refused++;
        refusedInARow++;
        return null;
      }
    });
    sockets = [visitor.socket, ...more.filter((ws): ws is WebSocket => ws !== null)];
    process.send!({ opened: sockets.length, refused });
    return;
  }
  let answered = 0;
  for (const ws of sockets) ws.once('message', (data) => String(data) === 'pong' && answered++);
  for (const ws of sockets) ws.send('ping');
  await sleep(5000);
  for (const ws of sockets) ws.terminate();
  process.send!({ answered }, () => process.exit(0));
});
