import { workspaceIdOf } from '../workspaces/access.js';
import { createHash } from 'node:crypto';
import { Types, type mongo } from 'mongoose';
import { badInput } from '../../lib/errors.js';
import { PatternType, RecommendationType } from '../../lib/graphql-enums.js';
import { findOwned } from '../../lib/ownership.js';
import { paginate, type Connection } from '../../lib/pagination.js';
import { ActivityModel } from '../activities/activity.model.js';
import { WorkspaceModel } from '../workspaces/workspace.model.js';
import type { Context } from '../../server/context.js';
import { viewerOf } from '../../server/context.js';
import type { RecommendationFilterInput } from './dto/insights.inputs.js';
import { ALPHA, MIN_PATTERN_SAMPLES, typeNoun, type EngineResult, type GroupTest, type PatternResult } from './engine.js';
import { chanceInWords, formatDay, formatPeriod, inSentence, nOf, share, times } from './wording.js';
import { escapeRegex } from '../../lib/regex.js';
import { firstK } from '../../lib/first-k.js';
import { normalCdf } from '../analytics/statistics.js';
import { PerformancePatternModel } from './performance-pattern.model.js';
import type { IdeaBrief, IdeaWriter } from './idea-writer.js';
import type { AnalysisData } from './insights.service.js';
import { ContentRecommendationModel, RecommendationEvidenceSource, type ContentRecommendation, type IndustryEvidence, type OwnPostsEvidence, type RecommendationBasis } from './recommendation.model.js';
import { retryOnDuplicate } from './retry.js';
import { pushTo } from '../../lib/group.js';

/** How many recommendations of each kind a run keeps. */
export const MAX_POSTING_TIME = 3;
export const MAX_HASHTAG = 3;
/** Feedback weights: score = baseScore × (1 + TYPE_WEIGHT·(typeMean − 3)) × (1 + PATTERN_WEIGHT·(patternMean − 3)). */
export const TYPE_WEIGHT = 0.1;
export const PATTERN_WEIGHT = 0.2;
/** A content idea's text is rewritten from a changed brief at most this often. */
export const IDEA_REWRITE_DAYS = 7;
/** "Used" without a rating counts as this rating. */
export const USED_AS_RATING = 4;

interface Candidate {
  key: string;
  recommendationType: RecommendationType;
  patternKey: string;
  title: string;
  description: string;
  contentBrief?: string;
  brief?: IdeaBrief;
  baseScore: number;
  evidence: Record<string, unknown>;
  /** Typed evidence (hashtag and posting-time recommendations). */
  basis?: RecommendationBasis;
  /** Key of the performance insight it acts on, if there is one. */
  insightKey?: string;
}

/** Success rate shrunk towards 1/2 by sample size (Laplace's rule): (successes + 1) / (n + 2). */
const shrunk = (p: PatternResult) => (p.successRate * p.sampleSize + 1) / (p.sampleSize + 2);

/**
 * Evidence score of a pattern in [0, 1]: half from its shrunk success rate, half from the
 * significance of its Mann–Whitney test (1 − q; 0 when it has too few posts to be tested).
 */
function patternScore(p: PatternResult, test: GroupTest | undefined): number {
  const significance = test && test.rankBiserial > 0 ? 1 - test.q : 0;
  return 0.5 * shrunk(p) + 0.5 * significance;
}

function patternEvidence(p: PatternResult, test: GroupTest | undefined, data: AnalysisData): Record<string, unknown> {
  return {
    pattern: p.patternName,
    patternType: p.patternType,
    successRate: p.successRate,
    sampleSize: p.sampleSize,
    metric: data.rateLabel,
    success: "share of the pattern's posts above their own account's median rate",
    ...(test
      ? { test: 'van Elteren stratified Mann–Whitney U', pValue: test.p, qValue: test.q, rankBiserial: test.rankBiserial, significant: test.q < ALPHA }
      : { test: null }),
  };
}

