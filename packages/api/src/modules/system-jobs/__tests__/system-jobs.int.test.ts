import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { SystemJobModel } from '../system-job.model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const errorOf = (body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) => body.errors?.[0];
const JOBS = `query($p: ID, $s: JobStatus, $first: Int, $after: String) {
  systemJobs(platformId: $p, status: $s, first: $first, after: $after) {
    totalCount edges { node { id jobType status errorMessage attempt platform { id } progress { phase done total } result } } pageInfo { hasNextPage endCursor }
  }
}`;

describe('systemJobs: successful cases', () => {
  it('lists the viewer’s runs newest first, by account and status, with the account resolved', async () => {
    const a = await createUser();
    const b = await createUser();
    const p1 = await createPlatform(a.user._id);
    const p2 = await createPlatform(a.user._id);
    const pb = await createPlatform(b.user._id);
    const made = [];
    for (const [platformId, status] of [
      [p1._id, 'completed'],
      [p2._id, 'failed'],
      [p1._id, 'running'],
      [undefined, 'completed'],
    ] as const) {
      made.push(await SystemJobModel.create({ jobType: platformId ? 'sync_metrics' : 'generate_insights', workspaceId: a.user._id, platformId, status, progress: { phase: 'stats', done: 1, total: 3 } }));
    }
    await SystemJobModel.create({ jobType: 'sync_metrics', workspaceId: b.user._id, platformId: pb._id, status: 'completed' });
    await SystemJobModel.create({ jobType: 'retention', status: 'completed' });

    const all = await server.gql(JOBS, {}, a.token);
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data!.systemJobs.totalCount).toBe(4);
    const nodes = all.body.data!.systemJobs.edges.map((e: { node: { id: string } }) => e.node);
    expect(nodes.map((n: { id: string }) => n.id)).toEqual(made.map((m) => m._id.toHexString()).reverse());
    expect(nodes[0]).toMatchObject({ jobType: 'GENERATE_INSIGHTS', platform: null, progress: { phase: 'stats', done: 1, total: 3 } });
    expect(nodes[1]).toMatchObject({ status: 'RUNNING', platform: { id: p1._id.toHexString() } });

    const forP1 = await server.gql(JOBS, { p: p1._id.toHexString() }, a.token);
    expect(forP1.body.data!.systemJobs.totalCount).toBe(2);
    const failed = await server.gql(JOBS, { s: 'FAILED' }, a.token);
    expect(failed.body.data!.systemJobs.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([made[1]!._id.toHexString()]);

    const page1 = await server.gql(JOBS, { first: 3 }, a.token);
    expect(page1.body.data!.systemJobs.pageInfo.hasNextPage).toBe(true);
    const page2 = await server.gql(JOBS, { first: 3, after: page1.body.data!.systemJobs.pageInfo.endCursor }, a.token);
    expect(page2.body.data!.systemJobs.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([made[0]!._id.toHexString()]);
  });
});

describe('systemJobs: failing cases', () => {
  it('another user’s account answers NOT_FOUND; a malformed id names platformId; page bounds hold', async () => {
    const a = await createUser();
    const b = await createUser();
    const pa = await createPlatform(a.user._id);
    const theirs = await server.gql(JOBS, { p: pa._id.toHexString() }, b.token);
    expect(errorOf(theirs.body)?.extensions).toEqual({ code: 'NOT_FOUND' });
    const missing = await server.gql(JOBS, { p: new Types.ObjectId().toHexString() }, b.token);
    expect(errorOf(missing.body)?.message).toBe(errorOf(theirs.body)?.message);
    const bad = await server.gql(JOBS, { p: 'zzz' }, b.token);
    expect(errorOf(bad.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'platformId' });
    for (const first of [0, 101]) {
      expect(errorOf((await server.gql(JOBS, { first }, b.token)).body)?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(errorOf((await server.gql(JOBS, {})).body)?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
