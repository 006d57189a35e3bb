import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatNumber, formatPercent } from '../../lib/format';
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

/** How a post's engagement accumulated after publishing, and how fast it got there. */
export function PostDecayChart({ activityId }: { activityId: string }) {
  const [{ data, error }, refetch] = useQuery({ query: PostDecayQuery, variables: { activityId } });
  if (error && !data) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Skeleton height={200} />;
  const d = data.postDecay;
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