const testSentence = (test: GroupTest | undefined) =>
  !test
    ? ' Too few posts to test it yet.'
    : test.q < ALPHA && test.rankBiserial > 0
      ? ` Tested against the other posts of the same account, it is ${chanceInWords(test.q)}.`
      : ' It is not yet clear of chance: treat it as a hint.';

const performanceKey = (p: PatternResult) => `performance:${p.patternType}:${p.id}:above`;

/** Builds this run's recommendations and stores them (see docs/analytics.md for scores and feedback). */
export async function generateRecommendations(
  data: AnalysisData,
  result: EngineResult,
  insightIds: Map<string, Types.ObjectId>,
  writer: IdeaWriter,
  now: Date,
  retire = true,
): Promise<{ saved: number; retired: number }> {
  const { workspaceId } = data;
  const candidates = data.posts.length === 0 ? [] : await buildCandidates(data, result);

  const existing = await ContentRecommendationModel.find({ workspaceId }).lean<ContentRecommendation[]>();
  const byKey = new Map(existing.map((r) => [r.key, r]));
  const factors = feedbackFactors(existing);

  for (const c of candidates) {
    const prev = byKey.get(c.key);
    if (c.brief) {
      // An idea keeps its text while its brief is unchanged or the text is recent, so ideas stay
      // stable between runs and the LLM is asked at most once per IDEA_REWRITE_DAYS per idea.
      const prevEvidence = (prev?.evidence ?? {}) as { writer?: string; writtenAt?: string; writtenFrom?: string };
      const writtenAt = prevEvidence.writtenAt ? Date.parse(prevEvidence.writtenAt) : NaN;
      const fresh = now.getTime() - writtenAt < IDEA_REWRITE_DAYS * 86_400_000;
      const briefHash = createHash('sha256').update(c.brief.text).digest('hex');
      if (prev?.title && (prevEvidence.writtenFrom === briefHash || fresh)) {
        c.title = prev.title;
        c.description = prev.description ?? '';
        c.evidence = { ...c.evidence, writer: prevEvidence.writer, writtenAt: prevEvidence.writtenAt, writtenFrom: prevEvidence.writtenFrom };
      } else {
        const idea = await writer.write(c.brief);
        c.title = idea.title;
        c.description = idea.description;
        c.evidence = { ...c.evidence, writer: idea.writer, writtenAt: now.toISOString(), writtenFrom: briefHash };
      }
    }
  }
  const ops: mongo.AnyBulkWriteOperation[] = candidates.map((c) => ({
    updateOne: {
      filter: { workspaceId, key: c.key },
      update: {
        $set: {
          recommendationType: c.recommendationType,
          title: c.title.slice(0, 200),
          description: c.description.slice(0, 4000),
          ...(c.contentBrief !== undefined ? { contentBrief: c.contentBrief.slice(0, 10_000) } : {}),
          patternKey: c.patternKey,
          ...(c.insightKey && insightIds.has(c.insightKey) ? { insightId: insightIds.get(c.insightKey) } : {}),
          baseScore: c.baseScore,
          score: factors.score(c.baseScore, c.recommendationType, c.patternKey),
          evidence: c.evidence,
          ...(c.basis ? { basis: c.basis } : {}),
          updatedAt: now,
        },
        $unset: { retiredAt: '', ...(c.insightKey && insightIds.has(c.insightKey) ? {} : { insightId: '' }), ...(c.basis ? {} : { basis: '' }) },
        $setOnInsert: { isUsed: false, createdAt: now },
      },
      upsert: true,
    },
  }));
  if (ops.length) await retryOnDuplicate(() => ContentRecommendationModel.collection.bulkWrite(ops, { ordered: false }));

  if (!retire) return { saved: candidates.length, retired: 0 };
  // No longer supported: deleted, unless it carries feedback (then kept, retired and hidden).
  const keys = candidates.map((c) => c.key);
  const stale = { workspaceId, key: { $nin: keys } };
  const deleted = await ContentRecommendationModel.deleteMany({ ...stale, feedbackScore: null, isUsed: { $ne: true } });
  const retired = await ContentRecommendationModel.updateMany({ ...stale, retiredAt: null }, { $set: { retiredAt: now } });
  return { saved: candidates.length, retired: (deleted.deletedCount ?? 0) + (retired.modifiedCount ?? 0) };
}

