/**
 * A load process for the floors: the least each path can cost, one operation at a time, so the
 * figures for messages and chat starts have something to be compared with in the same run.
 * - `ping`: a `ping` frame answered `pong` on an open socket. On Parley the runtime answers it
 *   itself (the Durable Object's WebSocket auto-response), so it is the socket path without any of
 *   Parley's code; on the relay, its one `if`.
 * - `http`: one GET, waited for before the next (a keep-alive connection, as browsers keep).
 */
import type WebSocket from 'ws';
import { open, startVisitor } from './parley-client';

export type FloorTask =
  | { step: 'open'; target: 'parley' | 'relay'; base: string }
  | { step: 'ping'; count: number }
  | { step: 'http'; path: string; count: number };

let socket: WebSocket | undefined;
let base = '';

async function pings(count: number): Promise<number[]> {
  const ws = socket!;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        if (String(data) !== 'pong') return;
        ws.off('message', onMessage);
        resolve();
      };
      ws.on('message', onMessage);
      ws.send('ping');
    });
    times.push(performance.now() - started);
  }
  return times;
}

async function requests(path: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(base + path);
    await res.arrayBuffer();
    times.push(performance.now() - started);
  }
  return times;
}

process.on('message', async (task: FloorTask) => {
  if (task.step === 'open') {
    base = task.base;
    // On Parley, a visitor's own conversation socket (no agent, no messages: nothing else runs).
    socket = task.target === 'parley' ? (await startVisitor(base, { name: 'floor' })).socket : await open(`${base.replace(/^http/, 'ws')}/floor`, base);
    return process.send!({ opened: true });
  }
  process.send!(task.step === 'ping' ? await pings(task.count) : await requests(task.path, task.count));
});
