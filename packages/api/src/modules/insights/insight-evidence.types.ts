import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ContentType, PatternType, PlatformType } from '../../lib/graphql-enums.js';
import type { EvidenceData } from './engine.js';

/**
 * The evidence behind an insight as typed data (stored on the insight as written by the engine,
 * see engine.ts EvidenceData), so partner apps can show or filter it. docs/analytics.md explains
 * each method.
 */

@ObjectType({ description: 'Calendar days (YYYY-MM-DD, in the user’s timezone), both inclusive.' })
export class EvidencePeriod {
  @Field(() => String)
  from: string;

  @Field(() => String)
  to: string;

  @Field(() => Int)
  days: number;
}

@ObjectType()
export class EvidenceInterval {
  @Field(() => Float, { description: 'Confidence level, e.g. 0.95.' })
  level: number;

  @Field(() => Float)
  low: number;

  @Field(() => Float)
  high: number;
}

@ObjectType({ description: 'One account taking part in the finding, with the sample behind its numbers.' })
export class EvidenceAccount {
  @Field(() => ID)
  platformId: string;

  @Field(() => PlatformType)
  platform: PlatformType;

  @Field(() => String)
  name: string;

  @Field(() => Int, { description: 'Posts (or days) in the group on this account.' })
  groupSize: number;

  @Field(() => Int, { description: 'Posts (or days) it was compared with on this account.' })
  restSize: number;

  @Field(() => Float, { nullable: true, description: 'The group’s value (see InsightEvidence.valueName).' })
  groupValue: number | null;

  @Field(() => Float, { nullable: true })
  restValue: number | null;
}

@ObjectType()
export class EvidencePattern {
  @Field(() => PatternType)
  patternType: PatternType;

  @Field(() => String, { description: 'e.g. "reel", "18:00", "Tuesday", "#launch".' })
  name: string;
}

@ObjectType({ description: 'The posts behind the finding, as filters of the posts explorer.' })
export class EvidencePosts {
  @Field(() => [ID])
  platformIds: string[];

  @Field(() => ContentType, { nullable: true })
  type: ContentType | null;

  @Field(() => String, { nullable: true, description: 'Without the leading #.' })
  hashtag: string | null;

  @Field(() => [Int], { description: "Local hours (0–23, the user's timezone) of a posting-time finding; empty otherwise." })
  hours: number[];

  @Field(() => [Int], { description: 'ISO weekdays (1 = Monday) of a posting-time finding; empty otherwise.' })
  weekdays: number[];

  @Field(() => String)
  from: string;

  @Field(() => String)
  to: string;
}

@ObjectType({ description: 'The numbers, sample sizes and test behind an insight.' })
export class InsightEvidence {
  @Field(() => String, { description: 'The statistical method, in words.' })
  method: string;

  @Field(() => String, { description: 'What was measured, e.g. "engagement rate by views (TikTok) and reach (Instagram)".' })
  metric: string;

  @Field(() => String, { description: 'What groupValue and restValue are, e.g. "median engagement rate".' })
  valueName: string;

  @Field(() => EvidencePeriod, { description: 'The period actually analysed.' })
  period: EvidencePeriod;

  @Field(() => Int, { description: 'Posts (or days) in the group, over all accounts.' })
  groupSize: number;

  @Field(() => Int, { description: 'Posts (or days) the group was compared with.' })
  restSize: number;

  @Field(() => Float, { nullable: true, description: 'Only when one account takes part: rates of different platforms are not one number.' })
  groupValue: number | null;

  @Field(() => Float, { nullable: true })
  restValue: number | null;

  @Field(() => String, { description: 'What `effect` is, e.g. "ratio of medians (group ÷ rest of the same account)".' })
  effectName: string;

  @Field(() => Float, { nullable: true })
  effect: number | null;

  @Field(() => EvidenceInterval, { nullable: true, description: 'Confidence interval of the effect.' })
  interval: EvidenceInterval | null;

  @Field(() => Float, { nullable: true, description: 'Rank-biserial correlation in [-1, 1] (stratified by account).' })
  rankBiserial: number | null;

  @Field(() => Float)
  pValue: number;

  @Field(() => Float, { nullable: true, description: 'p adjusted for every test of the run (see `correction`).' })
  qValue: number | null;

  @Field(() => Int, { description: 'How many tests the correction allowed for.' })
  tests: number;

  @Field(() => String, { description: '"Benjamini–Hochberg" or "Bonferroni".' })
  correction: string;

  @Field(() => [EvidenceAccount])
  accounts: EvidenceAccount[];

  @Field(() => EvidencePattern, { nullable: true })
  pattern: EvidencePattern | null;

  @Field(() => [Float], { nullable: true, description: 'Day-by-day values of a run of unusual days.' })
  values: number[] | null;

  @Field(() => [String], { description: '"How we know", in words.' })
  howWeKnow: string[];

  @Field(() => EvidencePosts, { nullable: true })
  posts: EvidencePosts | null;
}

/**
 * The typed evidence of a stored insight, or null when it has none (notices of other modules)
 * or was written in an older shape (replaced by the next run).
 */
export function evidenceOf(raw: unknown): InsightEvidence | null {
  if (!raw || typeof raw !== 'object') return null;
  const e = raw as Partial<EvidenceData>;
  if (typeof e.method !== 'string' || !Array.isArray(e.howWeKnow) || !Array.isArray(e.accounts) || !e.period || typeof e.pValue !== 'number') return null;
  // Evidence stored before the explorer had hour and weekday filters has no `hours` / `weekdays`.
  if (e.posts) return { ...e, posts: { ...e.posts, hours: e.posts.hours ?? [], weekdays: e.posts.weekdays ?? [] } } as InsightEvidence;
  return e as InsightEvidence;
}
