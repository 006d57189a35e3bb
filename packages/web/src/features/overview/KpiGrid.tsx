import { Link } from 'react-router';
import { graphql, type FragmentType, getFragmentData } from '../../gql';
import { formatNumber, formatPercent } from '../../lib/format';
import { KpiCard } from '../../ui/KpiCard';
import { rateBasis } from './rate';

export const OverviewKpisFragment = graphql(`
  fragment OverviewKpis_Overview on Overview {
    rateLabel
    followers {
      value
      previous
      deltaPercent
    }
    followerGrowth {
      value
      previous
      deltaPercent
    }
    posts {
      value
      previous
      deltaPercent
    }
    engagements {
      value
      previous
      deltaPercent
    }
    engagementRate {
      value
      previous
      deltaPercent
    }
    reach {
      value
      previous
      deltaPercent
    }
    impressions {
      value
      previous
      deltaPercent
    }
    views {
      value
      previous
      deltaPercent
    }
  }
`);

type Metric = { value?: number | null; previous?: number | null; deltaPercent?: number | null };

/** The API's deltaPercent is in percent; KpiCard wants a fraction. */
export function deltaRatio(m: Metric): number | null {
  return m.deltaPercent == null ? null : m.deltaPercent / 100;
}

function signed(v: number | null | undefined): string {
  if (v == null) return formatNumber(v);
  return `${v > 0 ? '+' : ''}${formatNumber(v)}`;
}

export interface ComparisonContext {
  /** First day of the comparison range (YYYY-MM-DD). */
  from: string;
  compare: 'PREVIOUS_PERIOD' | 'PREVIOUS_YEAR';
  /** First day the plan's history reaches (null: unlimited). */
  earliest: string | null;
  planName: string;
  historyDays: number | null;
}

/**
 * Why the comparison cannot be computed, or null when it can: the plan's history does not reach
 * the comparison range, or nothing was recorded then (no follower counts and no posts: the
 * accounts were not connected yet). Then "0 posts" would not mean zero posts, so no card compares.
 */
export function comparisonGap(o: { followers: Metric; posts: Metric; engagements: Metric }, c: ComparisonContext | undefined): string | null {
  if (!c) return null;
  const when = c.compare === 'PREVIOUS_YEAR' ? 'a year earlier' : 'the period before';
  if (c.earliest && c.from < c.earliest) return `No comparison: the ${c.planName} plan keeps ${c.historyDays} days of history, not ${when}.`;
  if (o.followers.previous == null && !o.posts.previous && !o.engagements.previous) return `No comparison: nothing was recorded ${when === 'a year earlier' ? 'a year earlier' : 'in the period before'}.`;
  return null;
}

/** Headline numbers of the range, each with its comparison and change (or why there is none). */
export function KpiGrid({ overview: masked, comparison }: { overview: FragmentType<typeof OverviewKpisFragment>; comparison?: ComparisonContext }) {
  const o = getFragmentData(OverviewKpisFragment, masked);
  const gap = comparisonGap(o, comparison);
  const upgrade = !!comparison?.earliest && !!gap && comparison.from < comparison.earliest;
  const cards: { label: string; m: Metric; fmt: (v: number | null | undefined) => string; hint: string; note?: string }[] = [
    { label: 'Followers', m: o.followers, fmt: (v) => formatNumber(v), hint: 'Followers on the last day of the range, all accounts' },
    { label: 'Follower growth', m: o.followerGrowth, fmt: signed, hint: 'Net change in followers over the range' },
    { label: 'Posts', m: o.posts, fmt: (v) => formatNumber(v), hint: 'Posts published in the range' },
    { label: 'Engagements', m: o.engagements, fmt: (v) => formatNumber(v), hint: 'Likes, comments, shares and saves of the posts published in the range' },
    {
      label: 'Engagement rate',
      m: o.engagementRate,
      fmt: (v) => formatPercent(v),
      hint: `Engagements ÷ each post's ${rateBasis(o.rateLabel).replace(/^by /, '')}, all accounts`,
      note: rateBasis(o.rateLabel),
    },
    { label: 'Reach', m: o.reach, fmt: (v) => formatNumber(v), hint: 'Unique accounts reached by the posts published in the range' },
    { label: 'Impressions', m: o.impressions, fmt: (v) => formatNumber(v), hint: 'Times the posts were shown' },
    { label: 'Views', m: o.views, fmt: (v) => formatNumber(v), hint: 'Video views' },
  ];
  return (
    <div className="grid grid-kpi" role="list" aria-label="Key numbers">
      {cards.map((c) => (
        <div role="listitem" key={c.label}>
          <KpiCard
            label={c.label}
            value={c.fmt(c.m.value)}
            previous={c.fmt(c.m.previous)}
            deltaRatio={deltaRatio(c.m)}
            hint={c.hint}
            note={c.note}
            noComparison={gap ? (upgrade ? <>{gap} <Link to="/settings#plan">Upgrade</Link></> : gap) : c.m.previous == null && c.m.value != null ? 'Not reported for the comparison period' : undefined}
          />
        </div>
      ))}
    </div>
  );
}
