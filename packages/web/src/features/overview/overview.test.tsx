import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '../../gql';
import { callsOf, mockClient, renderRoutes, testViewer } from '../../test/render';
import { addDays, todayIn } from '../../ui/DateRangePicker';
import { AudienceCard, DemographicsFragment, topCountries } from './AudienceCard';
import { BestTimesFragment, BestTimesView, slotLabel, toHeatmapCells } from './BestTimesCard';
import { comparisonGap, KpiGrid, OverviewKpisFragment } from './KpiGrid';
import { mergeSeries, OverviewPage } from './OverviewPage';
import { granularityFor, parseRange, serializeRange } from './range';

const NOW = new Date('2026-03-10T12:00:00Z');
const mv = (value: number | null, previous: number | null, deltaPercent: number | null) => ({ value, previous, deltaPercent });
const overview = makeFragmentData(
  {
    rateLabel: 'engagement rate by reach (Instagram) and views (TikTok)',
    followers: mv(40_300, 38_700, 4.13),
    followerGrowth: mv(1649, 1491, 10.6),
    posts: mv(29, 45, -35.6),
    engagements: mv(12_600, 30_200, -58.3),
    engagementRate: mv(0.0629, 0.0747, -15.8),
    reach: mv(75_500, 100_000, -24.5),
    impressions: mv(null, null, null),
    views: mv(251_700, 513_800, -51),
  },
  OverviewKpisFragment,
);

function cells(fill: (day: number, hour: number) => { value: number | null; source: 'CELL' | 'HOUR' | 'ACCOUNT'; posts: number }) {
  const out = [];
  for (let d = 1; d <= 7; d++)
    for (let h = 0; h < 24; h++) {
      const c = fill(d, h);
      out.push({ dayOfWeek: d, hour: h, value: c.value, low: c.value == null ? null : c.value - 0.01, high: c.value == null ? null : c.value + 0.01, posts: c.posts, source: c.source, sourcePosts: c.source === 'CELL' ? c.posts : 40 });
    }
  return out;
}

describe('overview range', () => {
  it('defaults to the last 28 days against the period before, and round-trips custom ranges', () => {
    expect(parseRange(new URLSearchParams(), 'UTC', NOW)).toEqual({ preset: '28d', from: '2026-02-11', to: '2026-03-10', compare: 'PREVIOUS_PERIOD' });
    const custom = parseRange(new URLSearchParams('range=custom&from=2026-01-01&to=2026-01-31&compare=PREVIOUS_YEAR'), 'UTC', NOW);
    expect(custom).toEqual({ preset: 'custom', from: '2026-01-01', to: '2026-01-31', compare: 'PREVIOUS_YEAR' });
    expect(serializeRange(custom).toString()).toBe('range=custom&from=2026-01-01&to=2026-01-31&compare=PREVIOUS_YEAR');
    expect(serializeRange(parseRange(new URLSearchParams(), 'UTC', NOW)).toString()).toBe('');
  });

  it('picks days, weeks or months by the length of the range', () => {
    expect(granularityFor({ from: '2026-01-01', to: '2026-03-31' })).toBe('DAY');
    expect(granularityFor({ from: '2026-01-01', to: '2026-06-30' })).toBe('WEEK');
    expect(granularityFor({ from: '2025-01-01', to: '2025-12-31' })).toBe('MONTH');
  });

  it('merges series by bucket, keeping gaps as null', () => {
    expect(mergeSeries({ a: [{ bucket: 'x', value: 1 }, { bucket: 'y', value: null }], b: [{ bucket: 'x', value: 3 }] })).toEqual([
      { bucket: 'x', a: 1, b: 3 },
      { bucket: 'y', a: null },
    ]);
  });
});

describe('KpiGrid', () => {
  it('shows each number with its comparison and a coloured change', () => {
    render(<KpiGrid overview={overview} />);
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(8);
    const followers = items[0]!;
    expect(within(followers).getByText('40.3K')).toBeDefined();
    expect(followers.querySelector('.delta-up')?.textContent).toBe('+4.1%');
    expect(within(followers).getByText(/vs 38.7K/)).toBeDefined();
    expect(items[4]!.textContent).toContain('6.29%');
    expect(items[4]!.querySelector('.delta-down')?.textContent).toBe('-15.8%');
    // Not reported: a dash, no change.
    expect(items[6]!.querySelector('.kpi-value')?.textContent).toBe('–');
    expect(items[6]!.querySelector('.delta-flat')?.textContent).toBe('–');
  });
});

