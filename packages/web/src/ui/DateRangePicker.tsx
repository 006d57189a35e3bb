import { useId } from 'react';

export type RangePreset = '7d' | '28d' | '90d' | '365d' | 'custom';
export type CompareMode = 'PREVIOUS_PERIOD' | 'PREVIOUS_YEAR';

export interface DateRangeValue {
  preset: RangePreset;
  /** Inclusive calendar days, YYYY-MM-DD, in the user's timezone. */
  from: string;
  to: string;
  compare: CompareMode;
}

export const PRESET_DAYS: Record<Exclude<RangePreset, 'custom'>, number> = { '7d': 7, '28d': 28, '90d': 90, '365d': 365 };
export const PRESET_LABEL: Record<RangePreset, string> = {
  '7d': 'Last 7 days',
  '28d': 'Last 28 days',
  '90d': 'Last 90 days',
  '365d': 'Last 12 months',
  custom: 'Custom',
};

/** Today's date (YYYY-MM-DD) in a timezone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The range a preset stands for, ending today (inclusive). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, timeZone: string, now: Date = new Date()): { from: string; to: string } {
  const to = todayIn(timeZone, now);
  return { from: addDays(to, -(PRESET_DAYS[preset] - 1)), to };
}

export function DateRangePicker({
  value,
  onChange,
  timeZone,
  notes = {},
}: {
  value: DateRangeValue;
  onChange: (v: DateRangeValue) => void;
  timeZone: string;
  /** A word after a preset's name (e.g. that the plan's history does not reach that far). */
  notes?: Partial<Record<RangePreset, string>>;
}) {
  const id = useId();
  const invalid = value.from > value.to;
  return (
    <div className="row" role="group" aria-label="Date range">
      <div className="field">
        <label htmlFor={`${id}-preset`}>Range</label>
        <select
          id={`${id}-preset`}
          className="select"
          value={value.preset}
          onChange={(e) => {
            const preset = e.target.value as RangePreset;
            onChange(preset === 'custom' ? { ...value, preset } : { ...value, preset, ...presetRange(preset, timeZone) });
          }}
        >
          {(Object.keys(PRESET_LABEL) as RangePreset[]).map((p) => (
            <option key={p} value={p}>
              {notes[p] ? `${PRESET_LABEL[p]} (${notes[p]})` : PRESET_LABEL[p]}
            </option>
          ))}
        </select>
      </div>
      {value.preset === 'custom' && (
        <>
          <div className="field">
            <label htmlFor={`${id}-from`}>From</label>
            <input
              id={`${id}-from`}
              className="input"
              type="date"
              value={value.from}
              max={value.to}
              aria-invalid={invalid || undefined}
              onChange={(e) => e.target.value && onChange({ ...value, from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>To</label>
            <input
              id={`${id}-to`}
              className="input"
              type="date"
              value={value.to}
              min={value.from}
              aria-invalid={invalid || undefined}
              onChange={(e) => e.target.value && onChange({ ...value, to: e.target.value })}
            />
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor={`${id}-compare`}>Compare with</label>
        <select id={`${id}-compare`} className="select" value={value.compare} onChange={(e) => onChange({ ...value, compare: e.target.value as CompareMode })}>
          <option value="PREVIOUS_PERIOD">Previous period</option>
          <option value="PREVIOUS_YEAR">Same period last year</option>
        </select>
      </div>
      {invalid && (
        <span className="error small" role="alert">
          The start date must be on or before the end date.
        </span>
      )}
    </div>
  );
}
