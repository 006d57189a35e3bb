import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';
import { connectDatabase, ensureIndexes } from '../src/db/connection.js';

/** Every test file runs against a database of its own, dropped afterwards. */
export const testDbName = `soash_test_${randomBytes(5).toString('hex')}`;

beforeAll(async () => {
  await connectDatabase(inject('mongoUri'), { dbName: testDbName, monitorCommands: true });
  // Every model the test file imported gets its indexes (unique keys matter to the tests).
  await ensureIndexes();
});

afterAll(async () => {
  if (mongoose.connection.readyState === 1) {
    await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
  }
});
