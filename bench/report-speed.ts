/**
 * The report's timing sections: floors, the ratios read against them, delivery, routing, CPU per
 * operation, memory per socket and the soak. Each says how it was measured and what limits it.
 */
import type { CpuPhase, Results, Target } from './results';
import { int, kb, ms, pct, ratio, table, TARGET } from './report-format';

const isLoad = (process: string) => process.startsWith('load generator');
/** CPU-ms per operation of the server's processes together (everything but the load generators). */
export const serverCpuPerOp = (c: CpuPhase) => Object.entries(c.cpuMs).reduce((n, [p, v]) => (isLoad(p) ? n : n + v), 0) / c.operations;
const loadCpuPerOp = (c: CpuPhase) => Object.entries(c.cpuMs).reduce((n, [p, v]) => (isLoad(p) ? n + v : n), 0) / c.operations;

const floorOf = (r: Results, target: Target, path: string) => r.floors.find((f) => f.target === target && f.path === path)?.times;
const cpuOf = (r: Results, target: Target, operation: string) => r.cpu.find((c) => c.target === target && c.operation === operation);

export function floorsSection(r: Results): string {
  const rows = r.floors.map((f) => [TARGET[f.target], f.what, `\`${f.path}\``, f.times.count, pct(f.times, 'p50'), pct(f.times, 'p90'), pct(f.times, 'p99'), pct(f.times, 'max')]);
  return [
    '### Floors: the least each path costs (ms)',
    '',
    table(['runs on', 'operation', 'path', 'runs', 'p50', 'p90', 'p99', 'max'], rows),
    '',
    '*How:* one operation at a time from a load process, nothing else running. The ping is answered by the runtime itself (the Durable Object\'s WebSocket auto-response: no Parley code), the relay answers it in one line. *Limits:* loopback only, so no network; on one machine a floor is mostly the two processes waking each other.',
  ].join('\n');
}

export function ratiosSection(r: Results): string {
  const ping = floorOf(r, 'miniflare', 'ping');
  const http404 = floorOf(r, 'miniflare', '/api/nope');
  const at100 = r.latency.find((l) => l.conversations === 100);
  // The wrangler dev row is read against the Miniflare level of its own size.
  const dev = r.variants.find((v) => v.target === 'wrangler dev');
  const devLevel = r.latency.find((l) => l.conversations === dev?.conversations);
  const routed = r.routing.find((x) => x.target === 'miniflare');
  const at10 = routed?.steps.find((s) => s.rate === 10);
  const msgCpu = (t: Target, conversations = 100) => cpuOf(r, t, `message at ${conversations} conversations`);
  const chatCpu = (t: Target) => r.cpu.find((c) => c.target === t && c.operation.startsWith('chat start at'));
  const lines: string[] = ['### Ratios', ''];
  const rows: Array<Array<string | number>> = [];
  if (at100 && ping) {
    rows.push(['delivery at 100 conversations, p50 ÷ Parley’s ping floor p50', `${ms(at100.parley.visitorToAgent.p50)} ÷ ${ms(ping.p50)}`, ratio(at100.parley.visitorToAgent.p50, ping.p50)]);
    rows.push(['delivery at 100 conversations, p99 ÷ Parley’s ping floor p50', `${ms(at100.parley.visitorToAgent.p99)} ÷ ${ms(ping.p50)}`, ratio(at100.parley.visitorToAgent.p99, ping.p50)]);
    rows.push(['delivery at 100 conversations, Parley p50 ÷ relay p50', `${ms(at100.parley.visitorToAgent.p50)} ÷ ${ms(at100.relay.visitorToAgent.p50)}`, ratio(at100.parley.visitorToAgent.p50, at100.relay.visitorToAgent.p50)]);
  }
  const relayPing = floorOf(r, 'relay', 'ping');
  if (ping && relayPing) rows.push(['ping floor, Parley ÷ relay (p50)', `${ms(ping.p50)} ÷ ${ms(relayPing.p50)}`, ratio(ping.p50, relayPing.p50)]);
  if (at10 && ping) rows.push(['first message → offer at 10 chats/s, p99 ÷ ping floor p50', `${ms(at10.times.p99)} ÷ ${ms(ping.p50)}`, ratio(at10.times.p99, ping.p50)]);
  if (http404 && ping) rows.push(['HTTP 404 from the Worker ÷ ping floor (p50)', `${ms(http404.p50)} ÷ ${ms(ping.p50)}`, ratio(http404.p50, ping.p50)]);
  const [pm, rm] = [msgCpu('miniflare'), msgCpu('relay')];
  if (pm && rm) rows.push(['CPU per message at 100 conversations, Parley’s workerd ÷ the relay process', `${ms(serverCpuPerOp(pm))} ÷ ${ms(serverCpuPerOp(rm))}`, ratio(serverCpuPerOp(pm), serverCpuPerOp(rm))]);
  const [devMsg, sameMsg] = dev ? [msgCpu('wrangler dev', dev.conversations), msgCpu('miniflare', dev.conversations)] : [];
  if (devMsg && sameMsg) rows.push([`CPU per message at ${dev!.conversations} conversations, wrangler dev (all its processes) ÷ Miniflare`, `${ms(serverCpuPerOp(devMsg))} ÷ ${ms(serverCpuPerOp(sameMsg))}`, ratio(serverCpuPerOp(devMsg), serverCpuPerOp(sameMsg))]);
  const [pc, dc] = [chatCpu('miniflare'), chatCpu('wrangler dev')];
  if (pc && dc) rows.push([`CPU per chat start at ${dc.operation.replace('chat start at ', '')}, wrangler dev ÷ Miniflare`, `${ms(serverCpuPerOp(dc))} ÷ ${ms(serverCpuPerOp(pc))}`, ratio(serverCpuPerOp(dc), serverCpuPerOp(pc))]);
  if (dev && devLevel) rows.push([`delivery at ${dev.conversations} conversations p50, wrangler dev ÷ Miniflare`, `${ms(dev.delivery.visitorToAgent.p50)} ÷ ${ms(devLevel.parley.visitorToAgent.p50)}`, ratio(dev.delivery.visitorToAgent.p50, devLevel.parley.visitorToAgent.p50)]);
  lines.push(table(['what', 'ms (CPU-ms for CPU)', 'ratio'], rows));
  return lines.join('\n');
}

