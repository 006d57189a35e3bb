import { makeFragmentData } from '../gql';
import { InsightCardFragment } from '../features/insights/InsightCard';
import { RecommendationCardFragment } from '../features/insights/RecommendationCard';
import { mockClient } from './render';

/** An insight as the InsightCard fragment reads it: unread, high priority, no evidence unless given. */
export function insightFixture(id: string, over: Record<string, unknown> = {}) {
  return makeFragmentData(
    {
      id,
      title: `Finding ${id}`,
      description: null,
      priority: 'HIGH',
      insightType: 'PERFORMANCE',
      isRead: false,
      isDismissed: false,
      createdAt: '2026-03-01T00:00:00Z',
      lastConfirmedAt: null,
      evidence: null,
      ...over,
    } as never,
    InsightCardFragment,
  );
}

/** A recommendation as the RecommendationCard fragment reads it: unrated and unused unless given. */
export function recommendationFixture(id: string, over: Record<string, unknown> = {}) {
  return makeFragmentData(
    { id, title: `Idea ${id}`, description: null, recommendationType: 'POSTING_TIME', score: 0.5, feedbackScore: null, isUsed: false, usedAt: null, contentBrief: null, ...over } as never,
    RecommendationCardFragment,
  );
}

interface PageOptions {
  totalCount?: number;
  hasNextPage?: boolean;
  endCursor?: string | null;
}

/** The `Insights` query's answer for these ids (one page). */
export function insightsAnswer(ids: string[], { totalCount = ids.length, hasNextPage = false, endCursor = null }: PageOptions = {}) {
  return { data: { insights: { totalCount, edges: ids.map((id) => ({ node: { id, ...insightFixture(id) } })), pageInfo: { hasNextPage, endCursor } } } };
}

/** The `Recommendations` query's answer for these ids (one page). */
export function recommendationsAnswer(ids: string[], { totalCount = ids.length, hasNextPage = false, endCursor = null }: PageOptions = {}) {
  return { data: { recommendations: { totalCount, edges: ids.map((id) => ({ node: { id, ...recommendationFixture(id) } })), pageInfo: { hasNextPage, endCursor } } } };
}

type Answer = ReturnType<Parameters<typeof mockClient>[0]>;

/**
 * A client for the insights page: no recommendations and no patterns unless `answer` gives
 * something else for an operation (return undefined to keep the default).
 */
export function insightsPageClient(answer: (name: string, variables: Record<string, unknown>) => Answer = () => undefined) {
  return mockClient((name, variables) => {
    const given = answer(name, variables);
    if (given !== undefined) return given;
    if (name === 'Insights') return insightsAnswer([]);
    if (name === 'Recommendations') return recommendationsAnswer([]);
    if (name === 'Patterns') return { data: { performancePatterns: [] } };
    return undefined;
  });
}
