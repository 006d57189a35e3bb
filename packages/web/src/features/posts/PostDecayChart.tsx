import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDate, formatNumber, formatPercent } from '../../lib/format';
import { TimeSeriesChart } from '../../ui/charts/TimeSeriesChart';
import { ErrorState, Skeleton } from '../../ui/States';

const PostDecayQuery = graphql(`
  query PostDecay($activityId: ID!) {
    postDecay(activityId: $activityId) {
      halfLifeDays
      daysTo90Percent
      latestEngagements
      points {
        day
        engagements
        shareOfLatest
      }
    }
  }
`);

export interface LifetimeTotals {
  total?: number | null;
  likes?: number | null;
  comments?: number | null;
  shares?: number | null;
  saves?: number | null;
  reach?: number | null;
  views?: number | null;
}

/**
 * Whether a post's history cannot show how it built up: it was published before the account was
 * connected and its snapshots do not start on the publish day (platforms give no day-by-day
 * history of older posts, only their current totals).
 */
export function publishedBeforeConnect(publishedAt: string, connectedAt: string | null | undefined, firstDay: number | undefined): boolean {
  if (!connectedAt || new Date(publishedAt).getTime() >= new Date(connectedAt).getTime()) return false;
  return firstDay === undefined || firstDay > 0;
}

const TOTALS: [keyof LifetimeTotals, string][] = [
  ['total', 'Engagement'],
  ['likes', 'Likes'],
  ['comments', 'Comments'],
  ['shares', 'Shares'],
  ['saves', 'Saves'],
  ['reach', 'Reach'],
  ['views', 'Views'],
];

/**
 * How a post's engagement accumulated after publishing, and how fast it got there. For a post
 * published before its account was connected there is no such history: it says why and shows the
 * lifetime totals instead of an empty chart.
 */
export function PostDecayChart({
  activityId,
  publishedAt,
  connectedAt,
  accountName,
  totals,
  timeZone,
}: {
  activityId: string;
  publishedAt: string;
  connectedAt?: string | null;
  accountName: string;
  totals: LifetimeTotals;
  timeZone: string;
}) {
  const [{ data, error }, refetch] = useQuery({ query: PostDecayQuery, variables: { activityId } });
  if (error && !data) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Skeleton height={200} />;
  const d = data.postDecay;
  if (publishedBeforeConnect(publishedAt, connectedAt, d.points[0]?.day)) {
    const shown = TOTALS.filter(([k]) => typeof totals[k] === 'number');
    return (
      <section aria-labelledby="decay-title" className="stack" style={{ gap: 8 }}>
        <h3 id="decay-title" style={{ margin: 0 }}>
          Lifetime totals
        </h3>
        <p className="small muted" style={{ margin: 0 }}>
          This post was published on {formatDate(publishedAt, timeZone)}, before {accountName} was connected on {formatDate(connectedAt, timeZone)}. Platforms give no
          day-by-day history for older posts, so how its engagement built up after publishing cannot be shown; these are its totals so far.
        </p>
        <dl className="facts">
          {shown.map(([k, label]) => (
            <div key={k}>
              <dt>{label}</dt>
              <dd>{formatNumber(totals[k])}</dd>
            </div>
          ))}
        </dl>
      </section>
    );
  }
  if (d.points.length < 2) return null;
  const rows = d.points.map((p) => ({ bucket: `Day ${p.day}`, share: p.shareOfLatest ?? null }));
  return (
    <section aria-labelledby="decay-title" className="stack" style={{ gap: 8 }}>
      <h3 id="decay-title" style={{ margin: 0 }}>
        How engagement built up
      </h3>
      <p className="small muted" style={{ margin: 0 }}>
        {d.halfLifeDays != null ? `Half of its ${formatNumber(d.latestEngagements)} engagements came by day ${d.halfLifeDays}` : 'Engagement is still building up'}
        {d.daysTo90Percent != null ? `, 90 % by day ${d.daysTo90Percent}.` : '.'} Day 0 is the day it was published.
      </p>
      <TimeSeriesChart
        label="Share of the latest engagements, by day since publishing"
        data={rows}
        series={[{ key: 'share', label: 'Share of latest engagements', color: '#e0742b' }]}
        kind="area"
        height={200}
        valueFormat={(v) => formatPercent(v, 0)}
      />
    </section>
  );
}
