import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { Granularity } from '../../gql/graphql';
import { PageHeader } from '../../layout/AppShell';
import { formatDate, formatPeriod } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { TimeSeriesChart } from '../../ui/charts/TimeSeriesChart';
import { addDays, DateRangePicker, PRESET_DAYS, PRESET_LABEL, todayIn, type RangePreset } from '../../ui/DateRangePicker';
import { EmptyState, ErrorState, LoadingBlock, Skeleton } from '../../ui/States';
import { earliestDay, useTimeZone } from '../auth/viewer';
import { BestTimesView } from './BestTimesCard';
import { AudienceCard } from './AudienceCard';
import { KpiGrid } from './KpiGrid';
import { granularityFor, parseRange, rangeDays, serializeRange } from './range';
import { HistoryUpgrade } from './HistoryUpgrade';
import {
  AccountsTableView,
  ContentTypesView,
  EngagementPublishedChart,
  EngagementRateChart,
  FollowersChartView,
  GRANULARITY_WORD,
  HashtagsTable,
  hasEngagement,
  mergeSeries,
  TopPostsList,
} from './sections';
import { useCsvExport } from './useCsvExport';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions, useWorkspacePlan } from '../workspaces/workspace';

export { hashtagPostsLink, medianNote, mergeSeries } from './sections';

const OverviewKpisQuery = graphql(`
  query OverviewKpis($input: OverviewInput!) {
    overview(input: $input) {
      range {
        from
        to
      }
      comparisonRange {
        from
        to
      }
      ...OverviewKpis_Overview
    }
    platforms {
      id
    }
  }
`);

const OverviewTrendsQuery = graphql(`
  query OverviewTrends($range: DateRangeInput!, $granularity: Granularity!) {
    followers: timeseries(input: { range: $range, granularity: $granularity, metric: FOLLOWERS }) {
      points {
        bucket
        value
      }
    }
    engagements: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENTS }) {
      points {
        bucket
        value
      }
    }
    engagementsReceived: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENTS_RECEIVED }) {
      points {
        bucket
        value
      }
    }
    engagementRate: timeseries(input: { range: $range, granularity: $granularity, metric: ENGAGEMENT_RATE }) {
      rateLabel
      points {
        bucket
        value
      }
    }
  }
`);

const OverviewBreakdownQuery = graphql(`
  query OverviewBreakdown($input: AnalyticsInput!) {
    platformBreakdown(input: $input) {
      platformId
      platformType
      displayName
      followers
      followerGrowth
      posts
      engagements
      engagementRate
      rateLabel
      reach
      shareOfEngagements
      platform {
        id
        username
      }
    }
  }
`);

const OverviewBestTimesQuery = graphql(`
  query OverviewBestTimes($input: BestTimesInput!) {
    bestTimesToPost(input: $input) {
      ...BestTimesHeatmap_BestTimes
    }
  }
`);

const OverviewTopPostsQuery = graphql(`
  query OverviewTopPosts($input: TopActivitiesInput!) {
    topActivities(input: $input) {
      rank
      value
      engagementRate
      rateLabel
      activity {
        id
        content
        type
        publishedAt
        platform {
          id
          type
          username
          displayName
        }
      }
    }
  }
`);

const OverviewContentQuery = graphql(`
  query OverviewContent($input: AnalyticsInput!, $hashtags: HashtagPerformanceInput!) {
    contentTypePerformance(input: $input) {
      contentType
      posts
      postsWithRate
      medianEngagementRate
      lift
      rateLabel
    }
    hashtagPerformance(input: $hashtags) {
      rateLabel
      hashtags {
        hashtag
        posts
        medianEngagementRate
        lift
        successRate
      }
    }
  }
`);

const OverviewInsightsQuery = graphql(`
  query OverviewInsights {
    insights(filter: { priorities: [HIGH] }, first: 3) {
      totalCount
      edges {
        node {
          id
          title
          description
          isRead
          insightType
        }
      }
    }
  }
`);

