import 'reflect-metadata';
import { acquireDatabaseServer } from '../db/harness.js';
import { runAnalyticsBench } from './analytics.bench.js';
import { runLimitsBench } from './limits.bench.js';

/**
 * Benchmarks (`npm run bench`): speed and memory targets; exits 1 when one is missed.
 * `npm run bench -- limits` runs only the named ones (limits, analytics).
 */
const benches = { limits: runLimitsBench, analytics: runAnalyticsBench };
const only = process.argv.slice(2);
const server = await acquireDatabaseServer({ warn: (l) => console.warn(l) });
const ok = await (async () => {
  let all = true;
  for (const [name, run] of Object.entries(benches)) {
    if (only.length && !only.includes(name)) continue;
    all = (await run(server)) && all;
  }
  return all;
})().finally(() => server.stop());
process.exit(ok ? 0 : 1);
