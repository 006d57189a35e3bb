import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { StatsModel } from '../stats.model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const errorOf = (body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) => body.errors?.[0];
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const STATS = 'query($p: ID!, $from: DateTime!, $to: DateTime!) { stats(platformId: $p, from: $from, to: $to) { date followers engagementRate demographics { ageGroups { range share } genderSplit { female } locations { country share } } } }';

describe('stats: successful cases', () => {
  it('returns the account’s days in [from, to], oldest first', async () => {
    // Fixed dates years back: an unlimited plan keeps the history limit (subscriptions suite) out of the way.
    const { user, token } = await createUser({ subscriptionTier: 'enterprise' });
    const p = await createPlatform(user._id);
    const other = await createPlatform(user._id);
    await StatsModel.create([
      { platformId: p._id, workspaceId: user._id, date: day(2026, 1, 3), followers: 130 },
      { platformId: p._id, workspaceId: user._id, date: day(2026, 1, 1), followers: 100, demographics: { ageGroups: [{ range: '18-24', share: 0.4 }], genderSplit: { female: 0.6 }, locations: [{ country: 'DE', share: 0.5 }] } },
      { platformId: p._id, workspaceId: user._id, date: day(2026, 1, 2), followers: 120, engagementRate: null },
      { platformId: p._id, workspaceId: user._id, date: day(2026, 1, 9), followers: 190 },
      { platformId: other._id, workspaceId: user._id, date: day(2026, 1, 2), followers: 5 },
    ]);
    const { body } = await server.gql(STATS, { p: p._id.toHexString(), from: day(2026, 1, 1).toISOString(), to: day(2026, 1, 3).toISOString() }, token);
    expect(body.errors).toBeUndefined();
    expect(body.data!.stats.map((s: { followers: number }) => s.followers)).toEqual([100, 120, 130]);
    expect(body.data!.stats[0]).toMatchObject({
      date: day(2026, 1, 1).toISOString(),
      demographics: { ageGroups: [{ range: '18-24', share: 0.4 }], genderSplit: { female: 0.6 }, locations: [{ country: 'DE', share: 0.5 }] },
    });
    expect(body.data!.stats[1]).toMatchObject({ engagementRate: null, demographics: null });
    // A range of exactly three years is allowed.
    const wide = await server.gql(STATS, { p: p._id.toHexString(), from: day(2023, 1, 9).toISOString(), to: day(2026, 1, 9).toISOString() }, token);
    expect(wide.body.data!.stats).toHaveLength(4);
  });
});

describe('stats: failing cases', () => {
  it('another user’s account answers like a missing one; a malformed id names platformId', async () => {
    const a = await createUser();
    const b = await createUser();
    const pa = await createPlatform(a.user._id);
    await StatsModel.create({ platformId: pa._id, workspaceId: a.user._id, date: day(2026, 1, 1), followers: 1 });
    const range = { from: day(2025, 1, 1).toISOString(), to: day(2026, 12, 31).toISOString() };
    const theirs = await server.gql(STATS, { p: pa._id.toHexString(), ...range }, b.token);
    const missing = await server.gql(STATS, { p: new Types.ObjectId().toHexString(), ...range }, b.token);
    expect(errorOf(theirs.body)).toEqual(expect.objectContaining({ message: errorOf(missing.body)!.message, extensions: { code: 'NOT_FOUND' } }));
    expect(theirs.body.data).toBeNull();
    const bad = await server.gql(STATS, { p: 'nope', ...range }, b.token);
    expect(errorOf(bad.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'platformId' });
  });

  it('refuses a reversed range and one longer than three years', async () => {
    const { user, token } = await createUser();
    const p = await createPlatform(user._id);
    const reversed = await server.gql(STATS, { p: p._id.toHexString(), from: day(2026, 2, 1).toISOString(), to: day(2026, 1, 1).toISOString() }, token);
    expect(errorOf(reversed.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    const long = await server.gql(STATS, { p: p._id.toHexString(), from: day(2020, 1, 1).toISOString(), to: day(2026, 1, 1).toISOString() }, token);
    expect(errorOf(long.body)).toMatchObject({ message: expect.stringContaining('3 years'), extensions: { code: 'BAD_USER_INPUT', field: 'to' } });
    const bad = await server.gql(STATS, { p: p._id.toHexString(), from: 'yesterday', to: day(2026, 1, 1).toISOString() }, token);
    expect(errorOf(bad.body)?.extensions?.code).toBe('BAD_USER_INPUT');
    const anon = await server.gql(STATS, { p: p._id.toHexString(), from: day(2026, 1, 1).toISOString(), to: day(2026, 1, 2).toISOString() });
    expect(errorOf(anon.body)?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
