import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../lib/format';

export interface BarDatum {
  label: string;
  value: number | null;
  note?: string;
}

/** Horizontal-category bar chart with an equivalent hidden table for screen readers. */
export function BarChartView({
  data,
  label,
  height = 240,
  color = '#5b3df5',
  valueFormat = (v: number) => formatNumber(v),
}: {
  data: BarDatum[];
  label: string;
  height?: number;
  color?: string;
  valueFormat?: (v: number) => string;
}) {
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <div style={{ width: '100%', height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e5ef" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
            <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => valueFormat(v)} width={56} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? valueFormat(v) : '–')} />
            <Bar dataKey="value" fill={color} radius={[4, 4, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>{label}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td>{d.value === null ? '–' : valueFormat(d.value)}</td>
              {d.note && <td>{d.note}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