describe('comparisons that cannot be computed', () => {
  const ctx = { from: '2026-01-01', compare: 'PREVIOUS_YEAR' as const, earliest: '2026-02-01', planName: 'Free', historyDays: 90 };
  const none = { followers: mv(100, null, null), posts: mv(3, 0, null), engagements: mv(50, 0, null) };

  it('says why: the plan’s history, or nothing recorded (so "0 posts" is not claimed)', () => {
    expect(comparisonGap(none, ctx)).toBe('No comparison: the Free plan keeps 90 days of history, not a year earlier.');
    expect(comparisonGap(none, { ...ctx, earliest: null })).toBe('No comparison: nothing was recorded a year earlier.');
    expect(comparisonGap(none, { ...ctx, earliest: null, compare: 'PREVIOUS_PERIOD' })).toBe('No comparison: nothing was recorded in the period before.');
    // Zero posts with follower counts recorded is a real zero.
    expect(comparisonGap({ ...none, followers: mv(100, 90, 11.1) }, { ...ctx, earliest: null })).toBeNull();
  });

  it('shows the reason on the cards instead of "– vs –", with the upgrade for plan history', () => {
    const o = makeFragmentData({ ...Object.fromEntries(['followers', 'followerGrowth', 'posts', 'engagements', 'engagementRate', 'reach', 'impressions', 'views'].map((k) => [k, mv(5, null, null)])) } as never, OverviewKpisFragment);
    renderRoutes([{ path: '/', element: <KpiGrid overview={o} comparison={ctx} /> }], { client: mockClient(() => undefined) });
    const posts = screen.getAllByRole('listitem').find((li) => li.textContent?.startsWith('Posts'))!;
    expect(posts.textContent).toBe('Posts5No comparison: the Free plan keeps 90 days of history, not a year earlier. Upgrade');
    expect(within(posts).getByRole('link', { name: 'Upgrade' }).getAttribute('href')).toBe('/settings#plan');
    expect(screen.queryByText(/vs –/)).toBeNull();
  });
});

describe('BestTimesView', () => {
  it('maps API cells to the heatmap: fallbacks marked, posts behind the value counted', () => {
    const mapped = toHeatmapCells(cells((d, h) => (d === 2 && h === 18 ? { value: 0.05, source: 'CELL', posts: 12 } : { value: 0.02, source: 'HOUR', posts: 1 })));
    expect(mapped).toHaveLength(168);
    expect(mapped.find((c) => c.dayOfWeek === 2 && c.hour === 18)).toMatchObject({ value: 0.05, sampleSize: 12, fallback: null });
    expect(mapped[0]).toMatchObject({ fallback: 'hour', sampleSize: 40, posts: 1 });
  });

  it('renders the grid and spells out the best slots', () => {
    const data = makeFragmentData(
      {
        timezone: 'Europe/Berlin',
        rateLabel: 'engagement rate by reach (Instagram) and views (TikTok)',
        totalPosts: 160,
        accounts: 2,
        minPosts: 5,
        accountAverage: 0.04,
        cells: cells((d, h) => (d === 3 && h === 14 ? { value: 0.0682, source: 'CELL', posts: 6 } : { value: 0.03, source: 'CELL', posts: 4 })),
        best: [
          { dayOfWeek: 3, hour: 14, value: 0.0682, low: 0.0521, posts: 6 },
          { dayOfWeek: 5, hour: 9, value: 0.09, low: 0.045, posts: 5 },
        ],
      },
      BestTimesFragment,
    );
    render(<BestTimesView data={data} />);
    expect(screen.getByRole('group', { name: /Engagement rate by weekday and hour \(Europe\/Berlin\)/ })).toBeDefined();
    expect(screen.getAllByRole('img')).toHaveLength(168);
    expect(screen.getByRole('img', { name: /Wed 14:00 — 6.82% from 6 posts/ })).toBeDefined();
    // The list shows the number it is ordered by (the low end), against the stated average.
    expect(screen.getByText(/beat your average of 4.00% even at the low end/)).toBeDefined();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Wednesday 14:00–15:00 at least 5.21% (typically 6.82%, 6 posts)',
      'Friday 09:00–10:00 at least 4.50% (typically 9.00%, 5 posts)',
    ]);
    expect(screen.getByText(/2 accounts each compared with its own average · average 4.00% · engagement rate by reach \(Instagram\) and views \(TikTok\)/)).toBeDefined();
    expect(slotLabel({ dayOfWeek: 7, hour: 23 })).toBe('Sunday 23:00–00:00');
  });
});

