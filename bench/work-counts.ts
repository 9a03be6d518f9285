/**
 * Work counts: what one chat costs in requests, Durable Object calls, D1 round trips and storage
 * operations, counted by the counting build (bench/counting/) while the bench walks one chat
 * through its life one step at a time, waiting after each until nothing more is counted. The
 * counts are behaviour, not speed: the same code counts the same on any machine, so they are
 * regression figures, and `--check` fails when one grows past bench/results/work-counts.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type WebSocket from 'ws';
import { root } from '../scripts/local-app';
import { COUNT_GROUP } from './bench-data';
import { sleep } from './clients/limit';
import { open, post, sendText, signInAgent, startVisitor, wsUrl } from './clients/parley-client';
import type { Kind, Tally } from './counting/tally';

export const KINDS: Kind[] = ['http', 'doCalls', 'wsIn', 'alarms', 'd1', 'd1Statements', 'storage', 'rowsRead', 'rowsWritten'];
export type Totals = Record<Kind, number>;

export interface StepCount {
  step: string;
  totals: Totals;
  detail: Record<string, number>;
}

export interface WorkCounts {
  steps: StepCount[];
  /** Messages in the `messages` step; its counts divided by this are the per-message figures. */
  messages: number;
  /** Start to end, without the page view (which a visitor may make without ever chatting). */
  lifecycle: Totals;
  perMessage: Totals;
}

const MESSAGES = 10;
const PAGE_VIEW = 'page view (widget status)';
const BASELINE = `${root}bench/results/work-counts.json`;

/** The steps of the chat itself, start to end. */
export const lifecycleSteps = (counts: WorkCounts) => counts.steps.filter((s) => s.step !== PAGE_VIEW);

const full = (t: Tally['totals']): Totals => Object.fromEntries(KINDS.map((k) => [k, t[k] ?? 0])) as Totals;

type Frame = Record<string, unknown>;

/** A way to wait for the next frame on a socket that matters to a step. */
class Frames {
  private waiters: Array<{ match(f: Frame): boolean; resolve(f: Frame): void }> = [];

  constructor(ws: WebSocket) {
    ws.on('message', (data) => {
      if (String(data) === 'pong') return;
      const frame = JSON.parse(String(data)) as Frame;
      const matched = this.waiters.filter((w) => w.match(frame));
      this.waiters = this.waiters.filter((w) => !matched.includes(w));
      for (const w of matched) w.resolve(frame);
    });
  }

  /** Resolves with the next frame (from now on) that matches. */
  next(match: (f: Frame) => boolean): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('work counts: an expected frame never came')), 10_000);
      this.waiters.push({
        match,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  }
}

const ofType = (type: string) => (f: Frame) => f.type === type;
const statusIs = (status: string) => (f: Frame) => f.type === 'conversation' && (f.conversation as { status: string }).status === status;

async function counts(base: string, reset: boolean): Promise<Tally> {
  return (await (await fetch(`${base}/__bench/counts${reset ? '?reset' : ''}`)).json()) as Tally;
}

/**
 * How long the counts must stand still before a step counts as done. Work that follows a step on
 * a timer (a chat copies its outbox to D1 a moment after a change, on its alarm) must have run by
 * then, or the count would depend on how fast the machine is.
 */
const QUIET_MS = 1000;
const POLL_MS = 100;

/** Waits until nothing more is counted for QUIET_MS. */
async function quiet(base: string): Promise<void> {
  let last = '';
  let still = 0;
  while (still < QUIET_MS) {
    await sleep(POLL_MS);
    const now = JSON.stringify((await counts(base, false)).totals);
    still = now === last ? still + POLL_MS : 0;
    last = now;
  }
}

/** Waits until the step's work, timers included, is done, and takes its counts. */
async function settle(base: string): Promise<Tally> {
  await quiet(base);
  return counts(base, true);
}