function Section({ title, id, actions, children, className }: { title: string; id: string; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <Card title={title} labelledBy={id} actions={actions} className={className}>
      {children}
    </Card>
  );
}

/** How the engagement chart counts: on each post's publish day, or on the day the accounts received it. */
type EngagementBasis = 'published' | 'received';

function Trends({ range, granularity }: { range: { from: string; to: string }; granularity: Granularity }) {
  const [{ data, error }, refetch] = useQuery({ query: OverviewTrendsQuery, variables: { range, granularity } });
  const [basis, setBasis] = useState<EngagementBasis>('published');
  const per = GRANULARITY_WORD[granularity];
  if (!data) {
    return (
      <div className="grid grid-2">
        {['Followers', 'Engagement'].map((t, i) => (
          <Section key={t} title={t} id={`trend-${i}`}>
            {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : <Skeleton height={260} />}
          </Section>
        ))}
      </div>
    );
  }
  const received = mergeSeries({ engagements: data.engagementsReceived.points });
  // Only platforms that report a day's account engagement (not every one does) fill this series.
  const hasReceived = received.some((p) => typeof p.engagements === 'number');
  const byReceived = basis === 'received' && hasReceived;
  const anyEngagement = hasEngagement(data.engagements.points);
  return (
    <div className="grid grid-2">
      <Section title="Followers" id="trend-followers">
        <FollowersChartView points={data.followers.points} granularity={granularity} />
      </Section>
      <Section
        title="Engagement"
        id="trend-engagement"
        actions={
          anyEngagement && hasReceived ? (
            <div className="segmented" role="group" aria-label="Count engagement by">
              <button type="button" aria-pressed={!byReceived} onClick={() => setBasis('published')}>
                Publish {per}
              </button>
              <button type="button" aria-pressed={byReceived} onClick={() => setBasis('received')}>
                {per === 'day' ? 'Day' : per === 'week' ? 'Week' : 'Month'} received
              </button>
            </div>
          ) : undefined
        }
      >
        {anyEngagement ? (
          <div className="stack" style={{ gap: 8 }}>
            {byReceived ? (
              <>
                <TimeSeriesChart
                  label={`Engagements received each ${per}`}
                  data={received}
                  series={[{ key: 'engagements', label: 'Engagements received' }]}
                  kind="bar"
                  height={180}
                  gapLabel="Not reported"
                />
                <p className="small muted chart-note">
                  What your accounts received each {per} on all their posts, old and new, as the platforms report it for the day. Accounts whose platform gives no daily figure are not
                  included.
                </p>
              </>
            ) : (
              <EngagementPublishedChart points={data.engagements.points} granularity={granularity} />
            )}
            <EngagementRateChart points={data.engagementRate.points} rateLabel={data.engagementRate.rateLabel} granularity={granularity} />
          </div>
        ) : (
          <EmptyState title="No engagement in this range">Engagement counts posts published in the range. Try a longer range.</EmptyState>
        )}
      </Section>
    </div>
  );
}

function Breakdown({ range }: { range: { from: string; to: string } }) {
  const [{ data, error }, refetch] = useQuery({ query: OverviewBreakdownQuery, variables: { input: { range } } });
  const rows = data?.platformBreakdown;
  return (
    <Section title="By account" id="breakdown">
      {!rows ? (
        error ? (
          <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <LoadingBlock lines={4} height={24} label="Loading accounts" />
        )
      ) : (
        <AccountsTableView rows={rows} empty={<EmptyState title="No accounts" action={<Link to="/platforms" className="btn btn-secondary">Connect an account</Link>} />} />
      )}
    </Section>
  );
}

