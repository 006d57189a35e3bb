import mongoose from 'mongoose';
import { connectDatabase } from '../db/connection.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Percentile by nearest rank (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

/**
 * Command monitoring costs what it watches: with it on, the driver deserializes every reply a
 * second time for its event (a year of follower rows: ~0.3 ms more, and twice the garbage), so
 * Soash and its floors would both be timed with a cost production never pays (it connects
 * without monitoring). The runner connects without it, and the commands are counted in separate,
 * untimed runs on a connection made with it (the data stays on the server in between).
 */
let connection: { uri: string; dbName: string } | undefined;
let monitoring = false;

export function useBenchConnection(uri: string, dbName: string): void {
  connection = { uri, dbName };
}

async function setMonitoring(on: boolean): Promise<void> {
  if (!connection || monitoring === on) return;
  await mongoose.disconnect();
  await connectDatabase(connection.uri, { dbName: connection.dbName, monitorCommands: on });
  monitoring = on;
}

/** Runs `fn` on a connection that emits command events (reconnecting, untimed, when needed). */
export async function withCommandMonitoring<T>(fn: () => Promise<T>): Promise<T> {
  const was = monitoring;
  await setMonitoring(true);
  try {
    return await fn();
  } finally {
    await setMonitoring(was);
  }
}

/** DB commands sent to the bench database while `fn` runs (on a monitoring connection). */
export function commandsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
  return withCommandMonitoring(() => listenDuring(fn));
}

async function listenDuring<T>(fn: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
  const client = mongoose.connection.getClient();
  const db = mongoose.connection.db!.databaseName;
  const commands: string[] = [];
  const listener = (ev: { commandName: string; databaseName: string; command: Record<string, unknown> }) => {
    if (ev.databaseName !== db) return;
    const target = ev.command?.[ev.commandName];
    commands.push(typeof target === 'string' ? `${ev.commandName} ${target}` : ev.commandName);
  };
  client.on('commandStarted', listener);
  try {
    return { result: await fn(), commands };
  } finally {
    client.off('commandStarted', listener);
  }
}

/** "find users, 2× aggregate activities": commands grouped by name, in first-sent order. */
export function commandSummary(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, c]) => (c > 1 ? `${c}× ${n}` : n)).join(', ');
}

export interface Pair {
  name: string;
  /** Through Soash. */
  measured: () => Promise<unknown>;
  /** The raw-driver floor for the same numbers. */
  floor: () => Promise<unknown>;
  /** Run before each call through Soash, untimed (e.g. a write that makes it read afresh). */
  before?: () => Promise<unknown>;
}

export interface PairResult {
  name: string;
  measured: number[];
  floor: number[];
  commands: number;
  floorCommands: number;
  /** The commands of one request, "find users" style, in the order sent. */
  commandNames: string[];
}

/**
 * Runs each pair `warmup` times unmeasured, then `runs` times measured, interleaved: every round
 * runs every pair, Soash and floor back to back, alternating which goes first, so that both see
 * the same server state and load.
 */
export async function interleave(pairs: Pair[], opts: { warmup: number; runs: number; onRound?: (i: number) => void }): Promise<PairResult[]> {
  const results: PairResult[] = pairs.map((p) => ({ name: p.name, measured: [], floor: [], commands: 0, floorCommands: 0, commandNames: [] }));
  for (let round = 0; round < opts.warmup + opts.runs; round++) {
    for (const [i, p] of pairs.entries()) {
      const order = round % 2 === 0 ? (['measured', 'floor'] as const) : (['floor', 'measured'] as const);
      for (const which of order) {
        if (which === 'measured') await p.before?.();
        const [, ms] = await timed(p[which]);
        if (round >= opts.warmup) results[i]![which].push(ms);
      }
    }
    opts.onRound?.(round);
  }
  // The commands of one more call of each, after the rounds: what a call sends once warm (a
  // follower history kept by the calls before it, for instance), on a monitored connection.
  await withCommandMonitoring(async () => {
    for (const [i, p] of pairs.entries()) {
      await p.before?.();
      results[i]!.commandNames = (await commandsDuring(p.measured)).commands;
      results[i]!.commands = results[i]!.commandNames.length;
      results[i]!.floorCommands = (await commandsDuring(p.floor)).commands.length;
    }
  });
  return results;
}

/** Peak RSS and event-loop delay while `fn` runs. */
export async function watchProcess<T>(fn: () => Promise<T>): Promise<{ result: T; peakRssMb: number; loopDelayP99Ms: number; loopDelayMaxMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRssMb: peak / 1e6, loopDelayP99Ms: h.percentile(99) / 1e6, loopDelayMaxMs: h.max / 1e6 };
  } finally {
    clearInterval(timer);
    h.disable();
  }
}
