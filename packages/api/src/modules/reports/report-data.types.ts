import type { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import type { AnalyticsRequest } from '../analytics/request.js';
import { DateRange } from '../analytics/analytics.types.js';
import { CustomReport } from './custom-report.model.js';
import { ReportComparison, ReportExportFormat, ReportSection } from './report.enums.js';

/**
 * A saved report opened now: its range resolved in the workspace's timezone, and one field per
 * section (null when the report does not include it), each computed by the dashboard's own service
 * only when asked for.
 */
@ObjectType({ description: "A saved report's numbers, computed now. A section's field is null when the report does not include it." })
export class ReportData {
  @Field(() => CustomReport)
  report: CustomReport;

  @Field(() => DateRange, { description: "The report's range resolved today, in the workspace's timezone." })
  range: DateRange;

  @Field(() => DateRange, { nullable: true, description: 'The period the numbers are compared with; null when the report has no comparison.' })
  comparisonRange: DateRange | null;

  @Field(() => ReportComparison)
  comparison: ReportComparison;

  @Field(() => String, { description: 'The timezone dates were resolved and bucketed in (the workspace’s).' })
  timezone: string;

  @Field(() => Date)
  generatedAt: Date;

  @Field(() => [ReportSection], { description: 'The sections in order (as saved).' })
  sections: ReportSection[];

  @Field(() => Boolean, { description: 'Whether the "Made with Soash" mark shows: hidden only when asked and the workspace runs on a paid plan.' })
  showSoashMark: boolean;

  @Field(() => [String], { description: 'Ids of saved accounts that are no longer connected (left out of the numbers).' })
  missingPlatformIds: string[];

  /** What the section services start from (not in the schema). */
  req: AnalyticsRequest;
  /** The accounts the numbers cover; undefined: all of the workspace's. */
  platformIds?: Types.ObjectId[];
}

@ObjectType({ description: 'A rendered report file: fetch downloadUrl with the same bearer token before expiresAt.' })
export class ReportExport {
  @Field(() => ReportExportFormat)
  format: ReportExportFormat;

  @Field(() => String)
  filename: string;

  @Field(() => String, { description: 'Works for the member who asked for it, with their bearer token, for 15 minutes.' })
  downloadUrl: string;

  @Field(() => Date)
  expiresAt: Date;
}

@ObjectType({ description: 'A saved report opened through a share link: its numbers (as reportData) and when the link stops working.' })
export class SharedReport {
  @Field(() => Date, { description: 'When the link stops working.' })
  expiresAt: Date;

  @Field(() => ReportData, { description: "The report's numbers, computed now, limited to its accounts and sections." })
  data: ReportData;
}
