/**
 * Reports: how chat is going at a glance (docs/reports.md). Loaded on its own (AdminArea's
 * `lazy`), with uPlot, so the console's first load does not carry the charts.
 */
import { createMemo, createResource, createSignal, For, onCleanup, Show, type JSX } from 'solid-js';
import type { Breakdown, BreakdownResponse, Figures, LiveResponse, OverviewResponse, SeriesResponse } from '../../../protocol/reports';
import { BREAKDOWNS } from '../../../protocol/reports';
import { pathOf } from '../../../protocol/rest/endpoint';
import { reports } from '../../../protocol/rest/reports';
import { ErrorNote } from '../../../ui/ErrorNote';
import { call } from '../api';
import { adminData } from './data';
import { VolumeChart } from './reports/Chart';
import { change, count, daysAgo, duration, hours, WEEKDAYS } from './reports/format';
import './reports/reports.css';

type Preset = 'today' | '7' | '30' | 'custom';
const PRESETS: Array<[Preset, string]> = [['today', 'Today'], ['7', 'Last 7 days'], ['30', 'Last 30 days'], ['custom', 'Custom']];
const BY_NAME: Record<Breakdown, string> = { agent: 'Agent', queue: 'Queue', site: 'Site', language: 'Language', label: 'Label' };
const LIVE_EVERY_MS = 15_000;

export function ReportsPage() {
  const [preset, setPreset] = createSignal<Preset>('7');
  const [from, setFrom] = createSignal(daysAgo(6));
  const [to, setTo] = createSignal(daysAgo(0));
  const [queue, setQueue] = createSignal('');
  const [by, setBy] = createSignal<Breakdown>('agent');

  const choose = (p: Preset) => {
    setPreset(p);
    if (p === 'custom') return;
    setFrom(daysAgo(p === 'today' ? 0 : Number(p) - 1));
    setTo(daysAgo(0));
  };

  const query = createMemo(() => ({ from: from(), to: to(), ...(queue() ? { queue: queue() } : {}) }));
  const [overview] = createResource(query, (q) => call(reports.overview, { query: q }));
  const [series] = createResource(query, (q) => call(reports.overTime, { query: q }));
  const [table] = createResource(() => ({ ...query(), by: by() }), (q) => call(reports.breakdown, { query: q }));
  const [live, { refetch: refetchLive }] = createResource(() => call(reports.live));
  const timer = setInterval(() => void refetchLive(), LIVE_EVERY_MS);
  onCleanup(() => clearInterval(timer));

  const csv = (tableName: string, extra: Record<string, string> = {}) =>
    `${pathOf(reports.exportCsv)}?${new URLSearchParams({ ...query(), table: tableName, ...extra })}`;
  const failed = () => [overview, series, table, live].map((r) => r.error as Error | undefined).find(Boolean)?.message ?? null;

  return (
    <div class="reports">
      <h2>Reports</h2>
      <form class="report-controls" aria-label="Report range" onSubmit={(e) => e.preventDefault()}>
        <fieldset class="presets">
          <legend>Period</legend>
          <For each={PRESETS}>
            {([value, label]) => (
              <label class="preset">
                <input type="radio" name="period" value={value} checked={preset() === value} onChange={() => choose(value)} />
                {label}
              </label>
            )}
          </For>
        </fieldset>
        <Show when={preset() === 'custom'}>
          <label>
            From
            <input type="date" value={from()} max={to()} onChange={(e) => setFrom(e.currentTarget.value)} />
          </label>
          <label>
            To
            <input type="date" value={to()} min={from()} onChange={(e) => setTo(e.currentTarget.value)} />
          </label>
        </Show>
        <label>
          Queue
          <select value={queue()} onChange={(e) => setQueue(e.currentTarget.value)}>
            <option value="">All queues</option>
            <For each={adminData.queues() ?? []}>{(q) => <option value={q.id}>{q.name}</option>}</For>
          </select>
        </label>
        <Show when={overview()}>{(o) => <p class="zone">Times in {o().range.timeZone}</p>}</Show>
      </form>
      <ErrorNote message={failed()} />

      <Show when={live()}>{(l) => <LiveNow live={l()} />}</Show>
      <Show when={overview()}>{(o) => <OverviewPanel overview={o()} csv={csv('overview')} />}</Show>
      <Show when={series()}>{(s) => <OverTime series={s()} csv={csv('over-time')} heatmapCsv={csv('heatmap')} />}</Show>
      <section aria-labelledby="breakdown-title">
        <div class="section-head">
          <h3 id="breakdown-title">By {BY_NAME[by()].toLowerCase()}</h3>
          <label class="inline">
            Break down by
            <select value={by()} onChange={(e) => setBy(e.currentTarget.value as Breakdown)}>
              <For each={BREAKDOWNS}>{(b) => <option value={b}>{BY_NAME[b]}</option>}</For>
            </select>
          </label>
          <a class="download" href={csv('breakdown', { by: by() })} download="">
            Download CSV
          </a>
        </div>
        <Show when={table()} fallback={<p class="note">Loading…</p>}>{(t) => <BreakdownTable table={t()} />}</Show>
      </section>
    </div>
  );
}

