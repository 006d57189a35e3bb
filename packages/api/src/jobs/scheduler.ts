import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda, type BackoffStrategy, type Job } from 'agenda';
import mongoose from 'mongoose';
import { log } from '../lib/logger.js';

/**
 * Agenda, on the same MongoDB as everything else. Job definitions live in the modules
 * (`<domain>.jobs.ts`) and register here; payloads carry ids only. Agenda's lock on each job
 * document makes every run happen once, however many workers poll.
 */
export interface JobSpec<D = Record<string, unknown>> {
  name: string;
  run: (data: D, job: Job<D>) => Promise<void>;
  concurrency?: number;
  lockLifetimeMs?: number;
  priority?: 'lowest' | 'low' | 'normal' | 'high' | 'highest';
  /** Delay before a failed run is retried, in ms (null: no retry). Without it a failed run is not retried. */
  backoff?: BackoffStrategy;
}

const registry = new Map<string, JobSpec<never>>();

export function defineJob<D>(spec: JobSpec<D>): JobSpec<D> {
  if (registry.has(spec.name)) throw new Error(`job ${spec.name} defined twice`);
  registry.set(spec.name, spec as unknown as JobSpec<never>);
  return spec;
}

export const JOBS_COLLECTION = 'agenda_jobs';

export interface Scheduler {
  agenda: Agenda;
  processing: boolean;
  stop(): Promise<void>;
}

let current: Scheduler | undefined;

/** The scheduler of this process (enqueue-only when the process does not run jobs). */
export function scheduler(): Scheduler {
  if (!current) throw new Error('scheduler not started');
  return current;
}

export function schedulerRunning(): boolean {
  return !!current;
}

export async function startScheduler(opts: { processJobs: boolean; pollMs: number; maxConcurrency?: number }): Promise<Scheduler> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('connect the database before starting the scheduler');
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: db as never, collection: JOBS_COLLECTION }),
    // A number of milliseconds: agenda parses '200 milliseconds' as 200 000 ms.
    processEvery: opts.pollMs,
    maxConcurrency: opts.maxConcurrency ?? 10,
    defaultConcurrency: 2,
    defaultLockLifetime: 10 * 60_000,
  });
  agenda.on('error', (err) => log.error('scheduler error', { error: err }));
  for (const spec of registry.values()) {
    agenda.define(
      spec.name,
      async (job: Job<never>) => {
        await spec.run(job.attrs.data, job);
      },
      {
        concurrency: spec.concurrency,
        lockLifetime: spec.lockLifetimeMs,
        ...(spec.backoff ? { backoff: spec.backoff } : {}),
        ...(spec.priority ? { priority: spec.priority } : {}),
      },
    );
  }
  await agenda.ready;
  if (opts.processJobs) await agenda.start();
  const s: Scheduler = {
    agenda,
    processing: opts.processJobs,
    stop: async () => {
      if (current === s) current = undefined;
      await agenda.stop();
    },
  };
  current = s;
  return s;
}

/**
 * Saves one job `name` with `data`, due at `at`, once however often asked (Agenda's unique key
 * `unique`, e.g. `{ 'data.deliveryId': id, 'data.attempt': 2 }`). False when this process has no
 * scheduler (nothing is queued).
 */
export async function queueJobOnce<D extends object>(name: string, data: D, at: Date, unique: Record<string, unknown>): Promise<boolean> {
  if (!current) return false;
  const job = current.agenda.create<D>(name, data);
  job.schedule(at);
  job.unique(unique);
  await job.save();
  return true;
}

