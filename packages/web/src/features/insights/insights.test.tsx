import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { insightFixture, insightsAnswer, insightsPageClient, recommendationFixture } from '../../test/insights';
import { callsOf, mockClient, renderRoutes } from '../../test/render';
import { InsightCard, postsLink } from './InsightCard';
import { InsightsPage } from './InsightsPage';
import { evidenceSources, RecommendationCard } from './RecommendationCard';

/** A finding with its evidence, as the card shows it. */
const insight = (id: string, over: Record<string, unknown> = {}) =>
  insightFixture(id, {
    title: `Make more reels on @bakery (Instagram) (${id})`,
    description: 'Make more reels on @bakery (Instagram): your 48 reels earned a median engagement rate by reach of 4.6 %, against 1.7 % for your 131 other posts (2 Jan – 29 Jun 2026).',
    evidence: {
      howWeKnow: ['We compared your reels with the other posts of the same account, by rank.', 'Allowing for the 31 patterns we checked, this is very unlikely to be chance: less than 1 in 1,000.'],
      method: "van Elteren's stratified Mann–Whitney U test",
      groupSize: 48,
      restSize: 131,
      period: { from: '2026-01-02', to: '2026-06-29' },
      accounts: [{ platformId: 'p1', name: '@bakery' }],
      posts: { platformIds: ['p1'], type: 'REEL', hashtag: null, hours: [], weekdays: [], from: '2026-01-02', to: '2026-06-29' },
    },
    ...over,
  });

const recommendation = recommendationFixture('r1', {
  title: 'Post between 18:00 and 19:00',
  description: '76 % of your 21 posts at this hour beat your median.',
  score: 0.8,
  insightId: 'i9',
});

describe('InsightCard', () => {
  it('marks read and dismisses with the insight’s id', async () => {
    const client = mockClient((name, v) => (name === 'MarkInsightRead' ? { data: { markInsightRead: { id: v.id, isRead: true } } } : { data: { dismissInsight: { id: v.id, isDismissed: true } } }));
    renderRoutes([{ path: '/', element: <InsightCard insight={insight('i1')} timeZone="UTC" /> }], { client });
    expect(screen.getByText('High priority')).toBeDefined();
    expect(screen.getByText('New')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Mark “Make more reels on @bakery (Instagram) (i1)” as read' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss “Make more reels on @bakery (Instagram) (i1)”' }));
    await waitFor(() => expect(callsOf(client, 'DismissInsight')).toEqual([{ id: 'i1' }]));
    expect(callsOf(client, 'MarkInsightRead')).toEqual([{ id: 'i1' }]);
  });

  it('leads with the plain sentence, folds the statistics under "How we know" and links the posts behind it', () => {
    renderRoutes([{ path: '/', element: <InsightCard insight={insight('i1')} timeZone="UTC" /> }], { client: mockClient(() => undefined) });
    expect(screen.getByText(/^Make more reels on @bakery \(Instagram\): your 48 reels earned/)).toBeDefined();
    const details = screen.getByText('How we know').closest('details')!;
    expect(details.open).toBe(false);
    expect(within(details).getByText(/very unlikely to be chance: less than 1 in 1,000/)).toBeDefined();
    // No raw evidence keys on the card.
    expect(document.body.textContent).not.toMatch(/ratioOfMedians|pValue|qValue|rankBiserial/);
    const link = screen.getByRole('link', { name: 'See the posts behind this' });
    expect(link.getAttribute('href')).toBe('/posts?platform=p1&type=REEL&from=2026-01-02&to=2026-06-29');
  });

  it('links a posting-time finding to exactly its posts: the local hour or weekday in the explorer', () => {
    expect(postsLink({ platformIds: ['p1'], type: null, hashtag: null, hours: [18], weekdays: [], from: '2026-01-02', to: '2026-06-29' })).toBe(
      '/posts?platform=p1&from=2026-01-02&to=2026-06-29&hour=18',
    );
    expect(postsLink({ platformIds: ['p1', 'p2'], type: null, hashtag: null, hours: [], weekdays: [2], from: '2026-01-02', to: '2026-06-29' })).toBe(
      '/posts?from=2026-01-02&to=2026-06-29&weekday=2',
    );
  });

  it('links a hashtag finding over several accounts without an account filter, and shows no evidence block for a notice', () => {
    expect(postsLink({ platformIds: ['a', 'b'], type: null, hashtag: 'launch', from: '2026-03-01', to: '2026-03-01' })).toBe('/posts?from=2026-03-01&to=2026-03-01&hashtag=launch');
    renderRoutes([{ path: '/', element: <InsightCard insight={insight('n1', { evidence: null, insightType: 'RECOMMENDATION' })} timeZone="UTC" /> }], { client: mockClient(() => undefined) });
    expect(screen.queryByText('How we know')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
  });
});

