import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { connectDatabase, ensureIndexes } from '../db/connection.js';
import { acquireDatabaseServer } from '../db/harness.js';
import '../modules/index.js';
import { useBenchConnection } from './measure.js';
import { BenchOptions, registeredSuites, type BenchRow } from './registry.js';
import './suites.js';
import { formatTable } from './table.js';

/**
 * `npm run bench [-- --json] [--suites=a,b] [--runs=N] …`: runs the registered suites (suites.ts)
 * against one throwaway database, prints a table (or, with --json, one JSON document) and exits 1
 * when any row misses its target. docs/performance.md lists the options and the figures.
 */
const options = BenchOptions.parse(process.argv.slice(2));
const json = options.has('json');
const log = (line: string) => console.error(line);
const server = await acquireDatabaseServer({ warn: log });
const standIn = server.source === 'standin';
const notice = standIn
  ? 'on the stand-in (mongo-java-server): it has no secondary indexes, so every query is a full collection scan; ratios to the floor are meaningful, absolute times are not'
  : `on ${server.description}`;
log(`bench: ${notice}`);
const wanted = options.list('suites');
const suites = registeredSuites().filter((s) => !wanted || wanted.includes(s.name));
if (wanted) for (const w of wanted) if (!registeredSuites().some((s) => s.name === w)) throw new Error(`no bench suite "${w}" (have: ${registeredSuites().map((s) => s.name).join(', ')})`);

const rows: BenchRow[] = [];
const startedAt = new Date();
let failed = false;
try {
  // Without command monitoring: commands are counted on a monitoring connection of their own (measure.ts).
  const dbName = `soash_bench_${randomBytes(4).toString('hex')}`;
  await connectDatabase(server.uri, { dbName });
  useBenchConnection(server.uri, dbName);
  await ensureIndexes();
  for (const suite of suites) {
    log(`bench: suite ${suite.name} — ${suite.description}`);
    try {
      rows.push(...(await suite.run({ server, standIn, options, log })));
    } catch (err) {
      failed = true;
      rows.push({ suite: suite.name, name: 'suite failed', pass: false, note: (err as Error).stack ?? String(err) });
    }
  }
} finally {
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await mongoose.disconnect().catch(() => undefined);
  await server.stop();
}

const missed = rows.filter((r) => r.pass === false);
if (json) {
  console.log(
    JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        database: { source: server.source, description: server.description, standIn, notice },
        node: process.version,
        options: process.argv.slice(2),
        rows,
        passed: missed.length === 0 && !failed,
      },
      null,
      2,
    ),
  );
} else {
  console.log(`\nSoash benchmarks ${notice}\n`);
  console.log(formatTable(rows));
  console.log(missed.length ? `\n${missed.length} target(s) missed: ${missed.map((r) => `${r.suite}/${r.name.trim()}`).join(', ')}` : '\nall targets met');
}
process.exit(missed.length || failed ? 1 : 0);