/** Other brands of an industry a hashtag's pooled evidence needs (so no single brand can be read from it). */
export const MIN_INDUSTRY_BRANDS = 3;

const provenBetter = (test: GroupTest | undefined): test is GroupTest => !!test && test.q < ALPHA && test.rankBiserial > 0;
const provenWorse = (test: GroupTest | undefined) => !!test && test.q < ALPHA && test.rankBiserial < 0;

function ownEvidence(p: PatternResult, test: GroupTest | undefined): OwnPostsEvidence {
  return { pattern: p.patternName, posts: p.sampleSize, successRate: p.successRate, qValue: test?.q ?? null, rankBiserial: test?.rankBiserial ?? null };
}

interface IndustryTag {
  tag: string;
  brands: number;
  posts: number;
  successRate: number;
  pValue: number;
}

/**
 * Hashtags that do well for other brands of the user's industry on this server: each brand's
 * stored hashtag patterns (its posts with the tag, and the share of them beating their own
 * account's median, so every brand is measured against itself) pooled over at least
 * MIN_INDUSTRY_BRANDS brands, with a one-sided sign test of the pooled successes against one half
 * (normal approximation, continuity-corrected), Bonferroni-adjusted over every hashtag considered.
 * Only aggregates leave this function, never a brand.
 */
