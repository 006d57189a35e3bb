import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { configureLogger } from '../../../lib/logger.js';
import { DAY_MS, parseDay } from '@soash/shared';
import { SystemJobModel } from '../../system-jobs/system-job.model.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';
import { llmWriter, templateWriter } from '../idea-writer.js';
import { AiInsightModel } from '../insight.model.js';
import mongoose from 'mongoose';
import { JOBS_COLLECTION, startScheduler } from '../../../jobs/scheduler.js';
import { startupTasks } from '../../../startup.js';
import { enqueueNightlyInsights, GENERATE_INSIGHTS_JOB, NIGHTLY_INSIGHTS_JOB, runGenerateInsights } from '../insights.jobs.js';
import { generateInsightsForUser } from '../insights.service.js';
import { ContentRecommendationModel } from '../recommendation.model.js';
import { PerformancePatternModel } from '../performance-pattern.model.js';
import { generateAccount, type Plants } from './generator.js';
import { seedAccount } from './seed.js';

const today = parseDay('2026-06-30')!;
const now = new Date(today * DAY_MS + 12 * 3_600_000);
const plants: Plants = { bestHour: 18, bestType: 'reel', bestHashtag: 'launch', anomalyDaysAgo: 5 };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function plantedUser(seed: number, tz = 'UTC', offset = 0) {
  // A PRO plan reaches back past the 180 days analysed.
  const u = await createUser({ subscriptionTier: 'pro' });
  await WorkspaceModel.updateOne({ _id: u.user._id }, { $set: { timezone: tz, industry: 'coffee roasting', targetAudience: 'home baristas', brandValues: ['craft', 'honesty'], businessGoals: ['grow the newsletter'] } });
  const p = await createPlatform(u.user._id);
  await seedAccount(u.user._id, p._id, generateAccount({ seed, today, plants, utcOffsetHours: offset }));
  return u;
}

const INSIGHTS = `query($filter: InsightFilterInput, $first: Int, $after: String) {
  insights(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id insightType title description priority isRead isDismissed lastConfirmedAt evidence { ...E } } }
  }
}
fragment E on InsightEvidence {
  method metric valueName period { from to days } groupSize restSize groupValue restValue effectName effect
  interval { level low high } rankBiserial pValue qValue tests correction
  accounts { platformId platform name groupSize restSize groupValue restValue }
  pattern { patternType name } values howWeKnow posts { platformIds type hashtag from to }
}`;

