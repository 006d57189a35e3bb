import { rateBasis } from '../overview/rate';
import { SYNC_FREQUENCY } from '../../lib/labels';
import { graphql, type FragmentType, getFragmentData } from '../../gql';
import { formatPercent } from '../../lib/format';
import { TimeSeriesChart, type SeriesPoint } from '../../ui/charts/TimeSeriesChart';
import { EmptyState } from '../../ui/States';

export const PostMetricFragment = graphql(`
  fragment PostMetric_ActivityMetric on ActivityMetric {
    id
    date
    engagementRate
    engagement {
      likes
      comments
      shares
      saves
      reach
      impressions
      views
    }
  }
`);

/** Chart rows from daily snapshots: one per UTC day (the snapshot's `date`). */
export function metricPoints(metrics: readonly { date: string; engagementRate?: number | null; engagement: Record<string, unknown> }[]): SeriesPoint[] {
  return metrics.map((m) => {
    const point: SeriesPoint = { bucket: m.date.slice(0, 10), engagementRate: m.engagementRate ?? null };
    for (const [k, v] of Object.entries(m.engagement)) if (k !== '__typename') point[k] = typeof v === 'number' ? v : null;
    return point;
  });
}

/** A post's daily history: interactions, audience and engagement rate. */
export function PostMetricsChart({
  metrics: masked,
  publishedAt,
  rateLabel,
}: {
  metrics: readonly FragmentType<typeof PostMetricFragment>[];
  publishedAt?: string | null;
  /** What the post's rate is divided by, as the API names it. */
  rateLabel?: string;
}) {
  const metrics = getFragmentData(PostMetricFragment, masked);
  if (metrics.length === 0) {
    const old = publishedAt && Date.now() - new Date(publishedAt).getTime() > 30 * 86_400_000;
    return (
      <EmptyState title="No daily history for this post">
        {old
          ? 'Soash records daily numbers during a post’s first 30 days, and this post was older when Soash first read it. Its latest numbers are above.'
          : `Soash records the post’s numbers ${SYNC_FREQUENCY}; the chart fills in with the next syncs.`}
      </EmptyState>
    );
  }
  const data = metricPoints(metrics);
  const has = (key: string) => data.some((p) => typeof p[key] === 'number');
  const audience = [
    { key: 'reach', label: 'Reach' },
    { key: 'impressions', label: 'Impressions' },
    { key: 'views', label: 'Views' },
  ].filter((s) => has(s.key));
  return (
    <div className="grid grid-2">
      <section aria-labelledby="chart-interactions">
        <h3 id="chart-interactions">Interactions</h3>
        <TimeSeriesChart
          label="Interactions per day"
          data={data}
          series={[
            { key: 'likes', label: 'Likes' },
            { key: 'comments', label: 'Comments' },
            { key: 'shares', label: 'Shares' },
            { key: 'saves', label: 'Saves' },
          ].filter((s) => has(s.key))}
        />
      </section>
      {audience.length > 0 && (
        <section aria-labelledby="chart-audience">
          <h3 id="chart-audience">Audience</h3>
          <TimeSeriesChart label="Reach, impressions and views per day" data={data} series={audience} kind="area" />
        </section>
      )}
      {has('engagementRate') && (
        <section aria-labelledby="chart-rate">
          <h3 id="chart-rate">Engagement rate</h3>
          <TimeSeriesChart label="Engagement rate per day" data={data} series={[{ key: 'engagementRate', label: 'Engagement rate' }]} valueFormat={(v) => formatPercent(v)} />
          {rateLabel && <p className="small muted">Engagement rate {rateBasis(rateLabel)}.</p>}
        </section>
      )}
    </div>
  );
}