export async function industryHashtags(workspaceId: Types.ObjectId, industry: string | undefined | null): Promise<IndustryTag[]> {
  const name = industry?.trim();
  if (!name) return [];
  // Brands are workspaces (each has its brand profile and industry).
  const peers = await WorkspaceModel.find({ industry: { $regex: `^\\s*${escapeRegex(name)}\\s*$`, $options: 'i' } }, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>();
  const others = peers.map((p) => p._id).filter((id) => !id.equals(workspaceId));
  if (others.length < MIN_INDUSTRY_BRANDS) return [];
  const patterns = await PerformancePatternModel.find({ workspaceId: { $in: others }, patternType: PatternType.HASHTAG }, { workspaceId: 1, patternName: 1, sampleSize: 1, successRate: 1 }).lean<
    Array<{ workspaceId: Types.ObjectId; patternName: string; sampleSize: number; successRate: number }>
  >();
  const byTag = new Map<string, { brands: Set<string>; posts: number; successes: number }>();
  for (const p of patterns) {
    const t = byTag.get(p.patternName) ?? { brands: new Set<string>(), posts: 0, successes: 0 };
    t.brands.add(p.workspaceId.toHexString());
    t.posts += p.sampleSize;
    t.successes += Math.round(p.successRate * p.sampleSize);
    byTag.set(p.patternName, t);
  }
  const considered = [...byTag].filter(([, t]) => t.brands.size >= MIN_INDUSTRY_BRANDS);
  return considered
    .map(([tag, t]) => {
      const z = (t.successes - 0.5 - t.posts / 2) / Math.sqrt(t.posts / 4);
      return { tag, brands: t.brands.size, posts: t.posts, successRate: t.successes / t.posts, pValue: Math.min(1, (1 - normalCdf(z)) * considered.length) };
    })
    .filter((t) => t.pValue < ALPHA && t.successRate > 0.5)
    .sort((a, b) => a.pValue - b.pValue || b.successRate - a.successRate || (a.tag < b.tag ? -1 : 1));
}

/**
 * Hashtag suggestions, each with its evidence: the user's own hashtags that tested better within
 * their accounts (clear of chance), then hashtags that do well across the industry's other brands
 * (and not proven worse on the user's own posts). Nothing is suggested without one of the two.
 */
async function hashtagCandidates(
  data: AnalysisData,
  result: EngineResult,
  better: (type: PatternType) => Array<{ p: PatternResult; test: GroupTest | undefined; score: number }>,
): Promise<Candidate[]> {
  const testOf = (name: string) => result.tests.find((t) => t.group.patternType === PatternType.HASHTAG && t.group.id === name);
  const own = better(PatternType.HASHTAG).filter((x) => provenBetter(x.test));
  const profile = await WorkspaceModel.findById(data.workspaceId, { industry: 1 }).lean<{ industry?: string }>();
  const industry = (await industryHashtags(data.workspaceId, profile?.industry)).filter((t) => !provenWorse(testOf(t.tag)));
  const industryOf = new Map(industry.map((t) => [t.tag, t]));
  const industryName = profile?.industry?.trim() ?? '';
  const industryWhy = (t: IndustryTag) =>
    `Across ${t.brands} other ${inSentence(industryName)} brands on this server, ${share(t.successRate)} of ${nOf(t.posts, 'post', 'posts')} with ${t.tag} beat their own account's median ${data.rateLabel} (half of all posts do, by definition); that is ${chanceInWords(t.pValue)}.`;
  const industryEvidence = (t: IndustryTag): IndustryEvidence => ({ industry: industryName, brands: t.brands, posts: t.posts, successRate: t.successRate, pValue: t.pValue });
  const beat = (p: PatternResult) =>
    `${share(p.successRate)} of your ${nOf(p.sampleSize, p.singular, p.label)} beat their account's median ${data.rateLabel} (half of all posts do, by definition).`;
  /** The parts every hashtag card shares: its keys, title and the closing caveat. */
  const hashtagCandidate = (tag: string, title: string, why: string) => ({
    key: `hashtag:${tag}`,
    recommendationType: RecommendationType.HASHTAG,
    patternKey: `hashtag:${tag}`,
    title,
    description: `${why} Use it where it fits the post; the effect is an association, not a guarantee.`,
  });
  const out: Candidate[] = [];
  for (const { p, test, score } of own.slice(0, MAX_HASHTAG)) {
    const ind = industryOf.get(p.id);
    const why = `${beat(p)}${testSentence(test)}${ind ? ` ${industryWhy(ind)}` : ''}`;
    out.push({
      ...hashtagCandidate(p.id, `Use ${p.patternName}`, why),
      baseScore: score,
      evidence: patternEvidence(p, test, data),
      basis: {
        sources: ind ? [RecommendationEvidenceSource.OWN_POSTS, RecommendationEvidenceSource.INDUSTRY] : [RecommendationEvidenceSource.OWN_POSTS],
        why,
        metric: data.rateLabel,
        own: ownEvidence(p, test),
        industry: ind ? industryEvidence(ind) : null,
      },
      insightKey: performanceKey(p),
    });
  }
  const taken = new Set(out.map((c) => c.patternKey));
  for (const t of industry) {
    if (out.length >= MAX_HASHTAG) break;
    if (taken.has(`hashtag:${t.tag}`)) continue;
    const mine = result.patterns.find((p) => p.patternType === PatternType.HASHTAG && p.id === t.tag);
    const why = `${industryWhy(t)}${mine ? ` You used it on ${nOf(mine.sampleSize, 'post', 'posts')}, too few to tell for your own accounts yet.` : ' You have not used it yet.'}`;
    out.push({
      ...hashtagCandidate(t.tag, `Try ${t.tag}`, why),
      // Industry evidence alone ranks below the user's own: half the score of a pattern of theirs.
      baseScore: 0.5 * (0.5 * t.successRate + 0.5 * (1 - t.pValue)),
      evidence: { pattern: t.tag, patternType: PatternType.HASHTAG, source: 'industry', brands: t.brands, posts: t.posts, successRate: t.successRate, pValue: t.pValue, metric: data.rateLabel },
      basis: { sources: [RecommendationEvidenceSource.INDUSTRY], why, metric: data.rateLabel, own: mine ? ownEvidence(mine, testOf(t.tag)) : null, industry: industryEvidence(t) },
    });
  }
  return out;
}

async function buildCandidates(data: AnalysisData, result: EngineResult): Promise<Candidate[]> {
  const testOf = (p: PatternResult) => result.tests.find((t) => t.group.patternType === p.patternType && t.group.id === p.id);
  const better = (type: PatternType) =>
    result.patterns
      .filter((p) => p.patternType === type && p.sampleSize >= MIN_PATTERN_SAMPLES && p.successRate > 0.5)
      .map((p) => ({ p, test: testOf(p), score: patternScore(p, testOf(p)) }))
      .sort((a, b) => b.score - a.score || (a.p.id < b.p.id ? -1 : 1));
  const out: Candidate[] = [];
  const tzNote = `Times are in ${data.tz}.`;
  const beat = (p: PatternResult) =>
    `${share(p.successRate)} of your ${nOf(p.sampleSize, p.singular, p.label)} beat their account's median ${data.rateLabel} (half of all posts do, by definition).`;

  for (const { p, test, score } of better(PatternType.POSTING_TIME).slice(0, MAX_POSTING_TIME)) {
    const isHour = p.id.startsWith('hour-');
    const hour = isHour ? Number(p.id.slice(5)) : 0;
    out.push({
      key: `posting_time:${p.id}`,
      recommendationType: RecommendationType.POSTING_TIME,
      patternKey: `posting_time:${p.id}`,
      title: isHour ? `Post between ${p.patternName} and ${String((hour + 1) % 24).padStart(2, '0')}:00` : `Post on ${p.patternName}s`,
      description: `${beat(p)}${testSentence(test)} ${tzNote}`,
      baseScore: score,
      evidence: patternEvidence(p, test, data),
      basis: { sources: [RecommendationEvidenceSource.OWN_POSTS], why: `${beat(p)}${testSentence(test)}`, metric: data.rateLabel, own: ownEvidence(p, test), industry: null },
      insightKey: performanceKey(p),
    });
  }

  out.push(...(await hashtagCandidates(data, result, better)));

  out.push(...(await contentIdeas(data, result, better)));
  return out;
}

/** Content ideas: one per angle (best format, best hashtag, best recent post), each with a brief. */
async function contentIdeas(
  data: AnalysisData,
  result: EngineResult,
  better: (type: PatternType) => Array<{ p: PatternResult; test: GroupTest | undefined; score: number }>,
): Promise<Candidate[]> {
  if (data.posts.length === 0) return [];
  const profile = await WorkspaceModel.findById(data.workspaceId).lean();
  // A post's strength is its rate against its own account's median (rates of different platforms differ).
  const relative = (t: (typeof data.posts)[number]) => t.rate / Math.max(result.accountMedians[t.account] ?? 0, 1e-9);
  const top = firstK(data.posts, 5, (a, b) => relative(b) - relative(a) || (a.id.toHexString() < b.id.toHexString() ? -1 : 1));
  const captions = await ActivityModel.find({ _id: { $in: top.map((t) => t.id) }, workspaceId: data.workspaceId }, { content: 1 }).lean<
    Array<{ _id: Types.ObjectId; content?: string }>
  >();
  const captionOf = new Map(captions.map((c) => [c._id.toHexString(), (c.content ?? '').replace(/\s+/g, ' ').trim()]));
  const bestType = better(PatternType.CONTENT_TYPE)[0];
  // Only a hashtag with evidence: tested on the user's own posts and clear of chance.
  const bestTag = better(PatternType.HASHTAG).find((x) => provenBetter(x.test));
  const bestTime = better(PatternType.POSTING_TIME)[0];

  const facts = [
    profile?.brandName ? `Brand: ${profile.brandName}` : null,
    profile?.brandDescription ? `About: ${profile.brandDescription}` : null,
    profile?.industry ? `Industry: ${profile.industry}` : null,
    profile?.targetAudience ? `Audience: ${profile.targetAudience}` : null,
    profile?.brandValues?.length ? `Brand values: ${profile.brandValues.join(', ')}` : null,
    profile?.businessGoals?.length ? `Goals: ${profile.businessGoals.join(', ')}` : null,
  ].filter((x): x is string => !!x);
  const work = (x: { p: PatternResult } | undefined) =>
    x ? `- ${x.p.label}: ${share(x.p.successRate)} beat their account's median (${nOf(x.p.sampleSize, 'post', 'posts')})` : null;
  const works = [work(bestType), work(bestTag), work(bestTime)].filter((x): x is string => !!x);
  const topLines = top.map((t, i) => {
    const caption = captionOf.get(t.id.toHexString()) ?? '';
    const tags = [...new Set(t.hashtags.map((h) => h.replace(/^#+/, '').toLowerCase()).filter(Boolean))];
    // Dates as people read them ("25 Jun 2026", the user's local day), formats as words.
    return `${i + 1}. ${typeNoun(t.type, 1)}, ${formatDay(t.day)}, ${times(relative(t))} its account's median${caption ? `: "${caption.slice(0, 140)}"` : ''}${tags.length ? ` ${tags.map((h) => `#${h}`).join(' ')}` : ''}`;
  });
  const briefText = (angle: string) =>
    [
      ...facts,
      `Idea angle: ${angle}`,
      `What works for this brand (${data.rateLabel}; ${nOf(data.posts.length, 'post', 'posts')}, ${formatPeriod(data.window.fromDay, data.window.toDay)}):`,
      ...(works.length ? works : ['- no pattern stands out yet']),
      'Top posts:',
      ...topLines,
    ].join('\n');
  const base: Omit<IdeaBrief, 'angle' | 'text' | 'contentTypeLabel' | 'contentTypePlural' | 'hashtag' | 'topPostCaption'> = {
    industry: profile?.industry,
    audience: profile?.targetAudience,
    brandName: profile?.brandName,
    brandValues: profile?.brandValues ?? [],
    goals: profile?.businessGoals ?? [],
  };
  const ideas: Candidate[] = [];
  const add = (
    key: string,
    angleText: string,
    brief: Pick<IdeaBrief, 'angle' | 'contentTypeLabel' | 'contentTypePlural' | 'hashtag' | 'topPostCaption'>,
    baseScore: number,
    evidence: Record<string, unknown>,
    insightKey?: string,
  ) => {
    const text = briefText(angleText);
    ideas.push({
      key: `content_idea:${key}`,
      recommendationType: RecommendationType.CONTENT_IDEA,
      patternKey: `content_idea:${key}`,
      title: '',
      description: '',
      contentBrief: text,
      brief: { ...base, ...brief, text },
      baseScore,
      evidence: { angle: brief.angle, topPosts: top.map((t) => t.id.toHexString()), ...evidence },
      ...(insightKey ? { insightKey } : {}),
    });
  };
  if (bestType) {
    add(
      `content_type:${bestType.p.id}`,
      `more ${bestType.p.label}, the strongest format`,
      { angle: 'content_type', contentTypeLabel: typeNoun(bestType.p.id, 1), contentTypePlural: typeNoun(bestType.p.id) },
      bestType.score,
      { pattern: bestType.p.patternName, successRate: bestType.p.successRate, sampleSize: bestType.p.sampleSize },
      performanceKey(bestType.p),
    );
  }
  if (bestTag) {
    add(
      `hashtag:${bestTag.p.id}`,
      `content around ${bestTag.p.patternName}, the strongest hashtag`,
      { angle: 'hashtag', hashtag: bestTag.p.id.slice(1) },
      bestTag.score,
      { pattern: bestTag.p.patternName, successRate: bestTag.p.successRate, sampleSize: bestTag.p.sampleSize },
      performanceKey(bestTag.p),
    );
  }
  const first = top[0]!;
  add(
    'top_post',
    'a follow-up to the best recent post',
    { angle: 'top_post', topPostCaption: captionOf.get(first.id.toHexString()) || undefined },
    // A single post is weak evidence: its score is how far it beats its account's median, capped at 0.5.
    Math.min(0.5, 0.25 * relative(first)),
    { activityId: first.id.toHexString(), rate: first.rate, relativeToAccountMedian: relative(first) },
  );
  return ideas;
}

/**
 * The user's feedback pooled per recommendation type and per pattern: mean rating, where "used"
 * without a rating counts as USED_AS_RATING. Missing feedback leaves a factor at 1.
 */
export function feedbackFactors(recs: Array<Pick<ContentRecommendation, 'recommendationType' | 'patternKey' | 'feedbackScore' | 'isUsed'>>) {
  const byType = new Map<string, number[]>();
  const byPattern = new Map<string, number[]>();
  for (const r of recs) {
    const rating = r.feedbackScore ?? (r.isUsed ? USED_AS_RATING : null);
    if (rating === null || rating === undefined) continue;
    pushTo(byType, r.recommendationType, rating);
    if (r.patternKey) pushTo(byPattern, r.patternKey, rating);
  }
  const meanOf = (xs: number[] | undefined) => (xs?.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 3);
  return {
    score(baseScore: number, type: string, patternKey: string | undefined): number {
      const t = 1 + TYPE_WEIGHT * (meanOf(byType.get(type)) - 3);
      const p = 1 + PATTERN_WEIGHT * (meanOf(patternKey ? byPattern.get(patternKey) : undefined) - 3);
      return Math.round(baseScore * t * p * 1e6) / 1e6;
    },
  };
}

/** Re-scores the user's recommendations after feedback, so the list re-ranks at once. */
async function rescore(workspaceId: Types.ObjectId): Promise<void> {
  const recs = await ContentRecommendationModel.find({ workspaceId }).lean<ContentRecommendation[]>();
  const factors = feedbackFactors(recs);
  const ops = recs
    .map((r) => ({ r, score: factors.score(r.baseScore ?? 0, r.recommendationType, r.patternKey) }))
    .filter(({ r, score }) => score !== r.score)
    .map(({ r, score }) => ({ updateOne: { filter: { _id: r._id, workspaceId }, update: { $set: { score } } } }));
  if (ops.length) await ContentRecommendationModel.bulkWrite(ops);
}

// ---------------------------------------------------------------------------------------------
// Queries and mutations

export function listRecommendations(
  ctx: Context,
  filter: RecommendationFilterInput | undefined,
  first?: number,
  after?: string,
): Promise<Connection<ContentRecommendation>> {
  const viewer = viewerOf(ctx);
  const q: Record<string, unknown> = { workspaceId: workspaceIdOf(viewer) };
  if (filter?.types?.length) q.recommendationType = { $in: filter.types };
  if (filter?.isUsed !== undefined && filter.isUsed !== null) q.isUsed = filter.isUsed;
  if (!filter?.includeRetired) q.retiredAt = null;
  return paginate({ model: ContentRecommendationModel, filter: q, sortField: 'score', direction: 'desc', first, after });
}

async function updateAndRescore(ctx: Context, id: string, set: Record<string, unknown>): Promise<ContentRecommendation> {
  const viewer = viewerOf(ctx);
  const doc = await findOwned(ContentRecommendationModel, id, workspaceIdOf(viewer), 'Recommendation');
  await ContentRecommendationModel.updateOne({ _id: doc._id, workspaceId: doc.workspaceId }, { $set: set });
  await rescore(doc.workspaceId);
  return findOwned(ContentRecommendationModel, id, workspaceIdOf(viewer), 'Recommendation');
}

/** Rates a recommendation 1-5; ratings re-rank this user's recommendations of the same type and pattern. */
export function rateRecommendation(ctx: Context, id: string, score: number): Promise<ContentRecommendation> {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw badInput('score must be an integer between 1 and 5', 'score');
  return updateAndRescore(ctx, id, { feedbackScore: score });
}

export function markRecommendationUsed(ctx: Context, id: string): Promise<ContentRecommendation> {
  return updateAndRescore(ctx, id, { isUsed: true, usedAt: new Date() });
}
