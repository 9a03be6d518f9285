/**
 * Reports' figures for a hand-made day of chats whose answers are worked out by hand from the
 * definitions in docs/reports.md: missed, transferred, reopened and unrated chats, and a day in
 * New York (UTC−5) whose chats cross UTC midnight. The chats' moments go through the same writer
 * the Conversation DO's outbox uses (`reportStatements`), so only the clock is made up.
 */
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BreakdownResponse, OverviewResponse, SeriesResponse } from '../../protocol/reports';
import type { ReportEvent, ReportEventKind } from '../reports/events';
import { offlineStatements, onlineStatement } from '../reports/agent-time';
import { ratingStatements, reportStatements } from '../reports/record';
import { deleteLabel, setConversationLabels } from '../labels/labels';
import { call, signIn } from './helpers';

const S = 1000;
const MIN = 60 * S;
const ZONE = 'America/New_York';
/** Local midnight starting Saturday 10 January 2026 in New York: 05:00 UTC. */
const MIDNIGHT = Date.parse('2026-01-10T05:00:00Z');
const at = (localHours: number, localMinutes = 0) => MIDNIGHT + localHours * 60 * MIN + localMinutes * MIN;

interface Chat {
  id: string;
  queuedAt: number;
  queue?: string;
  /** [agent, seconds after queued] */
  accepted?: [string, number];
  /** Seconds after accepted. */
  firstReply?: number;
  /** Minutes after accepted. */
  ended?: number;
  missed?: boolean;
  transferredTo?: string;
  reopened?: boolean;
  rating?: [number, string | null];
  language?: string;
}

const CHATS: Chat[] = [
  // Saturday 10 January, local time.
  { id: 'c1', queuedAt: at(0, 10), accepted: ['agent-alice', 12], firstReply: 20, ended: 10, rating: [5, 'Great'], language: 'en' },
  { id: 'c2', queuedAt: at(9), accepted: ['agent-alice', 40], firstReply: 50, transferredTo: 'agent-bob', ended: 25, rating: [3, null], language: 'de' },
  { id: 'c3', queuedAt: at(12), missed: true, language: 'en' },
  { id: 'c4', queuedAt: at(15), accepted: ['agent-bob', 200], firstReply: 100, ended: 3, reopened: true, language: 'en' },
  // 23:30 in New York is 04:30 UTC on the 11th: still the 10th here.
  { id: 'c5', queuedAt: at(23, 30), accepted: ['agent-bob', 8], firstReply: 5, ended: 4, rating: [4, 'ok, but "slow" at first'], language: 'en' },
  // Friday the 9th in New York, though the 10th in UTC (01:00Z) for c6: the previous period.
  { id: 'c6', queuedAt: at(-4), accepted: ['agent-alice', 30], firstReply: 30, ended: 5 },
  // 23:50 on the 9th, answered and ended after midnight: it stays on the 9th.
  { id: 'c7', queuedAt: at(0, -10), accepted: ['agent-alice', 70], firstReply: 10, ended: 15 },
  // Sunday the 11th, in another queue: admins see it, the supervisor of General does not.
  { id: 'c8', queuedAt: at(34), queue: 'sales', accepted: ['agent-admin', 5], firstReply: 5, ended: 2 },
];

function eventsOf(chat: Chat): ReportEvent[] {
  const events: ReportEvent[] = [];
  let agentId: string | null = null;
  const add = (event: ReportEventKind, time: number) =>
    events.push({ kind: 'report', event, conversationId: chat.id, siteId: 'demo-shop', queueId: chat.queue ?? 'general', agentId, language: chat.language ?? null, at: time });
  add('queued', chat.queuedAt);
  if (chat.missed) add('missed', chat.queuedAt + 5 * MIN);
  if (chat.accepted) {
    const acceptedAt = chat.queuedAt + chat.accepted[1] * S;
    agentId = chat.accepted[0];
    add('accepted', acceptedAt);
    if (chat.firstReply !== undefined) add('first_reply', acceptedAt + chat.firstReply * S);
    if (chat.transferredTo) {
      agentId = chat.transferredTo;
      add('transferred', acceptedAt + 2 * MIN);
      // The new agent's first words are not the chat's first response.
      add('first_reply', acceptedAt + 3 * MIN);
    }
    if (chat.ended !== undefined) add('ended', acceptedAt + chat.ended * MIN);
    // Back, accepted and ended again: none of it moves the first stretch's figures.
    if (chat.reopened) for (const e of ['reopened', 'queued', 'accepted', 'ended'] as const) add(e, acceptedAt + 60 * MIN);
  }
  return events;
}

