import mongoose from 'mongoose';

/** The stage names of an explained plan, rejected alternatives left out. */
export function planStages(plan: unknown, out: string[] = []): string[] {
  if (Array.isArray(plan)) for (const p of plan) planStages(p, out);
  else if (plan && typeof plan === 'object') {
    for (const [k, v] of Object.entries(plan)) {
      if (k === 'stage' && typeof v === 'string') out.push(v);
      // Rejected plans are alternatives the planner did not choose.
      else if (k !== 'rejectedPlans') planStages(v, out);
    }
  }
  return out;
}

const READS = ['find', 'aggregate', 'count', 'distinct'];

/** Every read command (find, aggregate, count, distinct) sent to one of `collections` while `run` runs. */
export async function captureReads(collections: ReadonlySet<string>, run: () => Promise<void>): Promise<Array<Record<string, unknown>>> {
  const seen: Array<Record<string, unknown>> = [];
  const client = mongoose.connection.getClient();
  const dbName = mongoose.connection.db!.databaseName;
  const listener = (ev: { commandName: string; databaseName: string; command: Record<string, unknown> }) => {
    if (ev.databaseName !== dbName || !READS.includes(ev.commandName)) return;
    const target = ev.command[ev.commandName];
    if (typeof target === 'string' && collections.has(target)) seen.push(ev.command);
  };
  client.on('commandStarted', listener);
  try {
    await run();
  } finally {
    client.off('commandStarted', listener);
  }
  return seen;
}

/** The commands among `commands` whose winning plan on MongoDB contains a collection scan (as JSON). */
export async function collectionScans(commands: Array<Record<string, unknown>>): Promise<string[]> {
  const scans: string[] = [];
  for (const cmd of commands) {
    const { lsid: _l, $clusterTime: _c, $db: _d, txnNumber: _t, ...plain } = cmd;
    const explained = await mongoose.connection.db!.command({ explain: plain, verbosity: 'queryPlanner' });
    if (planStages(explained).includes('COLLSCAN')) scans.push(JSON.stringify(plain));
  }
  return scans;
}