export function deliverySection(r: Results): string {
  const rows: Array<Array<string | number>> = [];
  for (const level of r.latency) {
    for (const [label, key] of [['visitor → agent', 'visitorToAgent'], ['agent → visitor', 'agentToVisitor']] as const) {
      const p = level.parley[key];
      const b = level.relay[key];
      rows.push([level.conversations, label, pct(p, 'p50'), pct(p, 'p90'), pct(p, 'p99'), pct(p, 'max'), pct(b, 'p50'), pct(b, 'p90'), pct(b, 'p99'), pct(b, 'max'), ratio(p.p50, b.p50), ratio(p.p99, b.p99), `${level.parley.lost} / ${level.relay.lost}`]);
    }
  }
  const variantRows = r.variants.map((v) => {
    const p = v.delivery.visitorToAgent;
    return [v.conversations, `Parley ${v.label}`, pct(p, 'p50'), pct(p, 'p90'), pct(p, 'p99'), pct(p, 'max'), v.delivery.lost];
  });
  return [
    '### Delivery latency (ms), Parley (Miniflare) against the bare relay',
    '',
    table(['conversations', 'direction', 'Parley p50', 'p90', 'p99', 'max', 'relay p50', 'p90', 'p99', 'max', 'ratio p50', 'ratio p99', 'not arrived 30 s after the end (Parley / relay)'], rows),
    '',
    ...(variantRows.length
      ? ['The same load run another way (visitor → agent):', '', table(['conversations', 'run', 'p50', 'p90', 'p99', 'max', 'not arrived'], variantRows), '']
      : []),
    `Setting up the conversations through Parley's real flow (visitor session, chat, first message, offer, accept, agent socket) took ${r.latency.map((l) => `${(l.parley.setupMs / 1000).toFixed(1)} s for ${l.conversations}`).join(', ')}.`,
    '',
    '![Delivery latency against concurrent conversations](benchmarks-latency.svg)',
    '',
    '*How:* each conversation has a visitor and an agent socket in one load process (one clock times both ends) and sends a message a second, alternating sides; latency is from the frame leaving the sender to the frame reaching the other end. Neither Parley\'s nor the relay\'s sockets use permessage-deflate (the clients do not offer it). *Limits:* the bench\'s sockets are plain `ws` sockets that do not resume, so a message still queued and one dropped look the same here; the soak below uses Parley\'s client, which resumes.',
  ].join('\n');
}

export function routingSection(r: Results): string {
  const parts: string[] = ['### Routing: first message to offer (ms)', ''];
  for (const run of r.routing) {
    parts.push(
      `${TARGET[run.target]}:`,
      '',
      table(['chats started / s', 'chats', 'p50', 'p99', 'max', 'not offered in time'], run.steps.map((s) => [s.rate, s.chats, pct(s.times, 'p50'), pct(s.times, 'p99'), pct(s.times, 'max'), s.unrouted])),
      '',
    );
  }
  const main = r.routing.find((x) => x.target === 'miniflare');
  parts.push(
    `Highest rate tried with p99 under 100 ms (Miniflare): **${main?.maxRateUnder100ms ?? 'none'}${main?.maxRateUnder100ms ? ' chats/s' : ''}**.`,
    '',
    '*How:* eight agents in one queue accept every offer at once and close the chat; visitors start chats at a fixed rate for a few seconds per rate; the time is from the visitor\'s first message to the offer frame reaching a console. *Limits:* every chat is a whole lifecycle on the one local workerd process (see CPU per chat start below), so the highest rate is that process\'s, not one Queue DO\'s.',
  );
  return parts.join('\n');
}

