import type { DatabaseServer } from '../db/harness.js';

/**
 * The benchmark harness (`npm run bench`): suites register here and the runner (index.ts) runs them
 * in one process against one database, prints one table (or JSON) and exits non-zero when a row
 * misses its target. A suite is a file under src/bench/ that calls `registerSuite` and is imported
 * from suites.ts.
 */

/** Command-line options (`--name=value`, `--flag`), each suite reads its own. */
export class BenchOptions {
  constructor(private readonly values: Map<string, string>) {}

  static parse(argv: string[]): BenchOptions {
    const m = new Map<string, string>();
    for (const a of argv) {
      const hit = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(a);
      if (!hit) throw new Error(`unknown argument "${a}" (options are --name=value)`);
      m.set(hit[1]!, hit[2] ?? 'true');
    }
    return new BenchOptions(m);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string, fallback: string): string {
    return this.values.get(name) ?? fallback;
  }

  number(name: string, fallback: number): number {
    const v = this.values.get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${v}"`);
    return n;
  }

  list(name: string): string[] | undefined {
    const v = this.values.get(name);
    return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);
  }
}

/** One line of the result table. Rows without `pass` are informational. */
export interface BenchRow {
  suite: string;
  name: string;
  /** Through Soash (GraphQL over HTTP, job code, …). */
  p50Ms?: number;
  p99Ms?: number;
  /** The raw-driver floor for the same numbers, measured interleaved in the same run. */
  floorP50Ms?: number;
  floorP99Ms?: number;
  /** measured ÷ floor (time ratios: lower is better; ingestion reports floor ÷ measured, higher is better). */
  ratioP50?: number;
  ratioP99?: number;
  /** DB commands per operation (Soash; floor). */
  commands?: number;
  floorCommands?: number;
  /** Any other figure (throughput, errors, MB, ms of event-loop delay). */
  value?: number;
  unit?: string;
  runs?: number;
  target?: string;
  pass?: boolean;
  note?: string;
}

export interface BenchContext {
  server: DatabaseServer;
  /** The stand-in has no secondary indexes: every query is a full scan (docs/database.md). */
  standIn: boolean;
  options: BenchOptions;
  /** Progress lines (stderr). */
  log(line: string): void;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

const suites: BenchSuite[] = [];

export function registerSuite(suite: BenchSuite): void {
  if (suites.some((s) => s.name === suite.name)) throw new Error(`bench suite "${suite.name}" registered twice`);
  suites.push(suite);
}

export function registeredSuites(): readonly BenchSuite[] {
  return suites;
}
