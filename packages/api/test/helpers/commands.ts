import mongoose from 'mongoose';

export interface CommandCall {
  name: string;
  /** The collection the command addressed (find, aggregate, update, insert, …), when it names one. */
  collection?: string;
  /** The command's `comment`, when it carries one (analytics/followers.ts names its reads so). */
  comment?: string;
}

/**
 * The rate limit's buckets (server/plugins/points-bucket.ts): one to three commands per
 * request whatever it reads, so they are left out of the counts that prove batching (the
 * rate-limit suite tests them).
 */
const UNCOUNTED = new Set(['api_point_buckets']);

/** Counts the driver commands sent while `fn` runs (test files connect with monitorCommands). */
export async function countCommands<T>(fn: () => Promise<T>): Promise<{ result: T; commands: string[]; calls: CommandCall[] }> {
  const client = mongoose.connection.getClient();
  const calls: CommandCall[] = [];
  const listener = (ev: { commandName: string; databaseName: string; command: Record<string, unknown> }) => {
    if (ev.databaseName !== mongoose.connection.db?.databaseName) return;
    const target = ev.command?.[ev.commandName];
    if (typeof target === 'string' && UNCOUNTED.has(target)) return;
    const comment = ev.command?.comment;
    calls.push({ name: ev.commandName, ...(typeof target === 'string' ? { collection: target } : {}), ...(typeof comment === 'string' ? { comment } : {}) });
  };
  client.on('commandStarted', listener);
  try {
    const result = await fn();
    return { result, commands: calls.map((c) => c.name), calls };
  } finally {
    client.off('commandStarted', listener);
  }
}

/** "name collection" strings, e.g. "find users" or "aggregate stats followerHistory" (with its comment), for readable assertions. */
export function describeCalls(calls: CommandCall[]): string[] {
  return calls.map((c) => [c.name, c.collection, c.comment].filter(Boolean).join(' '));
}
