import type { BackoffStrategy, Job } from 'agenda';
import { Types } from 'mongoose';
import { ConnectorError } from '../../connectors/errors.js';
import { AppError } from '../../lib/errors.js';
import { JobStatus, type JobType } from '../../lib/graphql-enums.js';
import { log } from '../../lib/logger.js';
import { INTERRUPTED_MESSAGE, LEASE, PROCESS_OWNER_ID } from '../system-jobs/run-lease.js';
import { SystemJobModel } from '../system-jobs/system-job.model.js';

/**
 * The life of one job run as a SystemJob document: pending → running → completed | failed, with
 * attempt, progress, result and a safe error message.
 *
 * Crash recovery: a running run names its owner process and renews a heartbeat (its lease) every
 * few seconds; when the owner dies, any worker's reaper marks the run failed within a minute and
 * unlocks its Agenda job for a retry (modules/system-jobs/run-lease.ts). A run a dead worker left
 * "running" is also closed when the job runs again, and the new run counts as the next attempt, so
 * the record shows both the failure and the recovery. A run that completed but whose worker died
 * before Agenda recorded it is not run a second time (`onceOnly`).
 */
export interface JobContext {
  /** Agenda's job id (absent when a run is invoked directly). */
  agendaJobId?: string;
  /** Agenda's count of failed runs of this job so far. */
  failCount?: number;
  /**
   * When Agenda last recorded a run of this job as finished (success or failure), as it was when
   * this run was picked up. Runs started after it are ones Agenda never saw finish: interrupted, or
   * completed just before their worker died.
   */
  lastFinishedAt?: Date | null;
  /** Extends Agenda's lock on the job (long pulls call it as they progress). */
  touch?: () => Promise<void>;
  /** Sets when the job runs next (self-rescheduling one-off jobs); null for never. */
  reschedule?: (at: Date | null) => void;
}

export function jobContextOf(job: Job<unknown>): JobContext {
  return {
    agendaJobId: job.attrs._id ? String(job.attrs._id) : undefined,
    failCount: job.attrs.failCount ?? 0,
    lastFinishedAt: job.attrs.lastFinishedAt ?? null,
    touch: () => job.touch(),
    reschedule: (at) => {
      if (at) job.schedule(at);
      else job.attrs.nextRunAt = null;
    },
  };
}

export interface RunHandle {
  readonly id: Types.ObjectId;
  readonly attempt: number;
  /** Records progress (throttled) and keeps the job's lock alive. */
  progress(phase: string, done?: number, total?: number | null, message?: string): Promise<void>;
}

export interface RunOutcome {
  result?: Record<string, unknown>;
  /** Why nothing (or not everything) was done, e.g. "platform was disconnected". */
  note?: string;
}

export interface TrackedRun {
  jobType: JobType;
  workspaceId?: Types.ObjectId;
  platformId?: Types.ObjectId;
  /** A SystemJob created up front (pending) that this run takes over. */
  systemJobId?: string;
  ctx: JobContext;
  /**
   * The job's work is done once it completed: when Agenda hands the same run out again (its worker
   * died after completing it, before Agenda recorded that), nothing runs a second time. Pulls set
   * it; jobs that reschedule themselves from inside the run (token refresh) do not, since their
   * next run is decided by running.
   */
  onceOnly?: boolean;
}

/** The answer of a run that was already completed by a worker that died before Agenda noticed. */
export const ALREADY_COMPLETED: RunOutcome = {
  note: 'Already completed by a worker that stopped before the scheduler recorded it; not run again',
  result: { alreadyCompleted: true },
};

const PROGRESS_EVERY_MS = 250;

/** A message fit for the account owner: connector and domain messages as they are, anything else generic. */
export function safeErrorMessage(err: unknown): string {
  if (err instanceof ConnectorError || err instanceof AppError) return err.message.slice(0, 2000);
  return 'Unexpected error while running the job (details are in the worker log)';
}

