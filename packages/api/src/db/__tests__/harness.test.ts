import mongoose, { Schema } from 'mongoose';
import { describe, expect, inject, it, vi } from 'vitest';
import { acquireDatabaseServer, DatabaseUnavailableError } from '../harness.js';

const fakeServer = (uri: string) => ({ uri, description: uri, transactions: false, stop: async () => {} });

describe('database harness: selection order', () => {
  it('uses MONGODB_URI and never starts a server when it is set', async () => {
    const startMongod = vi.fn();
    const startStandIn = vi.fn();
    const db = await acquireDatabaseServer({ env: { MONGODB_URI: 'mongodb://db.example:27017/x' }, startMongod, startStandIn });
    expect(db.source).toBe('uri');
    expect(db.uri).toBe('mongodb://db.example:27017/x');
    expect(startMongod).not.toHaveBeenCalled();
    expect(startStandIn).not.toHaveBeenCalled();
  });

  it('prefers a real mongod and does not prepare the stand-in when mongod starts', async () => {
    const startMongod = vi.fn(async () => fakeServer('mongodb://127.0.0.1:1/'));
    const startStandIn = vi.fn();
    const warn = vi.fn();
    const db = await acquireDatabaseServer({ env: {}, startMongod, startStandIn, warn });
    expect(db.source).toBe('mongod');
    expect(startStandIn).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('falls back to the stand-in only when mongod cannot be obtained, with exactly one warning line naming it', async () => {
    const startMongod = vi.fn(async () => {
      throw new Error('Download failed for url "https://fastdl.mongodb.org/x.tgz", Details:\ngetaddrinfo ENOTFOUND fastdl.mongodb.org');
    });
    const startStandIn = vi.fn(async () => fakeServer('mongodb://127.0.0.1:2/'));
    const warn = vi.fn();
    const db = await acquireDatabaseServer({ env: {}, startMongod, startStandIn, warn });
    expect(db.source).toBe('standin');
    expect(startMongod).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledOnce();
    const line = warn.mock.calls[0]![0] as string;
    expect(line).not.toContain('\n');
    expect(line).toMatch(/stand-in/);
    expect(line).toContain('ENOTFOUND fastdl.mongodb.org');
  });

  it('passes the persistence folder and port on to the servers', async () => {
    const startMongod = vi.fn(async () => fakeServer('m'));
    await acquireDatabaseServer({ env: {}, persistDir: '/tmp/x', persistentPort: 27999, startMongod });
    expect(startMongod).toHaveBeenCalledWith({ persistDir: '/tmp/x', port: 27999 });
  });

  it('fails with every attempt listed when nothing can be started', async () => {
    const err = await acquireDatabaseServer({
      env: {},
      startMongod: async () => {
        throw new Error('no network');
      },
      startStandIn: async () => {
        throw new Error('java not found');
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    const msg = (err as Error).message;
    expect(msg).toContain('MONGODB_URI is not set');
    expect(msg).toContain('mongod: no network');
    expect(msg).toContain('standin: java not found');
  });
});

describe('database harness: the server this run uses', () => {
  it('round-trips a document through mongoose, with a unique index enforced', async () => {
    const Thing = mongoose.model('HarnessThing', new Schema({ key: { type: String, unique: true }, n: Number }));
    await Thing.createIndexes();
    await Thing.create({ key: 'a', n: 1 });
    const found = await Thing.findOne({ key: 'a' }).lean();
    expect(found?.n).toBe(1);
    await expect(Thing.create({ key: 'a', n: 2 })).rejects.toMatchObject({ code: 11000 });
    expect(['uri', 'mongod', 'standin']).toContain(inject('mongoSource'));
  });

  it('gives each test file its own database', () => {
    expect(mongoose.connection.db?.databaseName).toMatch(/^soash_test_[0-9a-f]{10}$/);
  });
});