function LiveNow(props: { live: LiveResponse }) {
  const online = () => props.live.agents.filter((a) => a.status === 'online').length;
  const away = () => props.live.agents.filter((a) => a.status === 'away').length;
  return (
    <section aria-labelledby="live-title" class="live">
      <h3 id="live-title">Live now</h3>
      <div class="tiles">
        <Tile label="Waiting now" value={count(props.live.waiting)} />
        <Tile label="Longest wait" value={duration(props.live.longestWaitMs)} />
        <Tile label="Agents online" value={count(online())} />
        <Tile label="Agents away" value={count(away())} />
      </div>
      <Show when={props.live.agents.length > 0} fallback={<p class="note">No agents yet.</p>}>
        <table>
          <caption>Agents and their load</caption>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">Chats</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.live.agents}>
              {(a) => (
                <tr>
                  <th scope="row">{a.name}</th>
                  <td>
                    <span class={`status status-${a.status}`}>{a.status}</span>
                  </td>
                  <td class="num">
                    {a.chats} of {a.capacity}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

function Tile(props: { label: string; value: string; before?: string; delta?: string; worseWhenUp?: boolean }) {
  const tone = () => {
    if (!props.delta || props.delta === '±0%') return '';
    const up = props.delta.startsWith('+');
    return up === !!props.worseWhenUp ? 'worse' : 'better';
  };
  return (
    <div class="tile">
      <span class="tile-label">{props.label}</span>
      <strong class="tile-value">{props.value}</strong>
      <Show when={props.before !== undefined}>
        <span class="tile-before">
          <Show when={props.delta}>
            <span class={`delta ${tone()}`}>{props.delta}</span>{' '}
          </Show>
          before: {props.before}
        </span>
      </Show>
    </div>
  );
}

type Row = { label: string; value: (f: OverviewResponse['current']) => number | null; show: (n: number | null) => string; worseWhenUp?: boolean };
const OVERVIEW_ROWS: Row[] = [
  { label: 'Conversations', value: (f) => f.conversations, show: (n) => count(n ?? 0) },
  { label: 'Missed chats', value: (f) => f.missed, show: (n) => count(n ?? 0), worseWhenUp: true },
  { label: 'Tickets', value: (f) => f.tickets, show: (n) => count(n ?? 0), worseWhenUp: true },
  { label: 'Median wait', value: (f) => f.waitMedianMs, show: duration, worseWhenUp: true },
  { label: 'Wait, 90th percentile', value: (f) => f.waitP90Ms, show: duration, worseWhenUp: true },
  { label: 'Median first response', value: (f) => f.firstResponseMedianMs, show: duration, worseWhenUp: true },
  { label: 'First response, 90th percentile', value: (f) => f.firstResponseP90Ms, show: duration, worseWhenUp: true },
  { label: 'Median handle time', value: (f) => f.handleMedianMs, show: duration },
  { label: 'CSAT (1–5)', value: (f) => f.csat, show: (n) => (n === null ? '—' : n.toFixed(2)) },
  { label: 'Agent hours online', value: (f) => f.agentHours, show: hours },
  { label: 'Chats per agent-hour', value: (f) => f.chatsPerAgentHour, show: (n) => (n === null ? '—' : n.toFixed(2)) },
];

function OverviewPanel(props: { overview: OverviewResponse; csv: string }) {
  const o = () => props.overview;
  return (
    <>
      <section aria-labelledby="overview-title">
        <div class="section-head">
          <h3 id="overview-title">
            Overview <span class="muted">{o().range.from === o().range.to ? o().range.from : `${o().range.from} – ${o().range.to}`}</span>
          </h3>
          <a class="download" href={props.csv} download="">
            Download CSV
          </a>
        </div>
        <div class="tiles">
          <For each={OVERVIEW_ROWS}>
            {(row) => {
              const now = () => row.value(o().current);
              const before = () => row.value(o().previous);
              return <Tile label={row.label} value={row.show(now())} before={row.show(before())} delta={change(now(), before())} worseWhenUp={row.worseWhenUp} />;
            }}
          </For>
        </div>
        <p class="note">
          Compared with {o().previousRange.from} – {o().previousRange.to}. Waits and times are rounded up to a step of 5 s, 10 s, 15 s, 20 s, 30 s, 45 s, 1 min, 1½ min, 2 min, 3 min, 5 min and so on.
        </p>
      </section>
      <Csat figures={o().current} comments={o().comments} />
    </>
  );
}

function Csat(props: { figures: Figures; comments: OverviewResponse['comments'] }) {
  const most = () => Math.max(1, ...props.figures.ratings);
  return (
    <section aria-labelledby="csat-title">
      <h3 id="csat-title">Ratings</h3>
      <Show when={props.figures.rated > 0} fallback={<p class="note">No ratings in this period yet. Visitors rate a chat after it ends.</p>}>
        <div class="csat">
          <table class="bars">
            <caption>
              {count(props.figures.rated)} ratings, average {props.figures.csat?.toFixed(2)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Stars</th>
                <th scope="col" class="num">Ratings</th>
                <th scope="col">
                  <span class="visually-hidden">Share</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={[5, 4, 3, 2, 1]}>
                {(stars) => {
                  const n = () => props.figures.ratings[stars - 1]!;
                  return (
                    <tr>
                      <th scope="row">{stars}</th>
                      <td class="num">{n()}</td>
                      <td class="bar-cell" aria-hidden="true">
                        <Show when={n() > 0}>
                          <span class="bar" style={{ width: `${(n() / most()) * 100}%` }} />
                        </Show>
                      </td>
                    </tr>
                  );
                }}
              </For>
            </tbody>
          </table>
          <div class="comments">
            <h4>Latest comments</h4>
            <Show when={props.comments.length > 0} fallback={<p class="note">No comments yet.</p>}>
              <ul>
                <For each={props.comments}>
                  {(c) => (
                    <li>
                      <span class="stars" aria-label={`${c.rating} of 5`}>
                        {'★'.repeat(c.rating)}
                        {'☆'.repeat(5 - c.rating)}
                      </span>{' '}
                      “{c.comment}”
                      <span class="muted">
                        {' '}
                        — {c.agentName ?? 'unanswered'}, {new Date(c.at).toLocaleDateString()}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </div>
        </div>
      </Show>
    </section>
  );
}

function OverTime(props: { series: SeriesResponse; csv: string; heatmapCsv: string }) {
  const s = () => props.series;
  const unit = () => (s().step === 'hour' ? 'hour' : 'day');
  return (
    <>
      <section aria-labelledby="over-time-title">
        <div class="section-head">
          <h3 id="over-time-title">Over time</h3>
          <a class="download" href={props.csv} download="">
            Download CSV
          </a>
        </div>
        <VolumeChart series={s()} label={`Chats, missed chats and median wait per ${unit()}`} />
        <details>
          <summary>The numbers, per {unit()}</summary>
          <div class="scroll">
            <table>
              <caption class="visually-hidden">Chats, missed chats and median wait per {unit()}</caption>
              <thead>
                <tr>
                  <th scope="col">{s().step === 'hour' ? 'Hour' : 'Day'}</th>
                  <th scope="col" class="num">Chats</th>
                  <th scope="col" class="num">Missed</th>
                  <th scope="col" class="num">Median wait</th>
                </tr>
              </thead>
              <tbody>
                <For each={s().points}>
                  {(p) => (
                    <tr>
                      <th scope="row">{p.label}</th>
                      <td class="num">{p.conversations}</td>
                      <td class="num">{p.missed}</td>
                      <td class="num">{duration(p.waitMedianMs)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </details>
      </section>
      <section aria-labelledby="heatmap-title">
        <div class="section-head">
          <h3 id="heatmap-title">When chats come in</h3>
          <a class="download" href={props.heatmapCsv} download="">
            Download CSV
          </a>
        </div>
        <p class="note">Incoming chats by weekday and hour, on the owner's clock, and how many agents were online then on average: the staffing picture.</p>
        <HeatGrid caption="Incoming chats by weekday and hour" grid={s().heatmap} show={(n) => (n ? String(n) : '')} />
        <h4 class="grid-title">Agents online, on average</h4>
        <HeatGrid caption="Agents online on average by weekday and hour" grid={s().agentsOnline} show={(n) => (n ? n.toFixed(1) : '')} tone="agents" />
      </section>
    </>
  );
}

/** A weekday × hour grid, Monday first as a working week reads; darker cells hold more. */
function HeatGrid(props: { caption: string; grid: number[][]; show: (n: number) => string; tone?: 'agents' }) {
  const most = () => Math.max(1, ...props.grid.flat());
  return (
    <div class="scroll">
      <table class={`heatmap ${props.tone ?? ''}`}>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <td />
            <For each={Array.from({ length: 24 }, (_, h) => h)}>
              {(h) => (
                <th scope="col">
                  <span aria-hidden="true">{h % 3 === 0 ? String(h).padStart(2, '0') : ''}</span>
                  <span class="visually-hidden">{String(h).padStart(2, '0')}:00</span>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={[1, 2, 3, 4, 5, 6, 0]}>
            {(d) => (
              <tr>
                <th scope="row">{WEEKDAYS[d]}</th>
                <For each={props.grid[d]}>{(n) => <HeatCell n={n} most={most()} text={props.show(n)} />}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function HeatCell(props: { n: number; most: number; text: string }): JSX.Element {
  const level = () => (props.n === 0 ? 0 : Math.ceil((props.n / props.most) * 5));
  return <td class={`heat heat-${level()}`}>{props.text}</td>;
}

function BreakdownTable(props: { table: BreakdownResponse }) {
  // By agent and by queue, agents' time divides; by site, language or label it does not.
  const timed = () => props.table.by === 'agent' || props.table.by === 'queue';
  return (
    <Show when={props.table.rows.length > 0} fallback={<p class="note">{props.table.by === 'label' ? 'No labelled chats in this period.' : 'No chats in this period.'}</p>}>
      <div class="scroll">
        <table>
          <caption class="visually-hidden">Figures by {props.table.by}</caption>
          <thead>
            <tr>
              <th scope="col">{BY_NAME[props.table.by]}</th>
              <th scope="col" class="num">Chats</th>
              <th scope="col" class="num">Missed</th>
              <th scope="col" class="num">Transferred</th>
              <th scope="col" class="num">Median wait</th>
              <th scope="col" class="num">Median first response</th>
              <th scope="col" class="num">Median handle time</th>
              <th scope="col" class="num">CSAT</th>
              <Show when={timed()}>
                <th scope="col" class="num">Agent hours</th>
                <th scope="col" class="num">Chats per agent-hour</th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={props.table.rows}>
              {(r) => (
                <tr>
                  <th scope="row">{r.name}</th>
                  <td class="num">{count(r.conversations)}</td>
                  <td class="num">{count(r.missed)}</td>
                  <td class="num">{count(r.transferred)}</td>
                  <td class="num">{duration(r.waitMedianMs)}</td>
                  <td class="num">{duration(r.firstResponseMedianMs)}</td>
                  <td class="num">{duration(r.handleMedianMs)}</td>
                  <td class="num">{r.csat === null ? '—' : `${r.csat.toFixed(2)} (${r.rated})`}</td>
                  <Show when={timed()}>
                    <td class="num">{hours(r.agentHours)}</td>
                    <td class="num">{r.chatsPerAgentHour === null ? '—' : r.chatsPerAgentHour.toFixed(2)}</td>
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
