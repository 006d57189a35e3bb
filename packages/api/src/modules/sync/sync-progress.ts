import { WorkspaceRole } from '@soash/shared';
import { confirmViewer } from '../../auth/auth-checker.js';
import { assertRole } from '../workspaces/access.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Types } from 'mongoose';
import { JobStatus, JobType } from '../../lib/graphql-enums.js';
import type { Context } from '../../server/context.js';
import { getPlatform } from '../platforms/platforms.service.js';
import { SystemJobModel, type SystemJob } from '../system-jobs/system-job.model.js';
import type { SyncProgress } from './sync-progress.type.js';

/**
 * syncProgress: API and workers are separate processes, so progress is read from MongoDB —
 * the account's sync SystemJobs are polled (every `intervalMs`) and an event is emitted whenever
 * what they say changes. The stream ends, with `finished: true`, once none is queued or running.
 * Polling (rather than change streams) works on every MongoDB deployment and on the stand-in.
 */
export const syncProgressSettings = { intervalMs: 500 };

const SYNC_TYPES = [JobType.SYNC_METRICS, JobType.SYNC_ACTIVITIES];
const ACTIVE_STATUSES: JobStatus[] = [JobStatus.PENDING, JobStatus.RUNNING];
const ACTIVE = new Set<string>(ACTIVE_STATUSES);

function snapshot(platformId: string, jobs: SystemJob[]): SyncProgress {
  const active = jobs.filter((j) => ACTIVE.has(j.status));
  const current =
    active.find((j) => j.status === JobStatus.RUNNING) ??
    active[0] ??
    jobs.find((j) => j.status === JobStatus.FAILED) ??
    jobs[jobs.length - 1];
  if (!current) return { platformId, phase: 'idle', done: 0, total: null, message: null, activeJobs: 0, finished: true };
  return {
    platformId,
    systemJobId: current._id.toHexString(),
    jobType: current.jobType,
    status: current.status,
    phase: current.progress?.phase ?? (current.status === JobStatus.PENDING ? 'queued' : current.status),
    done: current.progress?.done ?? 0,
    total: current.progress?.total ?? null,
    message: current.progress?.message ?? null,
    activeJobs: active.length,
    finished: active.length === 0,
    errorMessage: current.errorMessage ?? null,
  };
}

/**
 * Checks ownership first (so a foreign or missing id fails the subscription with NOT_FOUND before
 * any event), then returns the event stream.
 */
export async function subscribeSyncProgress(ctx: Context, platformId: string): Promise<AsyncGenerator<SyncProgress>> {
  // `subscribe` runs before the field's auth middleware: confirm the viewer and their workspace here.
  assertRole(await confirmViewer(ctx), WorkspaceRole.VIEWER);
  const platform = await getPlatform(ctx, platformId, 'platformId');
  return syncProgressStream(platform._id);
}

/**
 * The event stream. Ending it (the client completes or disconnects; graphql-js calls `return()`)
 * stops the polling at once: an async generator only takes a `return()` at its next `yield`, and
 * this one yields only when something changes, so it would otherwise keep reading the database
 * until the sync moved on.
 */
export function syncProgressStream(id: Types.ObjectId): AsyncGenerator<SyncProgress> {
  const stop = new AbortController();
  const events = poll(id, stop.signal);
  const stream: AsyncGenerator<SyncProgress> = {
    next: () => events.next(),
    return: async (value) => {
      stop.abort();
      return events.return(value);
    },
    throw: async (error) => {
      stop.abort();
      return events.throw(error);
    },
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
}

async function* poll(id: Types.ObjectId, signal: AbortSignal): AsyncGenerator<SyncProgress> {
  const since = new Date();
  let last = '';
  while (!signal.aborted) {
    // The account's queued and running pulls, plus those that ended since the subscription began.
    const jobs = await SystemJobModel.find({
      platformId: id,
      jobType: { $in: SYNC_TYPES },
      $or: [{ status: { $in: ACTIVE_STATUSES } }, { completedAt: { $gte: since } }],
    })
      .sort({ createdAt: 1, _id: 1 })
      .lean<SystemJob[]>();
    if (signal.aborted) return;
    const event = snapshot(id.toHexString(), jobs);
    const key = JSON.stringify(event);
    if (key !== last || event.finished) {
      last = key;
      yield event;
    }
    if (event.finished) return;
    try {
      await sleep(syncProgressSettings.intervalMs, undefined, { signal });
    } catch {
      return; // aborted: the subscriber has gone
    }
  }
}
