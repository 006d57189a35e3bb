import { REPORT_RANGE_LABELS, REPORT_SECTION_LABELS, ReportRangePreset as Preset, ReportSection as Section } from '@soash/shared';
import type { ReportComparison, ReportRangePreset, ReportSection } from '../../gql/graphql';

/** The API's enum names (LAST_28_DAYS) with the shared labels (keyed by stored value). */
const presetValue = (name: ReportRangePreset) => Preset[name];
const sectionValue = (name: ReportSection) => Section[name];

export const RANGE_PRESETS: readonly ReportRangePreset[] = ['LAST_7_DAYS', 'LAST_28_DAYS', 'LAST_90_DAYS', 'LAST_MONTH', 'QUARTER_TO_DATE', 'CUSTOM'];
export const SECTIONS: readonly ReportSection[] = [
  'KPIS',
  'FOLLOWERS_CHART',
  'ENGAGEMENT_CHART',
  'ACCOUNTS_TABLE',
  'TOP_POSTS',
  'CONTENT_TYPES',
  'HASHTAGS',
  'BEST_TIMES',
  'DEMOGRAPHICS',
  'INSIGHTS',
];
/** What a new report shows until it is edited. */
export const DEFAULT_SECTIONS: readonly ReportSection[] = ['KPIS', 'FOLLOWERS_CHART', 'ENGAGEMENT_CHART', 'ACCOUNTS_TABLE', 'TOP_POSTS'];
export const COMPARISONS: readonly ReportComparison[] = ['PREVIOUS_PERIOD', 'NONE'];

export function rangeLabel(range: { preset: ReportRangePreset; from?: string | null; to?: string | null }): string {
  return REPORT_RANGE_LABELS[presetValue(range.preset)];
}

export function sectionLabel(section: ReportSection): string {
  return REPORT_SECTION_LABELS[sectionValue(section)];
}

export const COMPARISON_LABEL: Record<ReportComparison, string> = { PREVIOUS_PERIOD: 'The period before', NONE: 'No comparison' };

/** Moves the item at `index` one place up (-1) or down (+1); out of bounds changes nothing. */
export function move<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[index], out[to]] = [out[to]!, out[index]!];
  return out;
}
