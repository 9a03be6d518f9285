/**
 * One uPlot chart over the series: chats and missed chats as bars, the median wait as a line on
 * its own axis. uPlot draws on a canvas, so the same numbers are always in a table beside it.
 */
import { createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesResponse } from '../../../../protocol/reports';
import { duration } from './format';

const bars = uPlot.paths.bars!({ size: [0.7, 40] });
/** Ticks for the wait axis at durations people say: 5 s, 30 s, 1 min, 5 min… */
const WAIT_STEPS_S = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

export function VolumeChart(props: { series: SeriesResponse; label: string }) {
  let box!: HTMLDivElement;
  let chart: uPlot | undefined;

  const draw = () => {
    chart?.destroy();
    const { points, step } = props.series;
    const data: uPlot.AlignedData = [
      points.map((p) => p.startMs / 1000),
      points.map((p) => p.conversations),
      // No bar at all for an hour with none missed, rather than a red line along the axis.
      points.map((p) => p.missed || null),
      points.map((p) => (p.waitMedianMs === null ? null : p.waitMedianMs / 1000)),
    ];
    chart = new uPlot(
      {
        width: Math.max(320, box.clientWidth),
        height: 260,
        // Labels on the owner's clock are in the data; the axis shows them as the server wrote them.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), props.series.range.timeZone),
        cursor: { drag: { x: false, y: false } },
        legend: { live: true },
        scales: { x: { time: true }, y: { range: (_, __, max) => [0, Math.max(5, max * 1.1)] }, wait: { range: (_, __, max) => [0, Math.max(60, max * 1.1)] } },
        axes: [
          { stroke: '#3d4657', grid: { stroke: '#eef1f5' }, values: step === 'day' ? '{MMM} {D}' : '{HH}:00' },
          { stroke: '#3d4657', grid: { stroke: '#eef1f5' }, label: 'Chats' },
          { scale: 'wait', side: 1, stroke: '#9a4d00', grid: { show: false }, label: 'Median wait', incrs: WAIT_STEPS_S, values: (_, ticks) => ticks.map((t) => duration(t * 1000)) },
        ],
        series: [
          {},
          { label: 'Chats', fill: '#2f6fdecc', stroke: '#1f5fd6', paths: bars, points: { show: false } },
          { label: 'Missed', fill: '#c0392bcc', stroke: '#a93226', paths: bars, points: { show: false } },
          { label: 'Median wait', scale: 'wait', stroke: '#b35900', width: 2, spanGaps: true, value: (_, v) => (v === null ? '—' : duration(v * 1000)) },
        ],
      },
      data,
      box,
    );
  };

  onMount(() => {
    const resize = new ResizeObserver(() => chart?.setSize({ width: Math.max(320, box.clientWidth), height: 260 }));
    resize.observe(box);
    onCleanup(() => resize.disconnect());
  });
  createEffect(draw);
  onCleanup(() => chart?.destroy());

  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={props.label} />
      <figcaption>{props.label}. The same numbers are in the table below.</figcaption>
    </figure>
  );
}