function BestTimes({ range, earliest }: { range: { from: string; to: string }; earliest: string | null }) {
  // A heatmap needs many posts: look back at least 90 days (as far as the plan allows).
  const back = addDays(range.to, -89);
  const wide = rangeDays(range) >= 90 ? range : { from: earliest && back < earliest ? earliest : back, to: range.to };
  const [{ data, error }, refetch] = useQuery({ query: OverviewBestTimesQuery, variables: { input: { range: wide } } });
  return (
    <Section title="Best times to post" id="best-times" actions={wide !== range ? <span className="small muted">Since {formatDate(`${wide.from}T12:00:00Z`, 'UTC')}</span> : undefined}>
      {data ? (
        <BestTimesView data={data.bestTimesToPost} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : (
        <Skeleton height={220} />
      )}
    </Section>
  );
}

function TopPosts({ range, timeZone }: { range: { from: string; to: string }; timeZone: string }) {
  const [{ data, error }, refetch] = useQuery({ query: OverviewTopPostsQuery, variables: { input: { range, limit: 5 } } });
  const rows = data?.topActivities;
  return (
    <Section title="Top posts" id="top-posts" actions={<Link to="/posts?sort=ENGAGEMENT" className="small">All posts →</Link>}>
      {!rows ? (
        error ? (
          <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <LoadingBlock lines={5} height={22} label="Loading top posts" />
        )
      ) : (
        <TopPostsList rows={rows} timeZone={timeZone} />
      )}
    </Section>
  );
}

function ContentMix({ range }: { range: { from: string; to: string } }) {
  const [{ data, error, fetching, operation }, refetch] = useQuery({ query: OverviewContentQuery, variables: { input: { range }, hashtags: { range, limit: 6 } } });
  // While a new range loads, the previous answer stays on screen (dimmed): its links keep the
  // range of the numbers they show.
  const shown = (operation?.variables as { input?: { range?: { from: string; to: string } } } | undefined)?.input?.range ?? range;
  if (!data) {
    return (
      <Section title="What works" id="content-mix">
        {error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : <LoadingBlock lines={5} height={22} />}
      </Section>
    );
  }
  const types = data.contentTypePerformance.filter((t) => t.posts > 0);
  const tags = data.hashtagPerformance.hashtags;
  return (
    <Section title="What works" id="content-mix">
      {types.length === 0 ? (
        <EmptyState title="No posts in this range">Content types and hashtags are compared once there are posts.</EmptyState>
      ) : (
        <div className="stack" aria-busy={fetching || undefined}>
          <ContentTypesView types={types} rateLabel={data.hashtagPerformance.rateLabel} />
          {tags.length > 0 && <HashtagsTable tags={tags} rateLabel={data.hashtagPerformance.rateLabel} range={shown} />}
        </div>
      )}
    </Section>
  );
}

/** Presets the plan's history cannot fill say so in the range list. */
export function presetNotes(historyDays: number | null | undefined): Partial<Record<RangePreset, string>> {
  if (historyDays == null) return {};
  const notes: Partial<Record<RangePreset, string>> = {};
  for (const [preset, days] of Object.entries(PRESET_DAYS) as [RangePreset, number][]) if (days - 1 > historyDays) notes[preset] = 'needs an upgrade';
  return notes;
}

function LatestInsights() {
  const [{ data, error }, refetch] = useQuery({ query: OverviewInsightsQuery });
  const items = data?.insights.edges.map((e) => e.node);
  return (
    <Section title="High-priority insights" id="latest-insights" actions={<Link to="/insights" className="small">All insights →</Link>}>
      {!items ? (
        error ? (
          <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <LoadingBlock lines={3} height={22} label="Loading insights" />
        )
      ) : items.length === 0 ? (
        <EmptyState title="Nothing urgent">High-priority findings appear here when Soash finds a strong, well-supported pattern in your numbers.</EmptyState>
      ) : (
        <ul className="insight-list">
          {items.map((i) => (
            <li key={i.id}>
              <Link to={`/insights#insight-${i.id}`} className="post-link">
                {i.title}
              </Link>
              {!i.isRead && <Badge tone="primary">New</Badge>}
              {i.description && <p className="small muted">{i.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function OverviewPage() {
  useTitle('Overview');
  const timeZone = useTimeZone();
  const [params, setParams] = useSearchParams();
  const plan = useWorkspacePlan();
  const earliest = earliestDay(plan.historyDays);
  const value = useMemo(() => parseRange(params, timeZone), [params, timeZone]);
  const valid = value.from <= value.to;
  // The plan's history limits how far back numbers reach: start the range there.
  const clamped = !!earliest && value.from < earliest;
  const from = clamped ? earliest! : value.from;
  const range = useMemo(() => ({ from: from > value.to ? value.to : from, to: value.to }), [from, value.to]);
  const granularity = granularityFor(range);
  const [{ data, error }, refetch] = useQuery({ query: OverviewKpisQuery, variables: { input: { range, compare: value.compare } }, pause: !valid });
  const csv = useCsvExport();
  const mayExport = usePermissions().can('exportData');
  const noAccounts = data?.platforms.length === 0;

  return (
    <>
      <PageHeader
        title="Overview"
        description={
          data ? (
            <>
              {formatPeriod(data.overview.range.from, data.overview.range.to)}, compared with {formatPeriod(data.overview.comparisonRange.from, data.overview.comparisonRange.to)}
            </>
          ) : (
            'How your accounts are doing.'
          )
        }
        actions={
          <>
            <Button
              variant="secondary"
              loading={csv.busy}
              disabled={!valid || !mayExport.allowed}
              aria-describedby={mayExport.allowed ? undefined : 'export-role'}
              onClick={() => void csv.run({ report: 'OVERVIEW', range, compare: value.compare })}
            >
              Export CSV
            </Button>
            <RoleNote permission={mayExport} id="export-role" />
          </>
        }
      />
      <div className="stack">
        <Card>
          <DateRangePicker value={value} onChange={(v) => setParams(serializeRange(v), { replace: true })} timeZone={timeZone} notes={presetNotes(plan.historyDays)} />
          {clamped && (
            <HistoryUpgrade
              planName={plan.tier.charAt(0) + plan.tier.slice(1).toLowerCase()}
              historyDays={plan.historyDays!}
              shownFrom={range.from}
              wantedDays={rangeDays({ from: value.from, to: todayIn(timeZone) })}
              rangeName={value.preset === 'custom' ? null : PRESET_LABEL[value.preset]}
            />
          )}
          {(csv.error || csv.done) && (
            <p className={`small ${csv.error ? 'error' : 'muted'}`} role={csv.error ? 'alert' : 'status'} style={{ marginTop: 8 }}>
              {csv.error ?? csv.done}
            </p>
          )}
        </Card>
        {!valid ? null : noAccounts ? (
          <Card>
            <EmptyState title="Connect an account to see your numbers" action={<Link to="/platforms" className="btn btn-primary">Connect an account</Link>}>
              Soash reads your history when you connect, so the dashboard fills in within minutes.
            </EmptyState>
          </Card>
        ) : (
          <>
            {data ? (
              <KpiGrid
                overview={data.overview}
                comparison={{
                  from: data.overview.comparisonRange.from,
                  compare: value.compare,
                  earliest,
                  planName: plan.tier.charAt(0) + plan.tier.slice(1).toLowerCase(),
                  historyDays: plan.historyDays ?? null,
                }}
              />
            ) : error ? (
              <Card>
                <ErrorState title="The numbers could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
              </Card>
            ) : (
              <div className="grid grid-kpi" role="status" aria-label="Loading key numbers">
                {Array.from({ length: 8 }, (_, i) => (
                  <Skeleton key={i} height={92} />
                ))}
              </div>
            )}
            <Trends range={range} granularity={granularity} />
            <div className="grid grid-2">
              <TopPosts range={range} timeZone={timeZone} />
              <LatestInsights />
            </div>
            <div className="grid grid-2">
              <BestTimes range={range} earliest={earliest} />
              <ContentMix range={range} />
            </div>
            <Breakdown range={range} />
            <AudienceCard />
          </>
        )}
      </div>
    </>
  );
}
