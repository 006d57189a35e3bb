import { useEffect, useId, useRef, useState } from 'react';
import { formatDate } from '../../lib/format';
import { accountLabel, CONTENT_TYPES, contentTypeLabel } from '../../lib/labels';
import { Button } from '../../ui/Button';
import { useTimeZone } from '../auth/viewer';
import { DEFAULT_FILTERS, hasFilters, invalidRange, type PostFilters } from './filters';

export interface FilterOptions {
  platforms: readonly { id: string; type: string; username?: string | null; displayName?: string | null }[];
  categories: readonly { id: string; name: string }[];
}

/** Types a post can have on the platforms Soash connects (none of them lists comments as posts). */
export const FILTER_TYPES = CONTENT_TYPES.filter((t) => t !== 'COMMENT');

/** A text input that reports its value after a pause in typing (or at once on Enter). */
function DebouncedInput({ label, value, onCommit, placeholder, type = 'search' }: { label: string; value: string; onCommit: (v: string) => void; placeholder?: string; type?: string }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);
  useEffect(() => {
    // Follow outside changes (e.g. "Clear filters").
    if (value !== committed.current) {
      committed.current = value;
      setDraft(value);
    }
  }, [value]);
  useEffect(() => {
    if (draft === committed.current) return;
    const t = setTimeout(() => {
      committed.current = draft;
      onCommit(draft);
    }, 400);
    return () => clearTimeout(t);
  }, [draft, onCommit]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type={type}
        value={draft}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            committed.current = draft;
            onCommit(draft);
          }
        }}
      />
    </div>
  );
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
/** 18 → "18:00–19:00" (local time, as the insights name an hour). */
export const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00–${String((h + 1) % 24).padStart(2, '0')}:00`;

/** The explorer's filters. Every change is applied at once (text after a short pause). */
export function PostFiltersBar({
  value,
  onChange,
  options,
  earliest = null,
}: {
  value: PostFilters;
  /** Receives what changed; the page applies it to the filters it last asked for. */
  onChange: (change: Partial<PostFilters>) => void;
  options: FilterOptions | null;
  /** First day the plan's history reaches. */
  earliest?: string | null;
}) {
  const id = useId();
  const timeZone = useTimeZone();
  const set = <K extends keyof PostFilters>(key: K, v: PostFilters[K]) => onChange({ [key]: v } as Partial<PostFilters>);
  const badRange = invalidRange(value);
  return (
    <form className="filters" role="search" aria-label="Filter posts" onSubmit={(e) => e.preventDefault()}>
      <DebouncedInput label="Search captions" value={value.q} onCommit={(v) => set('q', v)} placeholder="e.g. sourdough" />
      <div className="field">
        <label htmlFor={`${id}-platform`}>Account</label>
        <select id={`${id}-platform`} className="select" value={value.platform} onChange={(e) => set('platform', e.target.value)}>
          <option value="">All accounts</option>
          {options?.platforms.map((p) => (
            <option key={p.id} value={p.id}>
              {accountLabel(p)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>Type</label>
        <select id={`${id}-type`} className="select" value={value.type} onChange={(e) => set('type', e.target.value)}>
          <option value="">All types</option>
          {FILTER_TYPES.map((t) => (
            <option key={t} value={t}>
              {contentTypeLabel(t)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>Published from</label>
        <input
          id={`${id}-from`}
          className="input"
          type="date"
          value={value.from}
          min={earliest ?? undefined}
          max={value.to || undefined}
          aria-invalid={badRange || undefined}
          aria-describedby={badRange ? `${id}-range` : undefined}
          onChange={(e) => set('from', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>Published to</label>
        <input
          id={`${id}-to`}
          className="input"
          type="date"
          value={value.to}
          min={value.from || earliest || undefined}
          aria-invalid={badRange || undefined}
          aria-describedby={badRange ? `${id}-range` : undefined}
          onChange={(e) => set('to', e.target.value)}
        />
      </div>
      <DebouncedInput label="Hashtag" value={value.hashtag} onCommit={(v) => set('hashtag', v)} placeholder="#launch" type="text" />
      <div className="field">
        <label htmlFor={`${id}-hour`}>Hour</label>
        <select id={`${id}-hour`} className="select" value={value.hour} onChange={(e) => set('hour', e.target.value)} title={`Publishing time in ${timeZone}`}>
          <option value="">Any hour</option>
          {HOURS.map((h) => (
            <option key={h} value={String(h)}>
              {hourLabel(h)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-weekday`}>Weekday</label>
        <select id={`${id}-weekday`} className="select" value={value.weekday} onChange={(e) => set('weekday', e.target.value)} title={`Publishing day in ${timeZone}`}>
          <option value="">Any day</option>
          {WEEKDAY_NAMES.map((d, i) => (
            <option key={d} value={String(i + 1)}>
              {d}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>Category</label>
        <select id={`${id}-category`} className="select" value={value.category} onChange={(e) => set('category', e.target.value)}>
          <option value="">All categories</option>
          {options?.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {hasFilters(value) && (
        <div className="field filters-clear">
          <Button variant="ghost" onClick={() => onChange({ ...DEFAULT_FILTERS, sort: value.sort, dir: value.dir })}>
            Clear filters
          </Button>
        </div>
      )}
      {earliest && value.from && value.from < earliest && (
        <p className="hint small" role="status" style={{ gridColumn: '1 / -1', margin: 0 }}>
          Your plan’s history starts on {formatDate(`${earliest}T12:00:00Z`, 'UTC')}; earlier posts are not shown.
        </p>
      )}
      {badRange && (
        <p id={`${id}-range`} className="error small" role="alert" style={{ gridColumn: '1 / -1', margin: 0 }}>
          The start date must be on or before the end date.
        </p>
      )}
    </form>
  );
}
