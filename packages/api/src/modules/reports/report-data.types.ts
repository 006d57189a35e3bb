import type { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import type { AnalyticsRequest } from '../analytics/request.js';
import { DateRange } from '../analytics/analytics.types.js';
import { CustomReport } from './custom-report.model.js';
import { ReportComparison, ReportSection } from './report.enums.js';

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