export function cpuSection(r: Results): string {
  const processes = ['workerd', 'dev proxy', 'wrangler', 'relay'];
  // A level of one conversation sends too few messages for 10 ms CPU ticks to say anything.
  const shown = r.cpu.filter((c) => !(c.operation.startsWith('message at') && c.operations < 50));
  const rows = shown.map((c) => {
    const per = (p: string) => (c.cpuMs[p] === undefined ? '–' : ms(c.cpuMs[p]! / c.operations));
    const server = serverCpuPerOp(c);
    return [TARGET[c.target], c.operation, int(c.operations), ...processes.map(per), ms(loadCpuPerOp(c)), server > 0 ? int(1000 / server) : '–'];
  });
  return [
    '### CPU per operation, per process (CPU-ms)',
    '',
    table(['runs on', 'operation', 'operations', 'Parley’s workerd', 'dev proxy', 'wrangler (Node)', 'relay (Node)', 'load generator(s)', 'sustainable / s on one core'], rows),
    '',
    '*How:* user + system CPU from `/proc/<pid>/stat` of each process, read before and after a phase, divided by the operations in it. A message is all its work: validation, storage, the ack, the fan-out and the D1 write, and for the relay its forwarding; a chat start is a whole lifecycle (session, chat, socket, first message, routing, offer, accept, close). The sustainable rate is 1000 ÷ the server\'s CPU-ms per operation (all its processes but the load generators): what one core could do if it did nothing else. *Limits:* CPU time is counted in 10 ms ticks, so short phases are rough; locally one workerd process runs the Worker, every Durable Object and D1\'s local engine together, so its CPU is theirs together.',
  ].join('\n');
}

export function memorySection(r: Results): string {
  const rows = r.memory.flatMap((m) => {
    const last = m.steps.at(-1)!;
    const prev = m.steps.at(-2)!;
    return Object.keys(last.rss).map((process) => [
      TARGET[m.target],
      m.label,
      process,
      m.steps.filter((s) => s.rss[process] !== undefined).map((s) => `${int(s.sockets)}: ${(s.rss[process]! / 2 ** 20).toFixed(0)} MB`).join(' → '),
      kb((last.rss[process]! - prev.rss[process]!) / Math.max(1, last.sockets - prev.sockets)),
      `${m.answeredAfterIdle} of ${last.sockets}`,
    ]);
  });
  return [
    '### Memory per idle socket',
    '',
    table(['runs on', 'sockets', 'process', 'resident memory after each step (sockets: RSS)', 'per socket (slope of the last step)', 'answered a ping after idling'], rows),
    '',
    '*How:* a fresh server process for each row; one visitor opens tabs (sockets) on one conversation in steps, each step idles before its resident memory (VmRSS) is read; the cost of one socket is the slope between the last two steps, so what a process holds before its first socket does not count. Every socket is then pinged. *Limits:* local workerd keeps every socket\'s state in its own memory; on Cloudflare hibernated sockets are held by the edge, not the object, up to 32,768 per Durable Object. RSS moves with the allocator and garbage collection, by a few MB.',
  ].join('\n');
}

export function soakSection(r: Results): string {
  const s = r.soak;
  const server = Object.entries(s.cpuMs).filter(([p]) => !isLoad(p)).reduce((n, [, v]) => n + v, 0);
  return [
    '### Soak: Parley’s own client under socket drops',
    '',
    table(
      ['conversations', 'sized by', 'messaging', 'messages', 'sockets cut', 'reconnects', 'lost', 'duplicated', 'reordered', 'unacked at the end', 'delivery p50', 'p99', 'max', 'Parley CPU per message'],
      [[s.conversations, s.sizedBy, `${s.durationS} s (setup ${s.setupS.toFixed(0)} s)`, int(s.sent), int(s.dropped), int(s.reconnects), `**${s.lost}**`, `**${s.duplicated}**`, `**${s.reordered}**`, s.unacked, pct(s.latency, 'p50'), pct(s.latency, 'p99'), pct(s.latency, 'max'), `${ms(server / Math.max(1, s.sent))} ms`]],
    ),
    '',
    '*How:* each side of each conversation is a `ConversationClient` (`protocol/client/conversation-client.ts`, the widget\'s and console\'s) on a `ws` socket; each conversation sends a message a second, alternating sides; every 5 s each socket is cut (terminated, as a dropped network would) with a chance of 3%, and the client comes back on its own (backoff, hello with the last seq, replay, resend). At the end every side\'s messages are compared with what the other sent: missing, shown twice, or out of send order. Latency counts from `send()` to the other client holding the message, so a message sent into a cut socket waits for the reconnect. *Limits:* one machine; the size is what the measured CPU sustains here (see "sized by").',
  ].join('\n');
}
