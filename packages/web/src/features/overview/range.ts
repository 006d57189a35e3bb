import type { ComparePeriod, Granularity } from '../../gql/graphql';
import { isDay } from '../../lib/dates';
import { presetRange, todayIn, type DateRangeValue, type RangePreset } from '../../ui/DateRangePicker';

const PRESETS: readonly RangePreset[] = ['7d', '28d', '90d', '365d', 'custom'];

/** The overview's range from the address bar (default: the last 28 days, against the period before). */
export function parseRange(params: URLSearchParams, timeZone: string, now: Date = new Date()): DateRangeValue {
  const preset = (PRESETS as readonly string[]).includes(params.get('range') ?? '') ? (params.get('range') as RangePreset) : '28d';
  const compare: ComparePeriod = params.get('compare') === 'PREVIOUS_YEAR' ? 'PREVIOUS_YEAR' : 'PREVIOUS_PERIOD';
  if (preset === 'custom') {
    const from = params.get('from');
    const to = params.get('to');
    if (isDay(from) && isDay(to)) return { preset, from, to, compare };
    const fallback = presetRange('28d', timeZone, now);
    return { preset, from: isDay(from) ? from : fallback.from, to: isDay(to) ? to : todayIn(timeZone, now), compare };
  }
  return { preset, ...presetRange(preset, timeZone, now), compare };
}

export function serializeRange(v: DateRangeValue): URLSearchParams {
  const out = new URLSearchParams();
  if (v.preset !== '28d') out.set('range', v.preset);
  if (v.preset === 'custom') {
    out.set('from', v.from);
    out.set('to', v.to);
  }
  if (v.compare !== 'PREVIOUS_PERIOD') out.set('compare', v.compare);
  return out;
}

export function rangeDays(v: { from: string; to: string }): number {
  return Math.round((Date.parse(`${v.to}T00:00:00Z`) - Date.parse(`${v.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Days for short ranges, weeks up to about half a year, months beyond. */
export function granularityFor(v: { from: string; to: string }): Granularity {
  const days = rangeDays(v);
  return days <= 92 ? 'DAY' : days <= 200 ? 'WEEK' : 'MONTH';
}
