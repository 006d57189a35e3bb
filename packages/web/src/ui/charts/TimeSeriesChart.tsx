import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBucket, formatBucketShort, formatNumber } from '../../lib/format';
import { ChartTooltipBox } from './ChartTooltip';

export interface SeriesPoint {
  /** Bucket label (e.g. 2026-01-05, 2026-W02, 2026-01). */
  bucket: string;
  [series: string]: string | number | null;
}

export interface SeriesDef {
  key: string;
  label: string;
  color?: string;
}

const PALETTE = ['#5b3df5', '#12925b', '#e0742b', '#2b8fe0', '#c23fa4', '#7a8599'];

function valueAt(data: readonly SeriesPoint[], key: string, i: number): number | null {
  const v = data[i]?.[key];
  return typeof v === 'number' ? v : null;
}

/**
 * Whether a value has no neighbour to draw a line to (both sides empty): a line chart draws
 * nothing for it, so it gets a point of its own.
 */
export function isIsolated(data: readonly SeriesPoint[], key: string, i: number): boolean {
  return valueAt(data, key, i) !== null && valueAt(data, key, i - 1) === null && valueAt(data, key, i + 1) === null;
}

/** How many buckets have no value (shown as gaps). */
export function gapCount(data: readonly SeriesPoint[], key: string): number {
  return data.filter((p) => typeof p[key] !== 'number').length;
}

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
}

/**
 * A responsive line/area/bar chart. Null values are gaps (not zeros), and `gapLabel` says what a
 * gap means (e.g. "No posts"); a value between two gaps is drawn as a point. Axis labels and
 * tooltips use the app's date format; the visually hidden table gives screen readers the same
 * numbers (wrapped in a clipped box, so it takes no layout space).
 */
export function TimeSeriesChart({
  data,
  series,
  kind = 'line',
  height = 260,
  valueFormat = (v: number) => formatNumber(v),
  label,
  zeroBased = true,
  gapLabel = 'No data',
  bucketFormat = formatBucket,
  axisFormat = formatBucketShort,
}: {
  data: SeriesPoint[];
  series: SeriesDef[];
  kind?: 'line' | 'area' | 'bar';
  /** Start the value axis at 0 (off for levels such as follower counts, where the change matters). */
  zeroBased?: boolean;
  height?: number;
  valueFormat?: (v: number) => string;
  label: string;
  /** What an empty bucket means, in tooltips and the hidden table. */
  gapLabel?: string;
  bucketFormat?: (bucket: string) => string;
  axisFormat?: (bucket: string) => string;
}) {
  const Chart = kind === 'area' ? AreaChart : kind === 'bar' ? BarChart : LineChart;
  const colorOf = (s: SeriesDef, i: number) => s.color ?? PALETTE[i % PALETTE.length]!;
  const show = (v: unknown) => (typeof v === 'number' ? valueFormat(v) : gapLabel);
  const dotFor = (s: SeriesDef, i: number) =>
    function IsolatedDot({ cx, cy, index }: DotProps) {
      if (cx === undefined || cy === undefined || index === undefined || !isIsolated(data, s.key, index)) return <g key={`d${index}`} />;
      return <circle key={`d${index}`} cx={cx} cy={cy} r={3.5} fill={colorOf(s, i)} stroke="#fff" strokeWidth={1} data-isolated="true" />;
    };
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <div style={{ width: '100%', height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <Chart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e5ef" />
            <XAxis dataKey="bucket" tick={{ fontSize: 11 }} minTickGap={24} tickFormatter={(b: string) => axisFormat(String(b))} />
            <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => valueFormat(v)} width={56} domain={zeroBased ? [0, 'auto'] : ['auto', 'auto']} />
            <Tooltip
              content={({ active, label: bucket }) => {
                if (!active || bucket === undefined) return null;
                const row = data.find((p) => p.bucket === bucket);
                return (
                  <ChartTooltipBox
                    title={bucketFormat(String(bucket))}
                    rows={series.map((s, i) => ({ key: s.key, label: s.label, value: show(row?.[s.key]), color: series.length > 1 ? colorOf(s, i) : undefined }))}
                  />
                );
              }}
            />
            {series.length > 1 && <Legend />}
            {series.map((s, i) =>
              kind === 'bar' ? (
                <Bar key={s.key} dataKey={s.key} name={s.label} fill={colorOf(s, i)} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              ) : kind === 'area' ? (
                <Area
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.label}
                  stroke={colorOf(s, i)}
                  fill={colorOf(s, i)}
                  fillOpacity={0.15}
                  dot={dotFor(s, i)}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ) : (
                <Line
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.label}
                  stroke={colorOf(s, i)}
                  dot={dotFor(s, i)}
                  activeDot={{ r: 4 }}
                  strokeWidth={2}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ),
            )}
          </Chart>
        </ResponsiveContainer>
      </div>
      <div className="sr-only">
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((p) => (
              <tr key={p.bucket}>
                <th scope="row">{bucketFormat(p.bucket)}</th>
                {series.map((s) => (
                  <td key={s.key}>{show(p[s.key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