/** Walks one chat through its life against the counting build at `base` and counts each step. */
export async function countWork(base: string): Promise<WorkCounts> {
  // Before the chat: the agent is signed in with the console open. Not counted.
  const cookie = await signInAgent(base, COUNT_GROUP.agentEmail);
  const inbox = new Frames(await open(wsUrl(base, '/ws/agent/inbox'), base, cookie));
  await settle(base);

  const steps: StepCount[] = [];
  const step = async (name: string, run: () => Promise<void>) => {
    await run();
    const { totals, detail } = await settle(base);
    steps.push({ step: name, totals: full(totals), detail });
  };

  await step(PAGE_VIEW, async () => void (await (await fetch(`${base}/api/visitor/sites/demo-shop/status`)).arrayBuffer()));

  let visitor: { id: string; socket: WebSocket; frames: Frames } | undefined;
  await step('start: session, chat, socket, hello', async () => {
    const started = await startVisitor(base, COUNT_GROUP);
    const frames = new Frames(started.socket);
    const welcome = frames.next(ofType('welcome'));
    started.socket.send(JSON.stringify({ type: 'hello', after: 0 }));
    await welcome;
    visitor = { id: started.id, socket: started.socket, frames };
  });
  const { id, socket: visitorSocket, frames: visitorFrames } = visitor!;

  await step('first message → offer', async () => {
    const acked = visitorFrames.next(ofType('ack'));
    const offered = inbox.next(ofType('offer'));
    sendText(visitorSocket, 'Hello, I have a question');
    await Promise.all([acked, offered]);
  });

  await step('accept', async () => {
    const joined = visitorFrames.next(statusIs('active'));
    await post(base, `/api/console/offers/${id}/accept`, {}, { Cookie: cookie });
    await joined;
  });

  const agentSocket = await open(wsUrl(base, `/ws/agent/conversations/${id}`), base, cookie);
  const agentFrames = new Frames(agentSocket);
  await step('agent opens the chat: socket, hello', async () => {
    const welcome = agentFrames.next(ofType('welcome'));
    agentSocket.send(JSON.stringify({ type: 'hello', after: 0 }));
    await welcome;
  });

  await step(`${MESSAGES} messages, each read by the other side`, async () => {
    for (let i = 0; i < MESSAGES; i++) {
      const [from, to, toFrames] = i % 2 === 0 ? [visitorSocket, agentSocket, agentFrames] : [agentSocket, visitorSocket, visitorFrames];
      const arrived = toFrames.next(ofType('message'));
      sendText(from, `message ${i}`);
      const { seq } = (await arrived).message as { seq: number };
      // The reader's client says so (the widget and console send `read` while the chat is on screen).
      const told = (i % 2 === 0 ? visitorFrames : agentFrames).next(ofType('receipts'));
      to.send(JSON.stringify({ type: 'read', seq }));
      await told;
      // Messages a second apart, as people write: each one's timed work is done before the next.
      await quiet(base);
    }
  });

  await step('end: agent closes, both sockets close', async () => {
    const ended = visitorFrames.next(statusIs('ended'));
    await post(base, `/api/console/chats/${id}/close`, {}, { Cookie: cookie });
    await ended;
    visitorSocket.close();
    agentSocket.close();
  });

  const sum = (rows: StepCount[]) => full(Object.fromEntries(KINDS.map((k) => [k, rows.reduce((n, r) => n + r.totals[k], 0)])));
  const messages = steps.find((s) => s.step.includes('messages'))!;
  return {
    steps,
    messages: MESSAGES,
    lifecycle: sum(steps.filter((s) => s.step !== PAGE_VIEW)),
    perMessage: full(Object.fromEntries(KINDS.map((k) => [k, messages.totals[k] / MESSAGES]))),
  };
}

/** Every count, per step, that is higher now than in the committed baseline. */
export function grownCounts(now: WorkCounts): string[] {
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as WorkCounts;
  const grown: string[] = [];
  for (const step of now.steps) {
    const before = baseline.steps.find((s) => s.step === step.step);
    if (!before) {
      grown.push(`${step.step}: a step the baseline does not have`);
      continue;
    }
    for (const kind of KINDS) {
      if (step.totals[kind] <= (before.totals[kind] ?? 0)) continue;
      const detail = Object.entries(step.detail)
        .filter(([key, n]) => key.startsWith(`${kind} `) && n > (before.detail[key] ?? 0))
        .map(([key, n]) => `${key.slice(kind.length + 1)} ${before.detail[key] ?? 0} → ${n}`);
      grown.push(`${step.step}: ${kind} ${before.totals[kind] ?? 0} → ${step.totals[kind]}${detail.length ? ` (${detail.join('; ')})` : ''}`);
    }
  }
  return grown;
}

export function writeBaseline(counts: WorkCounts): void {
  writeFileSync(BASELINE, JSON.stringify(counts, null, 2) + '\n');
}
