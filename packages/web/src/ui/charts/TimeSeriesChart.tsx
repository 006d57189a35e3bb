import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../lib/format';

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

/**
 * A responsive line/area chart. Null values are gaps (not zeros); the hidden table below the
 * chart gives screen readers the same numbers.
 */
export function TimeSeriesChart({
  data,
  series,
  kind = 'line',
  height = 260,
  valueFormat = (v: number) => formatNumber(v),
  label,
  zeroBased = true,
}: {
  data: SeriesPoint[];
  series: SeriesDef[];
  kind?: 'line' | 'area' | 'bar';
  /** Start the value axis at 0 (off for levels such as follower counts, where the change matters). */
  zeroBased?: boolean;
  height?: number;
  valueFormat?: (v: number) => string;
  label: string;
}) {
  const Chart = kind === 'area' ? AreaChart : kind === 'bar' ? BarChart : LineChart;
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <div style={{ width: '100%', height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <Chart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e5ef" />
            <XAxis dataKey="bucket" tick={{ fontSize: 11 }} minTickGap={24} />
            <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => valueFormat(v)} width={56} domain={zeroBased ? [0, 'auto'] : ['auto', 'auto']} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? valueFormat(v) : String(v ?? '–'))} />
            {series.length > 1 && <Legend />}
            {series.map((s, i) =>
              kind === 'bar' ? (
                <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color ?? PALETTE[i % PALETTE.length]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              ) : kind === 'area' ? (
                <Area
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.label}
                  stroke={s.color ?? PALETTE[i % PALETTE.length]}
                  fill={s.color ?? PALETTE[i % PALETTE.length]}
                  fillOpacity={0.15}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ) : (
                <Line
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.label}
                  stroke={s.color ?? PALETTE[i % PALETTE.length]}
                  dot={data.length < 3 ? { r: 3 } : false}
                  strokeWidth={2}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ),
            )}
          </Chart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
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
              <th scope="row">{p.bucket}</th>
              {series.map((s) => (
                <td key={s.key}>{typeof p[s.key] === 'number' ? valueFormat(p[s.key] as number) : '–'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
