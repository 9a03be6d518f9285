/** The latency chart in docs/benchmarks-latency.svg: p50 and p99 of Parley and the relay against load. */
import type { Results } from './results';

/** p50 and p99 of both systems against load, as an SVG line chart. */
export function chart(r: Results): string {
  const W = 640, H = 360, left = 60, right = 170, top = 30, bottom = 50;
  const series = [
    { name: 'Parley p99', color: '#b42318', values: r.latency.map((l) => l.parley.visitorToAgent.p99), dash: '' },
    { name: 'Parley p50', color: '#1f5fd6', values: r.latency.map((l) => l.parley.visitorToAgent.p50), dash: '' },
    { name: 'relay p99', color: '#b42318', values: r.latency.map((l) => l.relay.visitorToAgent.p99), dash: '6 4' },
    { name: 'relay p50', color: '#1f5fd6', values: r.latency.map((l) => l.relay.visitorToAgent.p50), dash: '6 4' },
  ];
  // Log scale: the relay's sub-millisecond times and an overloaded run's seconds on one chart.
  const values = series.flatMap((s) => s.values).filter((v) => v > 0);
  const low = Math.floor(Math.log10(Math.min(...values, 1)));
  const high = Math.ceil(Math.log10(Math.max(...values, 10)));
  const x = (i: number) => left + (r.latency.length === 1 ? 0 : (i * (W - left - right)) / (r.latency.length - 1));
  const y = (v: number) => top + (H - top - bottom) * (1 - (Math.log10(Math.max(v, 10 ** low)) - low) / (high - low));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${left}" y="18" font-size="14" font-weight="bold">Visitor → agent latency, ms (log scale)</text>`,
    `<line x1="${left}" y1="${H - bottom}" x2="${W - right}" y2="${H - bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${H - bottom}" stroke="#333"/>`,
  ];
  for (let decade = low; decade <= high; decade++) {
    const v = 10 ** decade;
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v >= 1 ? v : v.toFixed(-decade)}</text>`, `<line x1="${left}" y1="${y(v)}" x2="${W - right}" y2="${y(v)}" stroke="#eee"/>`);
  }
  r.latency.forEach((l, i) => parts.push(`<text x="${x(i)}" y="${H - bottom + 18}" text-anchor="middle">${l.conversations}</text>`));
  parts.push(`<text x="${(left + W - right) / 2}" y="${H - 12}" text-anchor="middle">concurrent conversations (one message a second each)</text>`);
  series.forEach((s, k) => {
    const points = s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`);
    s.values.forEach((v, i) => parts.push(`<circle cx="${x(i)}" cy="${y(v)}" r="3" fill="${s.color}"/>`));
    const ly = top + 10 + k * 20;
    parts.push(`<line x1="${W - right + 15}" y1="${ly}" x2="${W - right + 45}" y2="${ly}" stroke="${s.color}" stroke-width="2" stroke-dasharray="${s.dash}"/>`, `<text x="${W - right + 52}" y="${ly + 4}">${s.name}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
