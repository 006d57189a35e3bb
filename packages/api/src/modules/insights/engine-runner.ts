import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { timeSlicer } from '../../lib/time-slice.js';
import { analyse, type EngineInput, type EngineResult, type PostSample } from './engine.js';

/**
 * Runs the insights engine in a worker thread, never on the API's event loop. The posts travel
 * as typed arrays (transferred, not copied) and the result comes back as plain data. The engine
 * stops testing at its time budget and says so (`partial`); a worker that still has not answered
 * a grace period later is terminated and the run fails with a clear message.
 */

/** Time budget of one analysis; later groups are left untested (docs/analytics.md). */
export const ANALYSIS_BUDGET_MS = 60_000;
/** How long past its budget a worker may take before it is terminated. */
export const ANALYSIS_GRACE_MS = 30_000;

export interface PackedInput {
  accounts: EngineInput['accounts'];
  today: number;
  window: EngineInput['window'];
  deadline?: number;
  types: string[];
  tags: string[];
  account: Int32Array;
  type: Int32Array;
  dow: Int8Array;
  hour: Int8Array;
  day: Int32Array;
  rate: Float64Array;
  engagements: Float64Array;
  /** Post i's hashtags are tagIds[tagStart[i] … tagStart[i + 1]). */
  tagStart: Int32Array;
  tagIds: Int32Array;
  dailyAccount: Int32Array;
  dailyDay: Int32Array;
  dailyChange: Float64Array;
}

/** Packs the input for the worker; the loop over the posts hands the event loop back every few ms. */
export async function pack(input: EngineInput): Promise<PackedInput> {
  const n = input.posts.length;
  const typeIds = new Map<string, number>();
  const tagIdsOf = new Map<string, number>();
  const idOf = (m: Map<string, number>, k: string) => {
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = m.size));
    return v;
  };
  const out: PackedInput = {
    accounts: input.accounts,
    today: input.today,
    window: input.window,
    deadline: input.deadline,
    types: [],
    tags: [],
    account: new Int32Array(n),
    type: new Int32Array(n),
    dow: new Int8Array(n),
    hour: new Int8Array(n),
    day: new Int32Array(n),
    rate: new Float64Array(n),
    engagements: new Float64Array(n),
    tagStart: new Int32Array(n + 1),
    tagIds: new Int32Array(input.posts.reduce((s, p) => s + p.hashtags.length, 0)),
    dailyAccount: new Int32Array(0),
    dailyDay: new Int32Array(0),
    dailyChange: new Float64Array(0),
  };
  let t = 0;
  const slice = timeSlicer();
  for (let i = 0; i < n; i++) {
    if ((i & 255) === 0 && slice.due()) await slice.yield();
    const p = input.posts[i]!;
    out.account[i] = p.account;
    out.type[i] = idOf(typeIds, p.type);
    out.dow[i] = p.dow;
    out.hour[i] = p.hour;
    out.day[i] = p.day;
    out.rate[i] = p.rate;
    out.engagements[i] = p.engagements;
    out.tagStart[i] = t;
    for (const h of p.hashtags) out.tagIds[t++] = idOf(tagIdsOf, h);
  }
  out.tagStart[n] = t;
  out.types = [...typeIds.keys()];
  out.tags = [...tagIdsOf.keys()];
  const daily = input.daily.filter((d) => d.followerChange !== null);
  out.dailyAccount = Int32Array.from(daily, (d) => d.account);
  out.dailyDay = Int32Array.from(daily, (d) => d.day);
  out.dailyChange = Float64Array.from(daily, (d) => d.followerChange!);
  return out;
}

export function unpack(p: PackedInput): EngineInput {
  const posts: PostSample[] = new Array(p.rate.length);
  for (let i = 0; i < p.rate.length; i++) {
    const hashtags: string[] = [];
    for (let j = p.tagStart[i]!; j < p.tagStart[i + 1]!; j++) hashtags.push(p.tags[p.tagIds[j]!]!);
    posts[i] = { account: p.account[i]!, type: p.types[p.type[i]!]!, hashtags, dow: p.dow[i]!, hour: p.hour[i]!, day: p.day[i]!, rate: p.rate[i]!, engagements: p.engagements[i]! };
  }
  const daily = Array.from(p.dailyDay, (day, i) => ({ account: p.dailyAccount[i]!, day, followerChange: p.dailyChange[i]! }));
  return { accounts: p.accounts, posts, daily, today: p.today, window: p.window, ...(p.deadline !== undefined ? { deadline: p.deadline } : {}) };
}

const transferables = (p: PackedInput) =>
  [p.account, p.type, p.dow, p.hour, p.day, p.rate, p.engagements, p.tagStart, p.tagIds, p.dailyAccount, p.dailyDay, p.dailyChange].map((a) => a.buffer as ArrayBuffer);

/**
 * The worker: the built bundle's `insights-worker.js` next to this module's chunk or, when running
 * from the TypeScript source (tests, development), the source entry loaded through tsx.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./insights-worker.js', import.meta.url));
  const require = createRequire(import.meta.url);
  // tsx's ESM register() (its CommonJS build cannot load its own ESM part when required).
  const tsx = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./engine.worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

export class AnalysisTimeoutError extends Error {
  constructor(ms: number) {
    super(`The insights analysis did not finish within ${Math.round(ms / 1000)} s and was stopped`);
    this.name = 'AnalysisTimeoutError';
  }
}

/** Analyses in a worker thread with a time budget (ms). */
export async function runAnalysis(input: EngineInput, opts: { budgetMs?: number; graceMs?: number } = {}): Promise<EngineResult> {
  const budget = opts.budgetMs ?? ANALYSIS_BUDGET_MS;
  const grace = opts.graceMs ?? ANALYSIS_GRACE_MS;
  const deadline = Date.now() + budget;
  const packed = await pack({ ...input, deadline });
  return new Promise<EngineResult>((resolve, reject) => {
    const worker = startWorker();
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new AnalysisTimeoutError(budget + grace))), Math.max(0, deadline + grace - Date.now()));
    worker.once('message', (m: { ok: true; result: EngineResult } | { ok: false; message: string }) =>
      finish(() => (m.ok ? resolve(m.result) : reject(new Error(`insights analysis failed: ${m.message}`)))),
    );
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`insights worker exited with code ${code}`))));
    worker.postMessage(packed, transferables(packed));
  });
}

/** The same analysis on the calling thread (for the worker itself and for benchmarks' reference). */
export function analysePacked(p: PackedInput): EngineResult {
  return analyse(unpack(p));
}
