import { ReportComparison, ReportPaper, ReportRangePreset, ReportSection } from '@soash/shared';
import { registerEnumType } from 'type-graphql';

/** The shared report enums as GraphQL enums (names are the UPPER_CASE keys, values the stored strings). */
registerEnumType(ReportRangePreset, {
  name: 'ReportRangePreset',
  description:
    "A report's range, resolved in the workspace's timezone when the report is opened: the last 7/28/90 days ending today, the previous calendar month, this quarter up to today, or CUSTOM dates.",
});
registerEnumType(ReportComparison, { name: 'ReportComparison', description: 'PREVIOUS_PERIOD: the same number of days just before the range. NONE: no comparison.' });
registerEnumType(ReportSection, { name: 'ReportSection', description: 'A part of a report; a report shows its sections in the order saved.' });

/** The file formats a report exports to. */
export const ReportExportFormat = { XLSX: 'xlsx', PDF: 'pdf' } as const;
export type ReportExportFormat = (typeof ReportExportFormat)[keyof typeof ReportExportFormat];
registerEnumType(ReportExportFormat, {
  name: 'ReportExportFormat',
  description: 'XLSX: an Excel workbook, one sheet per section. PDF: the report page printed (charts included), paginated, on the paper asked for.',
});

/** The paper a PDF report is printed on (exports and scheduled mails). */
registerEnumType(ReportPaper, { name: 'ReportPaper', description: 'A4: 210 × 297 mm. LETTER: US Letter, 8.5 × 11 in.' });

export { ReportComparison, ReportPaper, ReportRangePreset, ReportSection };
