/** Report fixtures shared by the report page's and the shared page's tests. */
const mv = (value: number | null, previous: number | null, deltaPercent: number | null) => ({ value, previous, deltaPercent });
const kpis = {
  rateLabel: 'engagement rate by reach (Instagram)',
  followers: mv(40_300, 38_700, 4.13),
  followerGrowth: mv(1649, 1491, 10.6),
  posts: mv(29, 45, -35.6),
  engagements: mv(12_600, 30_200, -58.3),
  engagementRate: mv(0.0629, 0.0747, -15.8),
  reach: mv(75_500, 100_000, -24.5),
  impressions: mv(null, null, null),
  views: mv(251_700, 513_800, -51),
};

/** A report's numbers as reportData (and a share link's sharedReport.data) answer them. */
export function reportData(extra: Record<string, unknown> = {}) {
  return {
    range: { from: '2026-02-01', to: '2026-02-28' },
    comparisonRange: { from: '2026-01-04', to: '2026-01-31' },
    comparison: 'PREVIOUS_PERIOD',
    timezone: 'Europe/Berlin',
    generatedAt: '2026-03-01T09:00:00Z',
    sections: ['TOP_POSTS', 'KPIS', 'ACCOUNTS_TABLE'],
    showSoashMark: true,
    missingPlatformIds: [],
    report: { id: 'r1', name: 'Monthly', branding: { title: 'Client A — February', accentColor: '#FF8800', footer: 'Prepared by the agency', logoUrl: null } },
    kpis,
    followers: null,
    engagements: null,
    engagementRate: null,
    accounts: [
      {
        platformId: 'p1',
        platformType: 'INSTAGRAM',
        displayName: 'Bakery',
        followers: 40_300,
        followerGrowth: 1649,
        posts: 29,
        engagements: 12_600,
        engagementRate: 0.0629,
        rateLabel: 'engagement rate by reach',
        shareOfEngagements: 1,
        platform: { id: 'p1', username: 'bakery' },
      },
    ],
    topPosts: [
      {
        rank: 1,
        value: 900,
        engagementRate: 0.08,
        rateLabel: 'engagement rate by reach',
        activity: { id: 'a1', content: 'Sourdough Saturday', type: 'REEL', publishedAt: '2026-02-14T10:00:00Z', platform: { id: 'p1', type: 'INSTAGRAM', username: 'bakery', displayName: 'Bakery' } },
      },
    ],
    contentTypes: null,
    hashtags: null,
    bestTimes: null,
    demographics: null,
    insights: null,
    ...extra,
  };
}

