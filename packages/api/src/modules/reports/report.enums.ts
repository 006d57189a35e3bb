import { ReportComparison, ReportRangePreset, ReportSection } from '@soash/shared';
import { registerEnumType } from 'type-graphql';

/** The shared report enums as GraphQL enums (names are the UPPER_CASE keys, values the stored strings). */
registerEnumType(ReportRangePreset, {
  name: 'ReportRangePreset',
  description:
    "A report's range, resolved in the workspace's timezone when the report is opened: the last 7/28/90 days ending today, the previous calendar month, this quarter up to today, or CUSTOM dates.",
});
registerEnumType(ReportComparison, { name: 'ReportComparison', description: 'PREVIOUS_PERIOD: the same number of days just before the range. NONE: no comparison.' });
registerEnumType(ReportSection, { name: 'ReportSection', description: 'A part of a report; a report shows its sections in the order saved.' });

export { ReportComparison, ReportRangePreset, ReportSection };