beforeEach(async () => {
  await env.DB.prepare("INSERT INTO queues (id, site_id, name, created_at) VALUES ('sales', 'demo-shop', 'Sales', 0)").run();
  // Flushed the way the outbox flushes: a few chats' events to a batch, in order.
  for (const chat of CHATS) await env.DB.batch(reportStatements(env.DB, eventsOf(chat)));
  for (const chat of CHATS) if (chat.rating) await env.DB.batch(ratingStatements(env.DB, chat.id, chat.rating[0], chat.rating[1], chat.queuedAt + 20 * MIN));
  // A repeated flush (the outbox retried after D1 had the batch) changes nothing.
  await env.DB.batch(reportStatements(env.DB, eventsOf(CHATS[1]!)));
  // Agents online, through the AgentDO's own writer: Alice 08:00–12:30, Bob 14:00–16:00 and 23:00–01:00
  // (across midnight: one hour on each day); Ada online since 20:00 on Sunday the 11th, still now.
  for (const [agent, from, to] of [['agent-alice', at(8), at(12, 30)], ['agent-bob', at(14), at(16)], ['agent-bob', at(23), at(25)]] as const) {
    await env.DB.batch(offlineStatements(env.DB, agent, from, to));
  }
  await onlineStatement(env.DB, 'agent-admin', at(44)).run();
  // Tickets: one on the 10th, one on the 9th.
  for (const [id, time] of [['t1', at(12, 5)], ['t2', at(-2)]] as const) {
    await env.DB.prepare("INSERT INTO tickets (id, site_id, queue_id, name, email, message, status, created_at) VALUES (?, 'demo-shop', 'general', 'V', 'v@example.com', 'Hi', 'open', ?)").bind(id, time).run();
  }
});

