import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockClient, renderRoutes } from '../../test/render';
import { PostDecayChart, publishedBeforeConnect } from './PostDecayChart';

const decay = (points: { day: number; engagements: number; shareOfLatest: number }[]) => ({
  data: { postDecay: { halfLifeDays: null, daysTo90Percent: null, latestEngagements: 120, points: points.map((p, i) => ({ ...p, date: `2026-03-0${i + 1}` })) } },
});

describe('post decay', () => {
  it('knows a post whose history cannot start at publication', () => {
    expect(publishedBeforeConnect('2026-01-01T10:00:00Z', '2026-03-01T00:00:00Z', 59)).toBe(true);
    expect(publishedBeforeConnect('2026-01-01T10:00:00Z', '2026-03-01T00:00:00Z', undefined)).toBe(true);
    // A platform that gives history from day 0 (or a post published after connecting) has its curve.
    expect(publishedBeforeConnect('2026-01-01T10:00:00Z', '2026-03-01T00:00:00Z', 0)).toBe(false);
    expect(publishedBeforeConnect('2026-03-02T10:00:00Z', '2026-03-01T00:00:00Z', 3)).toBe(false);
  });

  it('explains a post published before the account was connected and shows lifetime totals, not an empty chart', () => {
    const client = mockClient(() => decay([{ day: 59, engagements: 118, shareOfLatest: 0.98 }, { day: 60, engagements: 120, shareOfLatest: 1 }]));
    renderRoutes(
      [
        {
          path: '/',
          element: (
            <PostDecayChart
              activityId="a1"
              publishedAt="2026-01-01T10:00:00Z"
              connectedAt="2026-03-01T08:00:00Z"
              accountName="Instagram · @crumbbakery"
              totals={{ total: 120, likes: 100, comments: 12, shares: 8, saves: null, reach: 2400 }}
              timeZone="UTC"
            />
          ),
        },
      ],
      { client },
    );
    expect(screen.getByRole('heading', { name: 'Lifetime totals' })).toBeDefined();
    expect(screen.getByText(/published on 1 Jan 2026, before Instagram · @crumbbakery was connected on 1 Mar 2026\. Platforms give no day-by-day history/)).toBeDefined();
    expect(screen.getByText('Reach').nextElementSibling!.textContent).toBe('2,400');
    expect(screen.queryByText('Saves')).toBeNull();
    expect(screen.queryByRole('figure')).toBeNull();
  });

  it('draws the build-up for a post followed from its publication', () => {
    const client = mockClient(() => decay([{ day: 0, engagements: 60, shareOfLatest: 0.5 }, { day: 1, engagements: 120, shareOfLatest: 1 }]));
    renderRoutes(
      [{ path: '/', element: <PostDecayChart activityId="a1" publishedAt="2026-03-01T10:00:00Z" connectedAt="2026-02-01T08:00:00Z" accountName="x" totals={{}} timeZone="UTC" /> }],
      { client },
    );
    expect(screen.getByRole('heading', { name: 'How engagement built up' })).toBeDefined();
    expect(screen.getByRole('figure', { name: /Share of the latest engagements/ })).toBeDefined();
  });
});