describe('OverviewPage', () => {
  it('asks every section for the selected range and follows range changes', () => {
    const client = mockClient((name) => {
      if (name === 'OverviewKpis') {
        return { data: { overview: { range: { from: '2026-02-11', to: '2026-03-10' }, comparisonRange: { from: '2026-01-14', to: '2026-02-10' }, ...overview }, platforms: [{ id: 'p1' }] } };
      }
      return 'pending';
    });
    renderRoutes([{ path: '/', element: <OverviewPage /> }], { client });
    expect(screen.getByRole('heading', { name: 'Followers', level: 2 })).toBeDefined();
    expect(screen.getByText('40.3K')).toBeDefined();
    const kpis = callsOf(client, 'OverviewKpis')[0] as { input: { range: { from: string; to: string }; compare: string } };
    expect(kpis.input.compare).toBe('PREVIOUS_PERIOD');
    const trends = callsOf(client, 'OverviewTrends')[0] as { range: unknown; granularity: string };
    expect(trends).toEqual({ range: kpis.input.range, granularity: 'DAY' });
    expect(callsOf(client, 'OverviewTopPosts')[0]).toEqual({ input: { range: kpis.input.range, limit: 5 } });
    // The heatmap looks back at least 90 days.
    const best = callsOf(client, 'OverviewBestTimes')[0] as { input: { range: { from: string; to: string } } };
    expect(best.input.range.to).toBe(kpis.input.range.to);

    fireEvent.change(screen.getByLabelText('Compare with'), { target: { value: 'PREVIOUS_YEAR' } });
    fireEvent.change(screen.getByLabelText('Range'), { target: { value: '365d' } });
    expect(callsOf(client, 'OverviewKpis').at(-1)).toMatchObject({ input: { compare: 'PREVIOUS_YEAR' } });
    expect(callsOf(client, 'OverviewTrends').at(-1)).toMatchObject({ granularity: 'MONTH' });
  });

  it('starts the range where the plan’s history starts, says so and offers the plan that shows all of "Last 12 months"', () => {
    const plans = [
      { tier: 'FREE', historyDays: 90, priceCents: 0 },
      { tier: 'ENTERPRISE', historyDays: null, priceCents: 19900 },
      { tier: 'PRO', historyDays: 730, priceCents: 2900 },
    ];
    const client = mockClient((name) => {
      if (name === 'OverviewKpis') return { data: { overview: { range: { from: 'a', to: 'b' }, comparisonRange: { from: 'a', to: 'b' }, ...overview }, platforms: [{ id: 'p1' }] } };
      if (name === 'HistoryPlans') return { data: { plans } };
      return 'pending';
    });
    const viewer = { ...testViewer, plan: { ...testViewer.plan, historyDays: 90 } };
    renderRoutes([{ path: '/', element: <OverviewPage /> }], { client, viewer, path: '/?range=365d' });
    const earliest = addDays(todayIn('UTC'), -90);
    expect(callsOf(client, 'OverviewKpis')[0]).toMatchObject({ input: { range: { from: earliest, to: todayIn('UTC') } } });
    const offer = screen.getByText(/“Last 12 months” needs more history than your Free plan keeps \(90 days\), so the range starts on/);
    expect(offer.textContent).toContain('The Pro plan keeps 730 days ($29 / month).');
    expect(screen.getByRole('link', { name: 'Upgrade to Pro' }).getAttribute('href')).toBe('/settings#plan');
    // The range list says it before the range is picked; ranges the plan covers say nothing.
    const options = within(screen.getByLabelText('Range')).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Last 7 days', 'Last 28 days', 'Last 90 days', 'Last 12 months (needs an upgrade)', 'Custom']);
  });

  it('offers no plan when none reaches further, and nothing when the plan covers the range', () => {
    const client = mockClient((name) => {
      if (name === 'OverviewKpis') return { data: { overview: { range: { from: 'a', to: 'b' }, comparisonRange: { from: 'a', to: 'b' }, ...overview }, platforms: [{ id: 'p1' }] } };
      if (name === 'HistoryPlans') return { data: { plans: [{ tier: 'FREE', historyDays: 90, priceCents: 0 }] } };
      return 'pending';
    });
    const viewer = { ...testViewer, plan: { ...testViewer.plan, historyDays: 90 } };
    const first = renderRoutes([{ path: '/', element: <OverviewPage /> }], { client, viewer, path: '/?range=365d' });
    expect(screen.queryByRole('link', { name: /^Upgrade/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'See plans' })).toBeDefined();
    first.unmount();
    renderRoutes([{ path: '/', element: <OverviewPage /> }], { client, viewer, path: '/?range=90d' });
    expect(screen.queryByText(/needs more history/)).toBeNull();
    expect(callsOf(client, 'HistoryPlans')).toHaveLength(1);
  });

  it('invites a user without accounts to connect one', () => {
    const client = mockClient((name) =>
      name === 'OverviewKpis' ? { data: { overview: { range: { from: 'a', to: 'b' }, comparisonRange: { from: 'a', to: 'b' }, ...overview }, platforms: [] } } : 'pending',
    );
    renderRoutes([{ path: '/', element: <OverviewPage /> }], { client });
    expect(screen.getByRole('heading', { name: 'Connect an account to see your numbers' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Connect an account' }).getAttribute('href')).toBe('/platforms');
  });

  it('drills down with context, names the rate’s empty days and counts "1 post"', () => {
    const client = mockClient((name) => {
      if (name === 'OverviewKpis') return { data: { overview: { range: { from: '2026-03-04', to: '2026-03-10' }, comparisonRange: { from: '2026-02-25', to: '2026-03-03' }, ...overview }, platforms: [{ id: 'p1' }] } };
      if (name === 'OverviewTrends') {
        const days = ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'];
        const rate = [null, 0.05, null, null, 0.04, null, null];
        return {
          data: {
            followers: { points: days.map((bucket) => ({ bucket, value: 100 })) },
            engagements: { points: days.map((bucket, i) => ({ bucket, value: rate[i] ? 20 : 0 })) },
            engagementsReceived: { points: days.map((bucket) => ({ bucket, value: null })) },
            engagementRate: { points: days.map((bucket, i) => ({ bucket, value: rate[i] })) },
          },
        };
      }
      if (name === 'OverviewContent') {
        return {
          data: {
            contentTypePerformance: [
              { contentType: 'REEL', posts: 1, postsWithRate: 1, medianEngagementRate: 0.05, lift: 1.1 },
              // 17 images, of which only 3 have a rate: the median rests on 3 (the API's postsWithRate).
              { contentType: 'IMAGE', posts: 17, postsWithRate: 3, medianEngagementRate: 0.04, lift: 0.9 },
            ],
            hashtagPerformance: { hashtags: [{ hashtag: 'sourdough', posts: 1, medianEngagementRate: 0.05, lift: 1.2, successRate: 1 }] },
          },
        };
      }
      return 'pending';
    });
    renderRoutes([{ path: '/', element: <OverviewPage /> }], { client, path: '/?range=custom&from=2026-03-04&to=2026-03-10' });
    expect(screen.getByRole('link', { name: '#sourdough' }).getAttribute('href')).toBe('/posts?hashtag=sourdough&from=2026-03-04&to=2026-03-10');
    expect(screen.getByTestId('rate-gaps').textContent).toBe('5 days without posts have no rate: the line skips them.');
    expect(screen.getByText(/counts on the day it was published/)).toBeDefined();
    const byType = screen.getByRole('figure', { name: 'Median engagement rate by content type' });
    expect(within(byType).getByText('median of 1 post')).toBeDefined();
    expect(within(byType).getByText('median of 3 posts (14 without a rate)')).toBeDefined();
    // No platform here reports daily account engagement: no choice that could only show gaps.
    expect(screen.queryByRole('group', { name: 'Count engagement by' })).toBeNull();
  });

  it('keeps the range of the numbers shown in hashtag links while a new range loads', () => {
    const client = mockClient((name, v) => {
      if (name === 'OverviewKpis') return { data: { overview: { range: { from: 'a', to: 'b' }, comparisonRange: { from: 'a', to: 'b' }, ...overview }, platforms: [{ id: 'p1' }] } };
      if (name === 'OverviewContent') {
        // The new range's answer is still on its way.
        if ((v as { input: { range: { from: string } } }).input.range.from !== '2026-03-04') return 'pending';
        return {
          data: {
            contentTypePerformance: [{ contentType: 'REEL', posts: 1, medianEngagementRate: 0.05, lift: 1.1 }],
            hashtagPerformance: { hashtags: [{ hashtag: 'sourdough', posts: 1, medianEngagementRate: 0.05, lift: 1.2, successRate: 1 }] },
          },
        };
      }
      return 'pending';
    });
    renderRoutes([{ path: '/', element: <OverviewPage /> }], { client, path: '/?range=custom&from=2026-03-04&to=2026-03-10' });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-02-01' } });
    expect(callsOf(client, 'OverviewContent').at(-1)).toMatchObject({ input: { range: { from: '2026-02-01', to: '2026-03-10' } } });
    const link = screen.getByRole('link', { name: '#sourdough' });
    expect(link.getAttribute('href')).toBe('/posts?hashtag=sourdough&from=2026-03-04&to=2026-03-10');
    expect(link.closest('[aria-busy="true"]')).not.toBeNull();
  });

  it('offers engagement received each day where the platforms report it', () => {
    const days = ['2026-03-08', '2026-03-09', '2026-03-10'];
    const client = mockClient((name) => {
      if (name === 'OverviewKpis') return { data: { overview: { range: { from: days[0], to: days[2] }, comparisonRange: { from: '2026-03-05', to: '2026-03-07' }, ...overview }, platforms: [{ id: 'p1' }] } };
      if (name === 'OverviewTrends') {
        return {
          data: {
            followers: { points: days.map((bucket) => ({ bucket, value: 100 })) },
            engagements: { points: days.map((bucket, i) => ({ bucket, value: i === 0 ? 90 : 0 })) },
            engagementsReceived: { points: days.map((bucket, i) => ({ bucket, value: [40, 30, null][i] })) },
            engagementRate: { rateLabel: 'engagement rate by reach (Instagram)', points: days.map((bucket, i) => ({ bucket, value: i === 0 ? 0.05 : null })) },
          },
        };
      }
      return 'pending';
    });
    renderRoutes([{ path: '/', element: <OverviewPage /> }], { client, path: `/?range=custom&from=${days[0]}&to=${days[2]}` });
    const choice = screen.getByRole('group', { name: 'Count engagement by' });
    expect(within(choice).getByRole('button', { name: 'Publish day' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('figure', { name: 'Engagements on posts published each day' })).toBeDefined();
    fireEvent.click(within(choice).getByRole('button', { name: 'Day received' }));
    const received = screen.getByRole('figure', { name: 'Engagements received each day' });
    // The hidden table has the daily numbers, and a day without a report says so (not 0).
    const rows = within(received).getAllByRole('row').map((r) => r.textContent);
    expect(rows.slice(1)).toEqual(['8 Mar 202640', '9 Mar 202630', '10 Mar 2026Not reported']);
    expect(screen.getByText(/received each day on all their posts, old and new/)).toBeDefined();
    expect(screen.queryByRole('figure', { name: 'Engagements on posts published each day' })).toBeNull();
  });
});

describe('engagement rates name their denominator', () => {
  it('the KPI card shows what the rate is divided by', () => {
    render(<KpiGrid overview={overview} />);
    const rate = screen.getAllByRole('listitem')[4]!;
    expect(rate.querySelector('.kpi-note')?.textContent).toBe('by reach (Instagram) and views (TikTok)');
  });

  it('top posts show each post’s own rate, TikTok by views (no dash)', async () => {
    const client = mockClient((name) => {
      if (name === 'OverviewKpis') {
        return { data: { overview: { range: { from: '2026-02-11', to: '2026-03-10' }, comparisonRange: { from: '2026-01-14', to: '2026-02-10' }, ...overview }, platforms: [{ id: 'p1' }] } };
      }
      if (name === 'OverviewTopPosts') {
        return {
          data: {
            topActivities: [
              {
                rank: 1,
                value: 900,
                engagementRate: 0.12,
                rateLabel: 'engagement rate by views',
                activity: { id: 'a1', content: 'Dance clip', type: 'VIDEO', publishedAt: '2026-03-01T10:00:00Z', platform: { id: 'p2', type: 'TIKTOK', username: 'brand', displayName: null } },
              },
            ],
          },
        };
      }
      return 'pending';
    });
    renderRoutes([{ path: '/', element: <OverviewPage /> }], { client });
    const item = (await screen.findByRole('link', { name: 'Dance clip' })).closest('li')!;
    expect(item.textContent).toContain('12.00% by views');
  });
});

describe('AudienceCard', () => {
  const demo = (female: number, countries: Array<[string, string | null, number]>) =>
    makeFragmentData(
      {
        ageGroups: [
          { range: '25-34', share: 0.4 },
          { range: '18-24', share: 0.35 },
          { range: '65+', share: 0.05 },
        ],
        genderSplit: { female, male: 1 - female, other: null },
        locations: countries.map(([country, city, share]) => ({ country, city, share })),
      },
      DemographicsFragment,
    );

  it('shows age, gender and top countries, merged or per account', async () => {
    const client = mockClient((name) =>
      name === 'OverviewAudience'
        ? {
            data: {
              audienceDemographics: {
                merged: demo(0.6, [
                  ['DE', 'Berlin', 0.3],
                  ['DE', 'Munich', 0.1],
                  ['US', null, 0.2],
                ]),
                platforms: [
                  { platformId: 'p1', platformType: 'INSTAGRAM', date: '2026-03-09', followers: 12_000, platform: { id: 'p1', username: 'bakery', displayName: null }, demographics: demo(0.7, [['FR', null, 0.5]]) },
                  { platformId: 'p2', platformType: 'TIKTOK', date: '2026-03-08', followers: 3000, platform: { id: 'p2', username: 'bakery.tt', displayName: null }, demographics: demo(0.4, [['US', null, 0.6]]) },
                ],
              },
            },
          }
        : 'pending',
    );
    renderRoutes([{ path: '/', element: <AudienceCard /> }], { client });
    const ages = await screen.findByRole('table', { name: 'Age' });
    expect([...ages.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['18-24', '25-34', '65+']);
    const rows = (name: string) => screen.getByRole('table', { name }).querySelector('tbody')!.textContent;
    expect(rows('Gender')).toBe('Women60%Men40%');
    // Cities are summed into their country.
    expect(rows('Top countries')).toBe('Germany40%United States20%');
    expect(screen.getByText('2 accounts merged, each weighted by its followers.')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Audience of'), { target: { value: 'p2' } });
    expect(rows('Top countries')).toBe('United States60%');
    expect(screen.getByText(/TikTok · @bakery.tt: as reported on 8 Mar 2026, 3,000 followers/)).toBeDefined();
  });

  it('says when no platform reports demographics yet, and shows loading meanwhile', async () => {
    const pending = mockClient(() => 'pending');
    const { unmount } = renderRoutes([{ path: '/', element: <AudienceCard /> }], { client: pending });
    expect(screen.getByRole('status').textContent).toBe('Loading the audience…');
    unmount();
    const empty = mockClient(() => ({ data: { audienceDemographics: { platforms: [], merged: null } } }));
    renderRoutes([{ path: '/', element: <AudienceCard /> }], { client: empty });
    expect(await screen.findByRole('heading', { name: 'No audience data yet' })).toBeDefined();
    expect(topCountries([{ country: 'US', share: 0.1 }, { country: 'DE', share: 0.1 }])).toEqual([
      { country: 'DE', share: 0.1 },
      { country: 'US', share: 0.1 },
    ]);
  });
});
