import { nextReportScheduleRun } from '@soash/shared';
import type { Types } from 'mongoose';
import { ReportScheduleModel, type ReportSchedule } from './report-schedule.model.js';

/**
 * When a workspace's timezone changes, its schedules keep their wall-clock time in the new zone:
 * every active one gets its next run recomputed there. (Its own file: the workspaces module calls
 * it, and it needs nothing of the reports services.)
 */
export async function recomputeScheduleTimes(workspaceId: Types.ObjectId, tz: string, now = new Date()): Promise<number> {
  const schedules = await ReportScheduleModel.find({ workspaceId, enabled: true }, { frequency: 1, weekday: 1, dayOfMonth: 1, hour: 1 }).lean<ReportSchedule[]>();
  for (const s of schedules) {
    await ReportScheduleModel.updateOne({ _id: s._id, workspaceId, enabled: true }, { $set: { nextRunAt: nextReportScheduleRun(s, tz, now), timezone: tz } });
  }
  return schedules.length;
}