describe('RecommendationCard', () => {
  it('rates 1-5 with radio buttons and marks used', async () => {
    const client = mockClient((name, v) =>
      name === 'RateRecommendation'
        ? { data: { rateRecommendation: { id: v.id, feedbackScore: v.score, score: 0.9 } } }
        : { data: { markRecommendationUsed: { id: v.id, isUsed: true, usedAt: '2026-03-02T00:00:00Z', score: 0.9 } } },
    );
    renderRoutes([{ path: '/', element: <RecommendationCard recommendation={recommendation} timeZone="UTC" /> }], { client });
    const group = screen.getByRole('group', { name: 'Rate “Post between 18:00 and 19:00”' });
    expect(within(group).getAllByRole('radio')).toHaveLength(5);
    fireEvent.click(within(group).getByRole('radio', { name: '4 stars' }));
    await screen.findByText(/similar recommendations now rank higher/);
    expect(callsOf(client, 'RateRecommendation')).toEqual([{ id: 'r1', score: 4 }]);
    expect((within(group).getByRole('radio', { name: '4 stars' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('link', { name: 'The finding behind this' }).getAttribute('href')).toBe('#insight-i9');
    fireEvent.click(screen.getByRole('button', { name: 'Mark “Post between 18:00 and 19:00” as used' }));
    await waitFor(() => expect(callsOf(client, 'MarkRecommendationUsed')).toEqual([{ id: 'r1' }]));
  });

  it('says where a hashtag suggestion’s evidence comes from: the user’s posts, the industry, or both', () => {
    const rec = recommendationFixture('r2', {
      title: 'Try #latteart',
      recommendationType: 'HASHTAG',
      basis: { sources: ['OWN_POSTS', 'INDUSTRY'], own: { posts: 12 }, industry: { industry: 'coffee roasting', brands: 4 } },
    });
    renderRoutes([{ path: '/', element: <RecommendationCard recommendation={rec} timeZone="UTC" /> }], { client: mockClient(() => undefined) });
    expect(screen.getByText('Evidence: Your 12 posts · 4 other coffee roasting brands')).toBeDefined();
    expect(evidenceSources({ sources: ['INDUSTRY'], own: null, industry: { industry: 'tea', brands: 3 } })).toEqual(['3 other tea brands']);
    expect(evidenceSources(null)).toEqual([]);
  });
});

describe('InsightsPage', () => {
  it('loads more insights after the last cursor, and filters unread ones', () => {
    const client = insightsPageClient((name, v) =>
      name === 'Insights' ? (v.after === 'c2' ? insightsAnswer(['i3'], { totalCount: 3 }) : insightsAnswer(['i1', 'i2'], { totalCount: 3, hasNextPage: true, endCursor: 'c2' })) : undefined,
    );
    renderRoutes([{ path: '/', element: <InsightsPage /> }], { client });
    expect(screen.getAllByRole('article')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Load more insights' }));
    expect(screen.getAllByRole('article')).toHaveLength(3);
    expect(callsOf(client, 'Insights').at(-1)).toEqual({ filter: {}, first: 10, after: 'c2' });
    expect(screen.queryByRole('button', { name: 'Load more insights' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'No recommendations yet' })).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Unread' }));
    expect(callsOf(client, 'Insights').at(-1)).toEqual({ filter: { isRead: false }, first: 10, after: null });
    expect(screen.getByRole('button', { name: 'Unread' }).getAttribute('aria-pressed')).toBe('true');
  });
});