export async function runTracked(run: TrackedRun, fn: (handle: RunHandle) => Promise<RunOutcome>): Promise<RunOutcome> {
  const now = new Date();
  let attempt = (run.ctx.failCount ?? 0) + 1;
  if (run.ctx.agendaJobId) {
    // Runs of this very job that Agenda never saw finish (started after its last recorded finish).
    const unseen = await SystemJobModel.find({
      agendaJobId: run.ctx.agendaJobId,
      startedAt: { $gt: run.ctx.lastFinishedAt ?? new Date(0) },
    })
      .sort({ startedAt: 1 })
      .lean();
    if (run.onceOnly && unseen.some((s) => s.status === JobStatus.COMPLETED)) return ALREADY_COMPLETED;
    for (const s of unseen) attempt = Math.max(attempt, (s.attempt ?? 1) + 1);
    // A run of this very job still marked running: its worker died mid-run (lock or lease expired).
    const stale = await SystemJobModel.find({ agendaJobId: run.ctx.agendaJobId, status: JobStatus.RUNNING }).lean();
    for (const s of stale) {
      attempt = Math.max(attempt, (s.attempt ?? 1) + 1);
      await SystemJobModel.updateOne(
        { _id: s._id, status: JobStatus.RUNNING },
        { $set: { status: JobStatus.FAILED, completedAt: now, errorMessage: INTERRUPTED_MESSAGE, 'progress.phase': 'failed' } },
      );
    }
  }

  const base = {
    status: JobStatus.RUNNING,
    startedAt: now,
    attempt,
    agendaJobId: run.ctx.agendaJobId,
    ownerId: PROCESS_OWNER_ID,
    heartbeatAt: now,
    progress: { phase: 'starting', done: 0 },
  };
  let id: Types.ObjectId | undefined;
  if (run.systemJobId && Types.ObjectId.isValid(run.systemJobId)) {
    const taken = await SystemJobModel.findOneAndUpdate(
      { _id: new Types.ObjectId(run.systemJobId), status: JobStatus.PENDING },
      { $set: base },
      { returnDocument: 'after', projection: { _id: 1 } },
    ).lean();
    id = taken?._id;
  }
  if (!id) {
    const created = await SystemJobModel.create({ jobType: run.jobType, workspaceId: run.workspaceId, platformId: run.platformId, ...base });
    id = created._id;
  }
  const systemJobId = id;

  let lastWrite = 0;
  let lastPhase = '';
  const handle: RunHandle = {
    id: systemJobId,
    attempt,
    progress: async (phase, done = 0, total, message) => {
      const t = Date.now();
      if (phase === lastPhase && t - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = t;
      lastPhase = phase;
      await SystemJobModel.updateOne({ _id: systemJobId }, { $set: { progress: { phase, done, total: total ?? null, message }, heartbeatAt: new Date() } });
      await run.ctx.touch?.().catch(() => undefined);
    },
  };

  // The lease: renewed while the run goes on, whether or not it reports progress.
  let beating = false;
  const heartbeat = setInterval(() => {
    if (beating) return;
    beating = true;
    void (async () => {
      try {
        await SystemJobModel.updateOne({ _id: systemJobId, status: JobStatus.RUNNING, ownerId: PROCESS_OWNER_ID }, { $set: { heartbeatAt: new Date() } });
        await run.ctx.touch?.();
      } catch {
        /* the next beat tries again; a lease that runs out only means a retry of idempotent work */
      } finally {
        beating = false;
      }
    })();
  }, LEASE.HEARTBEAT_MS);
  heartbeat.unref();

  try {
    const outcome = await fn(handle);
    await SystemJobModel.updateOne(
      { _id: systemJobId },
      {
        $set: {
          status: JobStatus.COMPLETED,
          completedAt: new Date(),
          result: { ...outcome.result, ...(outcome.note ? { note: outcome.note } : {}) },
          'progress.phase': 'done',
          ...(outcome.note ? { 'progress.message': outcome.note } : {}),
        },
      },
    );
    return outcome;
  } catch (err) {
    if (!(err instanceof ConnectorError) && !(err instanceof AppError)) {
      log.error('job run failed', { jobType: run.jobType, systemJobId: systemJobId.toHexString(), error: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) });
    }
    await SystemJobModel.updateOne(
      { _id: systemJobId },
      { $set: { status: JobStatus.FAILED, completedAt: new Date(), errorMessage: safeErrorMessage(err), 'progress.phase': 'failed' } },
    );
    throw err;
  } finally {
    clearInterval(heartbeat);
  }
}

/** Creates the SystemJob of a run that is queued but not started (manual sync, backfill). */
export async function createPendingRun(jobType: JobType, workspaceId: Types.ObjectId, platformId: Types.ObjectId) {
  return SystemJobModel.create({ jobType, workspaceId, platformId, status: JobStatus.PENDING, attempt: 1, progress: { phase: 'queued', done: 0 } });
}

// ---------------------------------------------------------------------------------------------
// Retries

export const retrySettings = {
  maxRetries: 5,
  baseMs: 30_000,
  maxMs: 6 * 3_600_000,
};

/**
 * Delay before retry number `attempt` (1-based): exponential with jitter, never earlier than the
 * platform asked (Retry-After / reset headers). Token problems and permanent errors are not
 * retried: retrying a revoked token only burns the platform's patience.
 */
export function retryDelay(attempt: number, error: unknown): number | null {
  if (attempt > retrySettings.maxRetries) return null;
  if (error instanceof ConnectorError && !error.retryable) return null;
  if (error instanceof AppError) return null;
  const expo = Math.min(retrySettings.maxMs, retrySettings.baseMs * 2 ** (attempt - 1));
  const jittered = Math.round(expo / 2 + (Math.random() * expo) / 2);
  const asked = error instanceof ConnectorError ? error.retryAfterMs : undefined;
  if (asked === undefined) return jittered;
  // Honour the platform's delay, plus up to 10 % (at most a minute) so retries do not stampede.
  return Math.max(jittered, asked + Math.round(Math.random() * Math.min(asked * 0.1, 60_000)));
}

export const connectorBackoff: BackoffStrategy = ({ attempt, error }) => retryDelay(attempt, error);
