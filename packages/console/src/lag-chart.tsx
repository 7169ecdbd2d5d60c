// The lag of the last hour (POST /lag_history) as a uPlot line chart: seconds behind on the left axis,
// binlogs behind on the right. The chart is made once and fed new data on every poll.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LagSample } from './types';

const HEIGHT = 220;

function columns(samples: readonly LagSample[]): uPlot.AlignedData {
  return [
    samples.map((s) => s.at / 1000),
    samples.map((s) => s.lag_seconds ?? null),
    samples.map((s) => s.lag_binlogs),
  ];
}

export function LagChart({ samples }: { samples: readonly LagSample[] }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);
  useEffect(() => {
    const el = box.current!;
    const options: uPlot.Options = {
      width: Math.max(320, el.clientWidth),
      height: HEIGHT,
      series: [
        {},
        { label: 'lag (s)', stroke: '#2563eb', width: 2, scale: 's', spanGaps: false },
        { label: 'lag (binlogs)', stroke: '#d97706', width: 1, scale: 'n', dash: [4, 4] },
      ],
      scales: {
        s: { range: (_u, _min, max) => [0, Math.max(1, max)] },
        n: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [
        {},
        { scale: 's', label: 'seconds' },
        { scale: 'n', side: 1, label: 'binlogs', grid: { show: false } },
      ],
    };
    chart.current = new uPlot(options, columns([]), el);
    const resize = new ResizeObserver(() =>
      chart.current?.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.current?.destroy();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setData(columns(samples));
  }, [samples]);
  const last = samples[samples.length - 1];
  return (
    <div class="lag-chart" data-samples={samples.length} data-last-at={last?.at ?? ''}>
      <div ref={box} />
      {samples.length === 0 ? (
        <p class="muted">No samples yet: the health monitor looks every few seconds.</p>
      ) : null}
    </div>
  );
}
