import mongoose from 'mongoose';

/** Counts the driver commands sent while `fn` runs (test files connect with monitorCommands). */
export async function countCommands<T>(fn: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
  const client = mongoose.connection.getClient();
  const commands: string[] = [];
  const listener = (ev: { commandName: string; databaseName: string }) => {
    if (ev.databaseName === mongoose.connection.db?.databaseName) commands.push(ev.commandName);
  };
  client.on('commandStarted', listener);
  try {
    const result = await fn();
    return { result, commands };
  } finally {
    client.off('commandStarted', listener);
  }
}
