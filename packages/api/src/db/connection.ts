import mongoose from 'mongoose';

export interface ConnectOptions {
  dbName: string;
  /** Emit driver command events (used by tests that count round trips). */
  monitorCommands?: boolean;
  serverSelectionTimeoutMS?: number;
}

/** Connects the process-wide mongoose connection that every model uses. */
export async function connectDatabase(uri: string, opts: ConnectOptions): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  // Collections and indexes are created explicitly (ensureIndexes), once and in order, so start-up
  // knows when they exist and never races mongoose's background creation.
  mongoose.set('autoIndex', false);
  mongoose.set('autoCreate', false);
  return mongoose.connect(uri, {
    dbName: opts.dbName,
    monitorCommands: opts.monitorCommands ?? false,
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 15_000,
  });
}

/** Creates every index every registered model declares; safe to run on each start. */
export async function ensureIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.connection.models)) {
    await model.createCollection().catch((err: { code?: number }) => {
      if (err?.code !== 48) throw err; // 48 = NamespaceExists
    });
    await model.createIndexes();
  }
}

export async function pingDatabase(timeoutMs = 2000): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) return false;
  try {
    await Promise.race([
      db.command({ ping: 1 }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timeout')), timeoutMs)),
    ]);
    return true;
  } catch {
    return false;
  }
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}
