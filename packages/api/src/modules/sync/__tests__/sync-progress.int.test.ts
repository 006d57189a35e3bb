import { Types } from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SystemJobModel } from '../../system-jobs/system-job.model.js';
import { syncProgressSettings, syncProgressStream } from '../sync-progress.js';

const interval = syncProgressSettings.intervalMs;
afterEach(() => {
  syncProgressSettings.intervalMs = interval;
  vi.restoreAllMocks();
});

describe('syncProgress stream', () => {
  it('stops reading the database as soon as the subscriber ends it, while nothing changes', async () => {
    syncProgressSettings.intervalMs = 10;
    const platformId = new Types.ObjectId();
    // A pull that stays queued: the stream has nothing new to say, so it never yields again.
    await SystemJobModel.create({ jobType: 'sync_metrics', workspaceId: new Types.ObjectId(), platformId, status: 'pending' });
    const reads = vi.spyOn(SystemJobModel, 'find');
    const stream = syncProgressStream(platformId);
    const first = await stream.next();
    expect(first.value).toMatchObject({ status: 'pending', finished: false });
    // graphql-js asks for the next event (which would not come) and ends the stream on cancel.
    const waiting = stream.next();
    await sleep(50);
    const ended = await Promise.race([stream.return(undefined).then(() => 'ended'), sleep(2_000).then(() => 'still polling')]);
    expect(ended).toBe('ended');
    expect(await waiting).toEqual({ done: true, value: undefined });
    const readsAtEnd = reads.mock.calls.length;
    await sleep(100);
    expect(reads.mock.calls.length).toBe(readsAtEnd);
  });

  it('ends by itself with a finished event once no pull is queued or running', async () => {
    syncProgressSettings.intervalMs = 10;
    const platformId = new Types.ObjectId();
    const job = await SystemJobModel.create({ jobType: 'sync_metrics', workspaceId: new Types.ObjectId(), platformId, status: 'running' });
    const stream = syncProgressStream(platformId);
    expect((await stream.next()).value).toMatchObject({ status: 'running', finished: false });
    await SystemJobModel.updateOne({ _id: job._id }, { $set: { status: 'completed', completedAt: new Date() } });
    expect((await stream.next()).value).toMatchObject({ status: 'completed', finished: true });
    expect((await stream.next()).done).toBe(true);
  });
});
