import { randomUUID } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { JOBS_COLLECTION } from '../../jobs/scheduler.js';
import { JobStatus } from '../../lib/graphql-enums.js';
import { log } from '../../lib/logger.js';
import { SystemJobModel } from './system-job.model.js';

/**
 * Leases on running jobs, so a run whose worker died (kill -9, a lost machine) is known as such
 * within a minute instead of showing "running" with frozen progress until Agenda's lock expires.
 *
 * - A running SystemJob names its owner (this process's random id) and carries `heartbeatAt`,
 *   which the owner renews every HEARTBEAT_MS while the run goes on (and extends Agenda's lock with
 *   it).
 * - Every process that runs jobs sweeps every SWEEP_EVERY_MS, and once at start: a running run whose
 *   heartbeat is older than LEASE_MS is marked failed ("Interrupted") and its Agenda job, when its
 *   lock was not renewed either, is unlocked so that the next poll retries it at once.
 *
 * Worst case after a kill: LEASE_MS + SWEEP_EVERY_MS (40 s) until the run is marked failed, well
 * within a minute of a restart. A live owner renews far more often than the lease, so a slow run is
 * never taken for a dead one; were an owner stalled past the lease anyway, the retry and the
 * stalled run would write the same idempotent upserts (unique keys), so nothing is duplicated.
 * Clocks of the processes are assumed to agree within seconds (NTP).
 */
export const LEASE = {
  HEARTBEAT_MS: 5_000,
  LEASE_MS: 30_000,
  SWEEP_EVERY_MS: 10_000,
};

/** This process's id as the owner of the runs it executes. */
export const PROCESS_OWNER_ID = `${process.pid}-${randomUUID()}`;

export const INTERRUPTED_MESSAGE = 'Interrupted: the worker running it stopped before the run finished; it is retried';

/**
 * Marks running runs whose lease ran out as failed and unlocks their Agenda jobs for a retry.
 * Returns the ids of the runs it closed. Safe to run in any number of processes at once: every
 * update is conditional on the state it read.
 */
export async function reapInterruptedRuns(now = new Date()): Promise<Types.ObjectId[]> {
  const cutoff = new Date(now.getTime() - LEASE.LEASE_MS);
  const stale = await SystemJobModel.find(
    {
      status: JobStatus.RUNNING,
      $or: [{ heartbeatAt: { $lt: cutoff } }, { heartbeatAt: null, startedAt: { $lt: cutoff } }],
    },
    { _id: 1, agendaJobId: 1, heartbeatAt: 1 },
  ).lean();
  const closed: Types.ObjectId[] = [];
  for (const run of stale) {
    const res = await SystemJobModel.updateOne(
      { _id: run._id, status: JobStatus.RUNNING, heartbeatAt: run.heartbeatAt ?? null },
      { $set: { status: JobStatus.FAILED, completedAt: now, errorMessage: INTERRUPTED_MESSAGE, 'progress.phase': 'failed' } },
    );
    if (res.modifiedCount === 0) continue;
    closed.push(run._id);
    if (run.agendaJobId && Types.ObjectId.isValid(run.agendaJobId)) {
      // Only a lock nobody renewed within the lease either: a lock another worker just took is kept.
      // Backdated rather than removed: Agenda hands out a job whose lock is older than its lock
      // lifetime whatever its nextRunAt (a one-off job's is already null while it runs).
      await mongoose.connection
        .collection(JOBS_COLLECTION)
        .updateOne({ _id: new Types.ObjectId(run.agendaJobId), lockedAt: { $lte: cutoff } }, { $set: { lockedAt: new Date(0) } });
    }
  }
  if (closed.length) log.warn(`jobs: ${closed.length} run(s) lost their worker (no heartbeat for ${LEASE.LEASE_MS / 1000} s); marked failed and queued for a retry`);
  return closed;
}

let timer: ReturnType<typeof setInterval> | undefined;

/** Sweeps now and then every SWEEP_EVERY_MS until stopped (processes that run jobs). */
export async function startReaper(): Promise<void> {
  stopReaper();
  const sweep = async () => {
    if (mongoose.connection.readyState !== 1) return;
    try {
      await reapInterruptedRuns();
    } catch (err) {
      log.warn('jobs: could not check for interrupted runs', { error: err instanceof Error ? err.message : String(err) });
    }
  };
  await sweep();
  timer = setInterval(() => void sweep(), LEASE.SWEEP_EVERY_MS);
  timer.unref();
}

export function stopReaper(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