describe('insights: successful cases', () => {
  it('finds the planted effects in the user’s timezone, with numbers and tests cited', async () => {
    // Posts at 18:xx local time in UTC+2 (Etc/GMT-2): only bucketing in the user's timezone finds hour 18.
    const u = await plantedUser(21, 'Etc/GMT-2', 2);
    const result = await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    expect(result.posts).toBe(240);
    expect(result.accounts).toBe(1);
    expect(result.partial).toBeNull();
    const { body } = await server.gql(INSIGHTS, { first: 100 }, u.token);
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.insights.edges.map((e: any) => e.node);
    const reel = nodes.find((n: any) => n.insightType === 'PERFORMANCE' && n.evidence.pattern?.name === 'reel');
    expect(reel).toBeDefined();
    expect(reel.title).toBe('Make more reels on @fixture (Instagram)');
    expect(reel.description).toMatch(/^Make more reels on @fixture \(Instagram\): your \d+ reels earned a median engagement rate by reach of [\d.]+ %, against [\d.]+ % for your \d+ other posts \(/);
    expect(reel.description).toContain(`your ${reel.evidence.groupSize} reels`);
    expect(reel.description).toContain(`your ${reel.evidence.restSize} other posts`);
    expect(reel.evidence.effect).toBeGreaterThan(1);
    expect(reel.evidence.interval.low).toBeLessThan(reel.evidence.effect);
    expect(reel.evidence.method).toMatch(/van Elteren/);
    expect(reel.evidence.metric).toBe('engagement rate by reach');
    expect(reel.evidence.correction).toBe('Benjamini–Hochberg');
    expect(reel.evidence.qValue).toBeLessThan(0.05);
    expect(reel.evidence.accounts).toEqual([expect.objectContaining({ platform: 'INSTAGRAM', name: '@fixture', groupSize: reel.evidence.groupSize })]);
    expect(reel.evidence.posts).toMatchObject({ type: 'REEL', hashtag: null, platformIds: [reel.evidence.accounts[0].platformId] });
    expect(reel.evidence.posts.to <= '2026-06-29').toBe(true);
    expect(reel.evidence.howWeKnow.join(' ')).toMatch(/chance/);
    expect(JSON.stringify(reel)).not.toMatch(/ratioOfMedians|pValue =|rank-biserial effect/);
    const hour = nodes.find((n: any) => n.insightType === 'PERFORMANCE' && n.evidence.pattern?.name === '18:00');
    expect(hour?.evidence.effect).toBeGreaterThan(1);
    expect(hour.title).toBe('Post more between 18:00 and 19:00 on @fixture (Instagram)');
    expect(nodes.find((n: any) => n.evidence.pattern?.name === '#launch')?.evidence.effect).toBeGreaterThan(1);
    const anomaly = nodes.find((n: any) => n.insightType === 'TREND' && n.evidence.metric === 'daily net follower change' && n.evidence.values);
    expect(anomaly.evidence.period.from).toBe('2026-06-25');
    expect(anomaly.title).toMatch(/on @fixture \(Instagram\)/);
    // One finding, one card: the engine writes no second "recommendation" insight for the same finding.
    expect(nodes.filter((n: any) => n.insightType === 'RECOMMENDATION')).toHaveLength(0);
    // Priority first, then recency.
    const ranks = nodes.map((n: any) => ({ HIGH: 3, MEDIUM: 2, LOW: 1 })[n.priority as 'HIGH']);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);

    const patterns = await server.gql('{ performancePatterns(type: POSTING_TIME) { patternType patternName successRate sampleSize } }', {}, u.token);
    const p18 = patterns.body.data!.performancePatterns.find((p: any) => p.patternName === '18:00');
    expect(p18.successRate).toBeGreaterThan(0.6);
    expect(p18.sampleSize).toBeGreaterThanOrEqual(5);
    expect(patterns.body.data!.performancePatterns.every((p: any) => p.patternType === 'POSTING_TIME' && p.sampleSize >= 5)).toBe(true);

    const recs = await server.gql('{ recommendations(first: 50) { totalCount edges { node { id recommendationType title description contentBrief score patternKey insightId evidence } } } }', {}, u.token);
    const recNodes = recs.body.data!.recommendations.edges.map((e: any) => e.node);
    const at18 = recNodes.find((r: any) => r.recommendationType === 'POSTING_TIME' && r.patternKey === 'posting_time:hour-18');
    expect(at18?.title).toBe('Post between 18:00 and 19:00');
    // …and it links the insight it acts on.
    expect(at18.insightId).toBe(hour.id);
    expect(at18.description).not.toMatch(/100\.0|Mann–Whitney|p </);
    expect(recNodes.find((r: any) => r.recommendationType === 'HASHTAG' && r.patternKey === 'hashtag:#launch')).toBeDefined();
    const idea = recNodes.find((r: any) => r.patternKey === 'content_idea:content_type:reel');
    expect(idea.contentBrief).toContain('Industry: coffee roasting');
    expect(idea.contentBrief).toContain('Audience: home baristas');
    expect(idea.contentBrief).toContain('Top posts:');
    // Dates and formats for people: "1. reel, 25 Jun 2026, …", never an ISO date.
    expect(idea.contentBrief).toMatch(/\n1\. [a-z ]+, \d{1,2} [A-Z][a-z]{2} \d{4}, /);
    expect(idea.contentBrief).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(idea.evidence.writer).toBe('template');
    expect(idea.insightId).toBe(reel.id);
    const scores = recNodes.map((r: any) => r.score);
    expect([...scores].sort((a: number, b: number) => b - a)).toEqual(scores);
  });

  it('a TikTok account of videos and an Instagram account: no "videos" finding, each rate named by its platform', async () => {
    const u = await createUser({ subscriptionTier: 'pro' });
    const tiktok = await createPlatform(u.user._id, { type: 'tiktok', username: 'bakery.tok' });
    const insta = await createPlatform(u.user._id, { type: 'instagram', username: 'bakery' });
    await seedAccount(u.user._id, tiktok._id, generateAccount({ seed: 61, today, shape: { onlyType: 'video', onlyHour: 18, onlyHashtag: 'fyp', medianRate: 0.12 } }));
    await seedAccount(u.user._id, insta._id, generateAccount({ seed: 62, today, plants: { bestType: 'carousel' } }));
    const r = await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    expect(r.accounts).toBe(2);
    const docs = await AiInsightModel.find({ workspaceId: u.user._id }).lean();
    expect(docs.map((d) => d.key).filter((k) => /content_type:video|hour-18|#fyp/.test(k))).toEqual([]);
    // The Instagram account's own effect is still found, within that account.
    const carousel = docs.find((d) => d.key === 'performance:content_type:carousel:above');
    expect(carousel?.title).toBe('Make more carousels on @bakery (Instagram)');
    const { body } = await server.gql(INSIGHTS, { first: 100 }, u.token);
    const node = body.data!.insights.edges.map((e: any) => e.node).find((n: any) => n.id === carousel!._id.toHexString());
    expect(node.evidence.accounts.map((a: any) => a.name)).toEqual(['@bakery']);
    const recs = await ContentRecommendationModel.find({ workspaceId: u.user._id }).lean();
    const brief = recs.find((x) => x.contentBrief)!.contentBrief!;
    expect(brief).toContain('engagement rate by views (TikTok) and reach (Instagram)');
  });

  it('states the period actually analysed: within the plan’s history and from the first post on', async () => {
    const u = await createUser(); // FREE: 90 days of history
    const p = await createPlatform(u.user._id);
    await seedAccount(u.user._id, p._id, generateAccount({ seed: 63, today, postDays: 170, plants: { bestType: 'reel', multiplier: 3 } }));
    const r = await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    // subscriptions/plan-limits.ts historyStart: the plan reaches back 90 + 1 days.
    const planFrom = new Date((today - 91) * DAY_MS).toISOString().slice(0, 10);
    expect(r.period.from >= planFrom).toBe(true);
    expect(r.posts).toBeLessThan(240);
    const docs = (await AiInsightModel.find({ workspaceId: u.user._id }).lean()).filter((d) => d.key.startsWith('performance:'));
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) expect((d.evidence as any).period.from >= planFrom).toBe(true);

    // A young account: the period starts at its first post, not 180 days back.
    const young = await createUser({ subscriptionTier: 'pro' });
    const yp = await createPlatform(young.user._id);
    await seedAccount(young.user._id, yp._id, generateAccount({ seed: 64, today, postDays: 40 }));
    const yr = await generateInsightsForUser(young.user._id, { now, writer: templateWriter });
    expect(yr.period.from >= new Date((today - 41) * DAY_MS).toISOString().slice(0, 10)).toBe(true);
  });

  it('re-running updates findings in place: no duplicates, read and dismissed flags kept', async () => {
    const u = await plantedUser(22);
    await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    const first = await AiInsightModel.find({ workspaceId: u.user._id }).sort({ key: 1 }).lean();
    const [a, b] = first;
    await server.gql('mutation($id: ID!) { markInsightRead(id: $id) { isRead } }', { id: a!._id.toHexString() }, u.token);
    const dismissed = await server.gql('mutation($id: ID!) { dismissInsight(id: $id) { id isDismissed } }', { id: b!._id.toHexString() }, u.token);
    expect(dismissed.body.data!.dismissInsight.isDismissed).toBe(true);

    await generateInsightsForUser(u.user._id, { now: new Date(now.getTime() + 3_600_000), writer: templateWriter });
    const second = await AiInsightModel.find({ workspaceId: u.user._id }).sort({ key: 1 }).lean();
    expect(second.map((d) => [d._id.toHexString(), d.key])).toEqual(first.map((d) => [d._id.toHexString(), d.key]));
    expect(second.find((d) => d.key === a!.key)!.isRead).toBe(true);
    expect(second.find((d) => d.key === b!.key)!.isDismissed).toBe(true);
    expect(second[0]!.lastConfirmedAt!.getTime()).toBeGreaterThan(first[0]!.lastConfirmedAt!.getTime());

    // Hidden by default, listed with isDismissed: true.
    const visible = await server.gql(INSIGHTS, { first: 100 }, u.token);
    expect(visible.body.data!.insights.edges.map((e: any) => e.node.id)).not.toContain(b!._id.toHexString());
    const onlyDismissed = await server.gql(INSIGHTS, { first: 100, filter: { isDismissed: true } }, u.token);
    expect(onlyDismissed.body.data!.insights.edges.map((e: any) => e.node.id)).toEqual([b!._id.toHexString()]);
    const unread = await server.gql(INSIGHTS, { first: 100, filter: { isRead: false, isDismissed: null } }, u.token);
    expect(unread.body.data!.insights.edges.map((e: any) => e.node.id)).not.toContain(a!._id.toHexString());
    expect(unread.body.data!.insights.totalCount).toBe(second.length - 1);
  });

  it('never judges today, whose numbers are still coming in', async () => {
    const u = await plantedUser(24);
    // However odd today's partial numbers look, only complete days are tested.
    const { StatsModel } = await import('../../stats/stats.model.js');
    const yesterday = await StatsModel.findOne({ workspaceId: u.user._id, date: new Date((today - 1) * DAY_MS) }).lean();
    expect(yesterday?.followers).toBeTypeOf('number');
    await StatsModel.updateOne(
      { workspaceId: u.user._id, platformId: yesterday!.platformId, date: new Date(today * DAY_MS) },
      { $set: { followers: yesterday!.followers! - 50_000, followersChange: -50_000 } },
      { upsert: true },
    );
    await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    const todayLabel = new Date(today * DAY_MS).toISOString().slice(0, 10);
    const keys = (await AiInsightModel.find({ workspaceId: u.user._id }, { key: 1 }).lean()).map((d) => d.key);
    expect(keys.filter((k) => k.startsWith('trend:anomaly:'))).not.toEqual([]);
    expect(keys.filter((k) => k.endsWith(todayLabel))).toEqual([]);
  });

  it('leaves notices of other modules alone (a re-authorisation warning survives a run)', async () => {
    const u = await plantedUser(23);
    const notice = await AiInsightModel.create({
      workspaceId: u.user._id,
      insightType: 'recommendation',
      title: 'Reconnect your account',
      priority: 'high',
      key: 'reauth:0123456789abcdef01234567',
    });
    await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    expect(await AiInsightModel.findById(notice._id).lean()).not.toBeNull();
  });

  it('retires insights the data no longer supports (dismissed ones are remembered)', async () => {
    const u = await plantedUser(23);
    await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    const reel = await AiInsightModel.findOne({ workspaceId: u.user._id, key: 'performance:content_type:reel:above' }).lean();
    expect(reel).not.toBeNull();
    // (Filtered here: the stand-in cannot run an equality plus a regex over the unique {workspaceId, key} index.)
    const other = (await AiInsightModel.find({ workspaceId: u.user._id }).lean()).find((d) => d.key.startsWith('performance:hashtag'));
    await AiInsightModel.updateOne({ _id: other!._id }, { $set: { isDismissed: true } });
    // A year later nothing is in the window any more.
    const later = new Date(now.getTime() + 400 * DAY_MS);
    const r = await generateInsightsForUser(u.user._id, { now: later, writer: templateWriter });
    expect(r.posts).toBe(0);
    const left = await AiInsightModel.find({ workspaceId: u.user._id }).lean();
    expect(left.map((d) => d.key)).toEqual([other!.key]);
    expect(await ContentRecommendationModel.countDocuments({ workspaceId: u.user._id })).toBe(0);
  });

  it('pages insights with cursors', async () => {
    const u = await plantedUser(24);
    await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    const all = await server.gql(INSIGHTS, { first: 100 }, u.token);
    const ids = all.body.data!.insights.edges.map((e: any) => e.node.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await server.gql(INSIGHTS, { first: 2, after }, u.token);
      seen.push(...page.body.data!.insights.edges.map((e: any) => e.node.id));
      if (!page.body.data!.insights.pageInfo.hasNextPage) break;
      after = page.body.data!.insights.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
  });

  it('pure-noise accounts get no high-priority insight', async () => {
    for (const seed of [31, 32]) {
      const u = await createUser();
      const p = await createPlatform(u.user._id);
      await seedAccount(u.user._id, p._id, generateAccount({ seed, today }));
      await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
      expect(await AiInsightModel.countDocuments({ workspaceId: u.user._id, priority: 'high' })).toBe(0);
    }
  });

  it('hashtag suggestions say why, as typed evidence; a hashtag without evidence is never suggested', async () => {
    const u = await plantedUser(27);
    // An industry no other user of this server is in: only the user's own evidence counts.
    await WorkspaceModel.updateOne({ _id: u.user._id }, { $set: { industry: 'artisan bookbinding' } });
    const result = await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    const { body } = await server.gql(
      `{ recommendations(first: 50) { edges { node { title recommendationType patternKey basis { sources why metric own { pattern posts successRate qValue rankBiserial } industry { brands } } } } } }`,
      {},
      u.token,
    );
    expect(body.errors).toBeUndefined();
    const tags = body.data!.recommendations.edges.map((e: any) => e.node).filter((r: any) => r.recommendationType === 'HASHTAG');
    const launch = tags.find((r: any) => r.patternKey === 'hashtag:#launch');
    expect(launch.basis).toMatchObject({ sources: ['OWN_POSTS'], metric: 'engagement rate by reach', own: { pattern: '#launch' }, industry: null });
    expect(launch.basis.why).toMatch(/of your \d+ posts with #launch beat their account's median engagement rate by reach/);
    // Every suggestion rests on a test that is clear of chance (the user has no industry peers here).
    for (const r of tags) {
      expect(r.basis.own.qValue, r.patternKey).toBeLessThan(0.05);
      expect(r.basis.own.rankBiserial, r.patternKey).toBeGreaterThan(0);
    }
    // Hashtags that merely beat the median more often than not, untested or not clear of chance, are not suggested.
    const stored = await ContentRecommendationModel.find({ workspaceId: u.user._id, recommendationType: 'hashtag' }).lean();
    expect(stored.length).toBe(tags.length);
    expect(result.recommendations).toBeGreaterThan(0);
  });

  it('suggests hashtags from the industry: pooled over at least 3 other brands, significant, never naming one', async () => {
    const u = await plantedUser(28);
    await WorkspaceModel.updateOne({ _id: u.user._id }, { $set: { industry: 'Coffee roasting' } });
    const peer = async (industry: string, patterns: Array<[string, number, number]>) => {
      const p = await createUser();
      // The peer's personal workspace is its brand, with its industry.
      await WorkspaceModel.updateOne({ _id: p.user._id }, { $set: { industry } });
      for (const [name, sampleSize, successRate] of patterns) {
        await PerformancePatternModel.create({ workspaceId: p.user._id, patternType: 'hashtag', patternName: name, sampleSize, successRate });
      }
    };
    // #latteart works for three coffee roasters; #espresso only for two; #beans is a coin toss.
    await peer('coffee roasting', [['#latteart', 30, 0.8], ['#espresso', 40, 0.9], ['#beans', 30, 0.5]]);
    await peer(' COFFEE ROASTING ', [['#latteart', 25, 0.72], ['#espresso', 40, 0.9], ['#beans', 30, 0.53]]);
    await peer('coffee roasting', [['#latteart', 20, 0.75], ['#beans', 30, 0.47]]);
    // Another industry's strong hashtag says nothing about coffee.
    for (let i = 0; i < 3; i++) await peer('fitness', [['#legday', 40, 0.9]]);
    await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    const { body } = await server.gql(
      `{ recommendations(first: 50) { edges { node { title description patternKey basis { sources why own { posts } industry { industry brands posts successRate pValue } } } } } }`,
      {},
      u.token,
    );
    const recs = body.data!.recommendations.edges.map((e: any) => e.node);
    const latte = recs.find((r: any) => r.patternKey === 'hashtag:#latteart');
    expect(latte.title).toBe('Try #latteart');
    expect(latte.basis.sources).toEqual(['INDUSTRY']);
    expect(latte.basis.industry).toMatchObject({ industry: 'Coffee roasting', brands: 3, posts: 75 });
    expect(latte.basis.industry.successRate).toBeCloseTo((24 + 18 + 15) / 75, 10);
    expect(latte.basis.industry.pValue).toBeLessThan(0.05);
    expect(latte.basis.why).toMatch(/^Across 3 other coffee roasting brands on this server, 76 % of 75 posts with #latteart beat their own account's median/);
    for (const tag of ['#espresso', '#beans', '#legday']) expect(recs.find((r: any) => r.patternKey === `hashtag:${tag}`), tag).toBeUndefined();
    // No peer is named or identified anywhere in the text.
    expect(JSON.stringify(recs)).not.toMatch(/[0-9a-f]{24}/);
  });

  it('feedback re-ranks recommendations now and in later runs', async () => {
    const u = await plantedUser(25);
    await generateInsightsForUser(u.user._id, { now, writer: templateWriter });
    const list = async () =>
      (await server.gql('{ recommendations(first: 50) { edges { node { id score patternKey isUsed feedbackScore recommendationType } } } }', {}, u.token)).body.data!.recommendations.edges.map(
        (e: any) => e.node,
      );
    const before = await list();
    const hashtagRec = before.find((r: any) => r.patternKey === 'hashtag:#launch');
    const rated = await server.gql('mutation($id: ID!) { rateRecommendation(id: $id, score: 1) { id feedbackScore score } }', { id: hashtagRec.id }, u.token);
    expect(rated.body.data!.rateRecommendation.feedbackScore).toBe(1);
    expect(rated.body.data!.rateRecommendation.score).toBeLessThan(hashtagRec.score);
    // The content idea built on the same hashtag shares nothing but the type factor; another hashtag rec drops by the type factor.
    const after = await list();
    const otherHashtag = after.find((r: any) => r.recommendationType === 'HASHTAG' && r.patternKey !== 'hashtag:#launch');
    if (otherHashtag) expect(otherHashtag.score).toBeLessThan(before.find((r: any) => r.id === otherHashtag.id).score);
    const used = await server.gql('mutation($id: ID!) { markRecommendationUsed(id: $id) { isUsed } }', { id: before[0].id }, u.token);
    expect(used.body.data!.markRecommendationUsed.isUsed).toBe(true);
    // A later run keeps the feedback and still applies it.
    await generateInsightsForUser(u.user._id, { now: new Date(now.getTime() + 3_600_000), writer: templateWriter });
    const rerun = await ContentRecommendationModel.findOne({ workspaceId: u.user._id, patternKey: 'hashtag:#launch' }).lean();
    expect(rerun!.feedbackScore).toBe(1);
    expect(rerun!.score).toBeLessThan(rerun!.baseScore);
  });

  it('runs as the insights:generate job and records the run', async () => {
    const u = await createUser({ subscriptionTier: 'pro' });
    const p = await createPlatform(u.user._id);
    // The job analyses up to the real today.
    await seedAccount(u.user._id, p._id, generateAccount({ seed: 26, today: Math.floor(Date.now() / DAY_MS), plants }));
    await runGenerateInsights({ workspaceId: u.user._id.toHexString() });
    const run = await SystemJobModel.findOne({ workspaceId: u.user._id }).lean();
    expect(run).toMatchObject({ jobType: 'generate_insights', status: 'completed' });
    expect((run!.result as { posts: number }).posts).toBe(240);
  });
});

describe('insights: the Agenda jobs', () => {
  it('insights:generate runs from the queue, and start-up schedules the nightly fan-out', async () => {
    const s = await startScheduler({ processJobs: true, pollMs: 100 });
    try {
      const u = await createUser();
      const p = await createPlatform(u.user._id);
      await seedAccount(u.user._id, p._id, generateAccount({ seed: 41, today: Math.floor(Date.now() / DAY_MS), plants }));
      // What the connectors do after a pull:
      await s.agenda.now(GENERATE_INSIGHTS_JOB, { workspaceId: u.user._id.toHexString() });
      const deadline = Date.now() + 60_000;
      let run;
      while (Date.now() < deadline) {
        run = await SystemJobModel.findOne({ workspaceId: u.user._id, status: { $in: ['completed', 'failed'] } }).lean();
        if (run) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(run).toMatchObject({ jobType: 'generate_insights', status: 'completed' });
      expect(await AiInsightModel.countDocuments({ workspaceId: u.user._id })).toBeGreaterThan(0);

      for (const task of startupTasks) await task({ config: server.config, database: {} as never, role: 'worker' });
      const jobs = mongoose.connection.db!.collection(JOBS_COLLECTION);
      const nightly = await jobs.find({ name: NIGHTLY_INSIGHTS_JOB }).toArray();
      expect(nightly).toHaveLength(1);
      expect(nightly[0]!.repeatInterval).toBe('0 3 * * *');
      // Running start-up again (another process) does not add a second schedule.
      for (const task of startupTasks) await task({ config: server.config, database: {} as never, role: 'api' });
      expect(await jobs.countDocuments({ name: NIGHTLY_INSIGHTS_JOB })).toBe(1);
      // The fan-out enqueues one run per user with an active account.
      expect(await enqueueNightlyInsights()).toBeGreaterThan(0);
      expect(await jobs.countDocuments({ name: GENERATE_INSIGHTS_JOB, 'data.workspaceId': u.user._id.toHexString() })).toBeGreaterThanOrEqual(1);
    } finally {
      await s.stop();
    }
  });
});

describe('insights: content ideas from an LLM', () => {
  let fake: Server;
  let url: string;
  let mode: 'ok' | 'error' | 'slow' = 'ok';
  const requests: Array<{ auth?: string; body: any }> = [];
  beforeAll(async () => {
    fake = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        requests.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
        if (req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
        if (mode === 'error') return void res.writeHead(500).end('{"error":"boom"}');
        const reply = () =>
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({ choices: [{ message: { role: 'assistant', content: '```json\n{"title": "Latte art in 30 seconds", "description": "A reel series for home baristas."}\n```' } }] }),
          );
        if (mode === 'slow') setTimeout(reply, 1500);
        else reply();
      });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    fake.closeAllConnections();
    await new Promise((r) => fake.close(r));
  });

  it('writes ideas through the OpenAI-compatible endpoint', async () => {
    const u = await plantedUser(27);
    mode = 'ok';
    requests.length = 0;
    await generateInsightsForUser(u.user._id, { now, writer: llmWriter({ baseUrl: url, apiKey: 'sk-test-secret', model: 'test-model', timeoutMs: 5000 }) });
    const ideas = await ContentRecommendationModel.find({ workspaceId: u.user._id, recommendationType: 'content_idea' }).lean();
    expect(ideas.length).toBeGreaterThanOrEqual(2);
    expect(ideas.every((i) => i.title === 'Latte art in 30 seconds' && (i.evidence as any).writer === 'llm')).toBe(true);
    expect(requests[0]!.auth).toBe('Bearer sk-test-secret');
    expect(requests[0]!.body.model).toBe('test-model');
    expect(requests[0]!.body.messages[1].content).toContain('Audience: home baristas');
    // Same brief on the next run: the stored text is kept and the LLM is not asked again.
    const calls = requests.length;
    const writer = llmWriter({ baseUrl: url, apiKey: 'sk-test-secret', model: 'test-model' });
    await generateInsightsForUser(u.user._id, { now, writer });
    expect(requests.length).toBe(calls);
    // A changed brief is rewritten only once the text is a week old.
    await WorkspaceModel.updateOne({ _id: u.user._id }, { $set: { industry: 'tea' } });
    await generateInsightsForUser(u.user._id, { now: new Date(now.getTime() + DAY_MS), writer });
    expect(requests.length).toBe(calls);
    const idea = await ContentRecommendationModel.findOne({ workspaceId: u.user._id, patternKey: 'content_idea:content_type:reel' }).lean();
    expect(idea!.contentBrief).toContain('Industry: tea');
    await generateInsightsForUser(u.user._id, { now: new Date(now.getTime() + 8 * DAY_MS), writer });
    expect(requests.length).toBeGreaterThan(calls);
    expect(requests.at(-1)!.body.messages[1].content).toContain('Industry: tea');
  });

  it('falls back to the template writer on errors and timeouts, logging no secret', async () => {
    const lines: string[] = [];
    configureLogger({ level: 'warn', write: (l) => lines.push(l) });
    try {
      for (const m of ['error', 'slow'] as const) {
        mode = m;
        const u = await plantedUser(28);
        await generateInsightsForUser(u.user._id, { now, writer: llmWriter({ baseUrl: url, apiKey: 'sk-test-secret', model: 'test-model', timeoutMs: 300 }) });
        const ideas = await ContentRecommendationModel.find({ workspaceId: u.user._id, recommendationType: 'content_idea' }).lean();
        expect(ideas.length).toBeGreaterThanOrEqual(2);
        expect(ideas.every((i) => (i.evidence as any).writer === 'template')).toBe(true);
      }
    } finally {
      configureLogger({ level: 'silent' });
    }
    expect(lines.some((l) => l.includes('HTTP 500'))).toBe(true);
    expect(lines.some((l) => l.includes('timed out'))).toBe(true);
    expect(lines.join('\n')).not.toContain('sk-test-secret');
  });
});

describe('insights: failing cases', () => {
  it('answers another user’s insight or recommendation like a missing one', async () => {
    const owner = await plantedUser(29);
    await generateInsightsForUser(owner.user._id, { now, writer: templateWriter });
    const other = await createUser();
    const insight = await AiInsightModel.findOne({ workspaceId: owner.user._id }).lean();
    const rec = await ContentRecommendationModel.findOne({ workspaceId: owner.user._id }).lean();
    const missing = new Types.ObjectId().toHexString();
    for (const [op, id] of [
      ['markInsightRead(id: $id) { id }', insight!._id.toHexString()],
      ['dismissInsight(id: $id) { id }', insight!._id.toHexString()],
      ['rateRecommendation(id: $id, score: 4) { id }', rec!._id.toHexString()],
      ['markRecommendationUsed(id: $id) { id }', rec!._id.toHexString()],
      ['markInsightRead(id: $id) { id }', missing],
    ] as const) {
      const { body } = await server.gql(`mutation($id: ID!) { ${op} }`, { id }, other.token);
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    }
    // Nothing changed for the owner.
    expect((await AiInsightModel.findById(insight!._id).lean())!.isDismissed).toBe(false);
    expect((await ContentRecommendationModel.findById(rec!._id).lean())!.feedbackScore).toBeUndefined();
  });

  it('rejects bad ids and scores as bad input naming the field', async () => {
    const u = await createUser();
    const bad = await server.gql('mutation { markInsightRead(id: "nope") { id } }', {}, u.token);
    expect(bad.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    const score = await server.gql('mutation($id: ID!) { rateRecommendation(id: $id, score: 6) { id } }', { id: new Types.ObjectId().toHexString() }, u.token);
    expect(score.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'score' });
    const page = await server.gql('{ insights(first: 0) { totalCount } }', {}, u.token);
    expect(page.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('needs a signed-in viewer', async () => {
    const { body } = await server.gql('{ insights { totalCount } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
