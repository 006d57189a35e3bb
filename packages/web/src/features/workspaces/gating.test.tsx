import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '../../gql';
import { insightFixture, insightsPageClient, recommendationFixture } from '../../test/insights';
import { mockClient, renderRoutes } from '../../test/render';
import { InsightCard } from '../insights/InsightCard';
import { InsightsPage } from '../insights/InsightsPage';
import { RecommendationCard } from '../insights/RecommendationCard';
import { PostsPage } from '../posts/PostsPage';
import { PostRowFragment, PostsTable } from '../posts/PostsTable';

const row = makeFragmentData(
  {
    id: 'a1',
    content: 'Fresh loaf #bread',
    type: 'IMAGE',
    publishedAt: '2026-02-01T10:00:00.000Z',
    hashtags: ['bread'],
    engagementRate: 0.02,
    rateLabel: 'engagement rate by reach',
    engagement: { likes: 10, comments: 1, shares: 0, saves: 1, reach: 1000, total: 12 },
    platform: { id: 'p1', type: 'INSTAGRAM', username: 'bakery', displayName: 'Bakery' },
    categories: [{ id: 'c1', name: 'Behind the scenes', colorCode: '#12925b' }],
  } as never,
  PostRowFragment,
);

function table(role: 'VIEWER' | 'EDITOR') {
  return renderRoutes([{ path: '/', element: <PostsTable rows={[row]} sort={{ field: 'PUBLISHED_AT', direction: 'DESC' }} onSort={() => undefined} timeZone="UTC" /> }], {
    client: mockClient(() => undefined),
    role,
  });
}

describe('role gating: tagging posts', () => {
  it('a viewer sees the categories of each post but no way to change them, and why', () => {
    table('VIEWER');
    expect(screen.getAllByText('Behind the scenes').length).toBeGreaterThan(0);
    expect(screen.queryAllByRole('button', { name: /Edit categories of/ })).toHaveLength(0);
    expect(screen.getByText('Only editors and above can tag posts.')).toBeDefined();
  });

  it('an editor tags from the table and the phone cards', () => {
    table('EDITOR');
    expect(screen.getAllByRole('button', { name: /Edit categories of/ })).toHaveLength(2);
    expect(screen.queryByText(/Only editors/)).toBeNull();
  });
});

describe('role gating: insights and recommendations', () => {
  it('a viewer reads insights and ratings but cannot mark, dismiss, rate or use them', () => {
    renderRoutes(
      [
        {
          path: '/',
          element: (
            <>
              <InsightCard insight={insightFixture('i1', { title: 'Reels work' })} timeZone="UTC" />
              <RecommendationCard recommendation={recommendationFixture('r1', { title: 'Post at 18:00', feedbackScore: 4 })} timeZone="UTC" />
            </>
          ),
        },
      ],
      { client: mockClient(() => undefined), role: 'VIEWER' },
    );
    expect(screen.queryByRole('button', { name: /Mark “Reels work” as read|Dismiss “Reels work”/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /as used/ })).toBeNull();
    const stars = screen.getByRole('group', { name: 'Rate “Post at 18:00”' }) as HTMLFieldSetElement;
    expect(stars.disabled).toBe(true);
    expect((within(stars).getByRole('radio', { name: '4 stars' }) as HTMLInputElement).checked).toBe(true);
  });

  it('an editor marks and dismisses', () => {
    renderRoutes([{ path: '/', element: <InsightCard insight={insightFixture('i1', { title: 'Reels work', isRead: false })} timeZone="UTC" /> }], {
      client: mockClient(() => undefined),
      role: 'EDITOR',
    });
    expect(screen.getByRole('button', { name: 'Mark “Reels work” as read' })).toBeDefined();
    expect(screen.getByRole('button', { name: 'Dismiss “Reels work”' })).toBeDefined();
  });

  it('the insights page tells a viewer once why there are no actions', () => {
    renderRoutes([{ path: '/insights', element: <InsightsPage /> }], { client: insightsPageClient(), path: '/insights', role: 'VIEWER' });
    expect(screen.getAllByText('Only editors and above can mark, dismiss or rate insights and recommendations.')).toHaveLength(1);
  });
});

describe('role gating: exports', () => {
  it('a viewer cannot export posts, and is told why; an editor can', () => {
    const viewer = renderRoutes([{ path: '/posts', element: <PostsPage /> }], { client: mockClient(() => 'pending'), path: '/posts', role: 'VIEWER' });
    const button = screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(document.getElementById(button.getAttribute('aria-describedby')!)!.textContent).toMatch(/Only editors and above can export data/);
    viewer.unmount();
    renderRoutes([{ path: '/posts', element: <PostsPage /> }], { client: mockClient(() => 'pending'), path: '/posts', role: 'EDITOR' });
    expect((screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
