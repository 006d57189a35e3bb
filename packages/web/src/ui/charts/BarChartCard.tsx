import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../lib/format';
import { ChartTooltipBox } from './ChartTooltip';

export interface BarDatum {
  label: string;
  value: number | null;
  note?: string;
}

/** Cuts a category label to fit under a narrow bar ("Instagram · @bakery_shop" → "Instagram · @bak…"). */
export function shortLabel(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, Math.max(1, max - 1))}…` : label;
}

/**
 * Category bar chart with an equivalent hidden table for screen readers. `valueLabel` names the
 * value in tooltips ("Engagements 1,234"); long category labels are shortened on the axis (the
 * tooltip and the table keep them whole).
 */
export function BarChartView({
  data,
  label,
  valueLabel,
  height = 240,
  color = '#5b3df5',
  valueFormat = (v: number) => formatNumber(v),
  maxTickChars = 18,
}: {
  data: BarDatum[];
  label: string;
  valueLabel: string;
  height?: number;
  color?: string;
  valueFormat?: (v: number) => string;
  maxTickChars?: number;
}) {
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <div style={{ width: '100%', height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e5ef" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={8} tickFormatter={(l: string) => shortLabel(String(l), maxTickChars)} />
            <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => valueFormat(v)} width={56} />
            <Tooltip
              content={({ active, label: category }) => {
                if (!active || category === undefined) return null;
                const d = data.find((x) => x.label === category);
                return (
                  <ChartTooltipBox
                    title={String(category)}
                    rows={[
                      { key: 'value', label: valueLabel, value: d?.value == null ? '–' : valueFormat(d.value) },
                      ...(d?.note ? [{ key: 'note', label: '', value: d.note }] : []),
                    ]}
                  />
                );
              }}
            />
            <Bar dataKey="value" name={valueLabel} fill={color} radius={[4, 4, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="sr-only">
        <table>
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
      </div>
    </figure>
  );
}