const get = async <T>(cookie: string, path: string) => {
  const res = await call(path, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
};
const day = `from=2026-01-10&to=2026-01-10&timeZone=${encodeURIComponent(ZONE)}`;

describe('the figures of a day in New York', () => {
  it('overview: counts, medians and p90s by bucket edge, CSAT, tickets, and the day before beside it', async () => {
    const admin = await signIn('admin@example.com');
    const o = await get<OverviewResponse>(admin, `/api/admin/reports/overview?${day}`);
    expect(o.range).toMatchObject({ from: '2026-01-10', to: '2026-01-10', timeZone: ZONE, startMs: MIDNIGHT, endMs: MIDNIGHT + 24 * 60 * MIN });
    expect(o.current).toEqual({
      conversations: 5,
      accepted: 4,
      missed: 1,
      transferred: 1,
      reopened: 1,
      // Waits 8, 12, 40, 200 s: the 2nd (12 s) is in the 10–15 s bucket, the 4th (200 s) in 180–300 s.
      waitMedianMs: 15 * S,
      waitP90Ms: 300 * S,
      // First responses 5, 20, 50, 100 s (c2's new agent's reply is not counted): 20 s → 30 s, 100 s → 120 s.
      firstResponseMedianMs: 30 * S,
      firstResponseP90Ms: 120 * S,
      // Handle times 3, 4, 10, 25 min (c4's reopened stretch is not counted): 4 min (240 s) → 300 s.
      handleMedianMs: 300 * S,
      rated: 3,
      csat: 4,
      ratings: [0, 0, 1, 1, 1],
      // 4.5 h of Alice and 3 h of Bob; 4 chats taken.
      agentHours: 7.5,
      chatsPerAgentHour: 0.53,
      tickets: 1,
    });
    // Friday: c6 (30 s wait) and c7 (70 s), and one ticket.
    expect(o.previousRange).toMatchObject({ from: '2026-01-09', to: '2026-01-09' });
    expect(o.previous).toMatchObject({ conversations: 2, accepted: 2, missed: 0, waitMedianMs: 45 * S, waitP90Ms: 90 * S, rated: 0, csat: null, tickets: 1 });
    // Nobody was online on Friday: no chats per agent-hour to speak of.
    expect(o.previous).toMatchObject({ agentHours: 0, chatsPerAgentHour: null });
    expect(o.comments.map((c) => [c.conversationId, c.rating, c.comment, c.agentName])).toEqual([
      ['c5', 4, 'ok, but "slow" at first', 'Bob'],
      ['c1', 5, 'Great', 'Alice'],
    ]);
  });

  it('the same day on the UTC clock is another set of chats', async () => {
    const admin = await signIn('admin@example.com');
    const o = await get<OverviewResponse>(admin, '/api/admin/reports/overview?from=2026-01-10&to=2026-01-10&timeZone=UTC');
    // 00:00–24:00 UTC on the 10th: c6, c7, c1, c2, c3, c4 (c5 is 04:30 UTC on the 11th).
    expect(o.current.conversations).toBe(6);
  });

  it('over time: each local hour of the day, and the weekday × hour heatmap on the local clock', async () => {
    const admin = await signIn('admin@example.com');
    const s = await get<SeriesResponse>(admin, `/api/admin/reports/over-time?${day}`);
    expect(s.step).toBe('hour');
    expect(s.points).toHaveLength(24);
    expect(s.points[0]).toMatchObject({ label: '2026-01-10 00:00', startMs: MIDNIGHT, conversations: 1, waitMedianMs: 15 * S });
    const busy = s.points.filter((p) => p.conversations > 0).map((p) => [p.label, p.conversations, p.missed]);
    expect(busy).toEqual([
      ['2026-01-10 00:00', 1, 0],
      ['2026-01-10 09:00', 1, 0],
      ['2026-01-10 12:00', 1, 1],
      ['2026-01-10 15:00', 1, 0],
      ['2026-01-10 23:00', 1, 0],
    ]);
    // Saturday is weekday 6.
    const cells = (grid: number[][]) => grid.flatMap((hours, d) => hours.map((n, h) => [d, h, n])).filter(([, , n]) => n! > 0);
    expect(cells(s.heatmap)).toEqual([[6, 0, 1], [6, 9, 1], [6, 12, 1], [6, 15, 1], [6, 23, 1]]);
    // Against it, agents online: Alice from 08:00 (half of 12:00), Bob 14:00–16:00 and from 23:00.
    expect(cells(s.agentsOnline)).toEqual([[6, 8, 1], [6, 9, 1], [6, 10, 1], [6, 11, 1], [6, 12, 0.5], [6, 14, 1], [6, 15, 1], [6, 23, 1]]);

    const week = await get<SeriesResponse>(admin, `/api/admin/reports/over-time?from=2026-01-05&to=2026-01-11&timeZone=${encodeURIComponent(ZONE)}`);
    expect(week.step).toBe('day');
    // Over a week each slot is one hour of one day: Sunday 00:00 has Bob's hour after midnight,
    // and Ada is online from 20:00 to the end of the range, her stretch still going.
    expect(cells(week.agentsOnline).filter(([d]) => d === 0)).toEqual([[0, 0, 1], [0, 20, 1], [0, 21, 1], [0, 22, 1], [0, 23, 1]]);
    expect(week.points.map((p) => [p.label, p.conversations])).toEqual([
      ['2026-01-05', 0], ['2026-01-06', 0], ['2026-01-07', 0], ['2026-01-08', 0], ['2026-01-09', 2], ['2026-01-10', 5], ['2026-01-11', 1],
    ]);
  });

  it('over time across a change to summer time: each side of it on its own clock', async () => {
    // New York moves to UTC−4 at 02:00 on Sunday 8 March 2026: 10:00 local is 15:00Z before, 14:00Z after.
    const before: Chat = { id: 'dst1', queuedAt: Date.parse('2026-03-07T15:00:00Z'), accepted: ['agent-alice', 12] };
    const after: Chat = { id: 'dst2', queuedAt: Date.parse('2026-03-09T14:00:00Z'), accepted: ['agent-bob', 12] };
    for (const chat of [before, after]) await env.DB.batch(reportStatements(env.DB, eventsOf(chat)));
    const admin = await signIn('admin@example.com');
    const s = await get<SeriesResponse>(admin, `/api/admin/reports/over-time?from=2026-03-07&to=2026-03-09&timeZone=${encodeURIComponent(ZONE)}`);
    expect(s.points.map((p) => [p.label, p.conversations])).toEqual([['2026-03-07', 1], ['2026-03-08', 0], ['2026-03-09', 1]]);
    const cells = s.heatmap.flatMap((hours, d) => hours.map((n, h) => [d, h, n])).filter(([, , n]) => n! > 0);
    expect(cells).toEqual([[1, 10, 1], [6, 10, 1]]);
  });

  it('breakdowns: the agent who first accepted a chat keeps it after a transfer; missed chats are nobody’s', async () => {
    const admin = await signIn('admin@example.com');
    const byAgent = await get<BreakdownResponse>(admin, `/api/admin/reports/breakdown?${day}&by=agent`);
    const rows = Object.fromEntries(byAgent.rows.map((r) => [r.name, [r.conversations, r.missed, r.transferred, r.waitMedianMs, r.rated, r.csat]]));
    expect(rows).toEqual({
      Alice: [2, 0, 1, 15 * S, 2, 4],
      Bob: [2, 0, 0, 10 * S, 1, 4],
      'Nobody (missed or unanswered)': [1, 1, 0, null, 0, null],
    });
    // Each agent's own time online: Alice 2 chats in 4.5 h, Bob 2 in 3 h; nobody spends no time.
    expect(byAgent.rows.map((r) => [r.name, r.agentHours, r.chatsPerAgentHour])).toEqual([
      ['Alice', 4.5, 0.44],
      ['Bob', 3, 0.67],
      ['Nobody (missed or unanswered)', null, null],
    ]);
    const byLanguage = await get<BreakdownResponse>(admin, `/api/admin/reports/breakdown?${day}&by=language`);
    expect(byLanguage.rows.map((r) => [r.key, r.conversations, r.agentHours])).toEqual([['en', 4, null], ['de', 1, null]]);
    const weekend = `from=2026-01-10&to=2026-01-11&timeZone=${encodeURIComponent(ZONE)}`;
    const byQueue = await get<BreakdownResponse>(admin, `/api/admin/reports/breakdown?${weekend}&by=queue`);
    // A queue's time is its members': General has Alice and Bob (8.5 h over the weekend), Sales nobody.
    expect(byQueue.rows.map((r) => [r.name, r.conversations, r.agentHours, r.chatsPerAgentHour])).toEqual([['General', 5, 8.5, 0.47], ['Sales', 1, 0, null]]);
  });

  it('by label: a chat in each of its labels, counted again when labels or the chat change, gone with a deleted label', async () => {
    const admin = await signIn('admin@example.com');
    const label = async (name: string) => {
      const res = await call('/api/admin/labels', { method: 'POST', cookie: admin, body: JSON.stringify({ name, color: '#2f6fde' }) });
      expect(res.status, await res.clone().text()).toBe(201);
      return ((await res.json()) as { label: { id: string } }).label.id;
    };
    const billing = await label('Billing');
    const bug = await label('Bug');
    await setConversationLabels(env.DB, 'c1', [billing]);
    await setConversationLabels(env.DB, 'c2', [billing, bug]);
    await setConversationLabels(env.DB, 'c4', [bug]);
    const byLabel = async () =>
      (await get<BreakdownResponse>(admin, `/api/admin/reports/breakdown?${day}&by=label`)).rows.map((r) => [r.name, r.conversations, r.rated, r.csat, r.agentHours]);
    expect(await byLabel()).toEqual([
      ['Billing', 2, 2, 4, null],
      ['Bug', 2, 1, 3, null],
    ]);
    // c4 is rated later: its labelled row hears of it with the rest of its hour.
    await env.DB.batch(ratingStatements(env.DB, 'c4', 1, null, at(18)));
    await setConversationLabels(env.DB, 'c1', []);
    expect(await byLabel()).toEqual([
      ['Bug', 2, 2, 2, null],
      ['Billing', 1, 1, 3, null],
    ]);
    await deleteLabel(env.DB, bug);
    expect(await byLabel()).toEqual([['Billing', 1, 1, 3, null]]);
  });

  it('a week reads its whole UTC days from the day rows and its edges by the hour, to the same figures', async () => {
    const admin = await signIn('admin@example.com');
    const week = await get<OverviewResponse>(admin, `/api/admin/reports/overview?from=2026-01-05&to=2026-01-11&timeZone=${encodeURIComponent(ZONE)}`);
    // All eight: waits 5, 8, 12, 30, 40, 70, 200 s and c3 missed; the 4th of 7 (30 s) is in 30–45 s.
    expect(week.current).toMatchObject({ conversations: 8, accepted: 7, missed: 1, waitMedianMs: 45 * S, waitP90Ms: 300 * S, rated: 3, csat: 4 });
    const byAgent = await get<BreakdownResponse>(admin, `/api/admin/reports/breakdown?from=2026-01-05&to=2026-01-11&timeZone=${encodeURIComponent(ZONE)}&by=agent`);
    expect(byAgent.rows.map((r) => [r.key, r.conversations])).toEqual([['agent-alice', 4], ['agent-bob', 2], ['', 1], ['agent-admin', 1]]);
  });

  it('filters by queue, agent and language narrow every figure', async () => {
    const admin = await signIn('admin@example.com');
    const bob = await get<OverviewResponse>(admin, `/api/admin/reports/overview?${day}&agent=agent-bob`);
    expect(bob.current).toMatchObject({ conversations: 2, waitMedianMs: 10 * S, waitP90Ms: 300 * S, csat: 4 });
    const german = await get<OverviewResponse>(admin, `/api/admin/reports/overview?${day}&language=de`);
    expect(german.current).toMatchObject({ conversations: 1, transferred: 1, csat: 3 });
  });

  it('a supervisor sees only the queues they are a member of', async () => {
    await env.DB.prepare("UPDATE agents SET role = 'supervisor' WHERE id = 'agent-bob'").run();
    const bob = await signIn('bob@example.com');
    const weekend = `from=2026-01-10&to=2026-01-11&timeZone=${encodeURIComponent(ZONE)}`;
    const theirs = await get<BreakdownResponse>(bob, `/api/admin/reports/breakdown?${weekend}&by=queue`);
    expect(theirs.rows.map((r) => [r.name, r.conversations])).toEqual([['General', 5]]);
    const sunday = await get<OverviewResponse>(bob, `/api/admin/reports/overview?from=2026-01-11&to=2026-01-11&timeZone=${encodeURIComponent(ZONE)}`);
    expect(sunday.current.conversations).toBe(0);
  });

  it('exports each table as CSV with a header row, quoting what needs it', async () => {
    const admin = await signIn('admin@example.com');
    const res = await call(`/api/admin/reports/export?${day}&table=breakdown&by=agent`, { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="parley-breakdown-by-agent-2026-01-10-to-2026-01-10.csv"');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'agent,agent_id,conversations,accepted,missed,transferred,reopened,wait_median_s,wait_p90_s,first_response_median_s,first_response_p90_s,handle_median_s,rated,csat,rating_1,rating_2,rating_3,rating_4,rating_5,agent_hours,chats_per_agent_hour',
    );
    expect(lines).toContain('Alice,agent-alice,2,2,0,1,0,15,45,30,60,900,2,4,0,0,1,0,1,4.5,0.44');
    // A name that would be a formula, with a comma and quotes, stays one text cell.
    await env.DB.prepare(`UPDATE agents SET name = '=Bob, "B"' WHERE id = 'agent-bob'`).run();
    const quoted = (await (await call(`/api/admin/reports/export?${day}&table=breakdown&by=agent`, { cookie: admin })).text()).split('\r\n');
    expect(quoted.find((l) => l.includes(',agent-bob,'))).toMatch(/^"'=Bob, ""B""",agent-bob,2,/);
    const overview = await (await call(`/api/admin/reports/export?${day}&table=overview`, { cookie: admin })).text();
    expect(overview.split('\r\n')[1]).toBe('current,2026-01-10,2026-01-10,5,4,1,1,1,15,300,30,120,300,3,4,0,0,1,1,1,7.5,0.53,1');
    const heatmap = (await (await call(`/api/admin/reports/export?${day}&table=heatmap`, { cookie: admin })).text()).split('\r\n');
    expect(heatmap[0]).toMatch(/^measure,weekday,00:00,01:00,.*,23:00$/);
    expect(heatmap[7]).toBe('chats,Saturday,1,0,0,0,0,0,0,0,0,1,0,0,1,0,0,1,0,0,0,0,0,0,0,1');
    expect(heatmap[14]).toBe('agents_online,Saturday,0,0,0,0,0,0,0,0,1,1,1,1,0.5,0,1,1,0,0,0,0,0,0,0,1');
  });
});
