import { Link } from 'react-router';
import type { Granularity } from '../../gql/graphql';
import { formatDate, formatNumber, formatPercent, plural } from '../../lib/format';
import { accountLabel, contentTypeLabel } from '../../lib/labels';
import { BarChartView } from '../../ui/charts/BarChartCard';
import { gapCount, TimeSeriesChart, type SeriesPoint } from '../../ui/charts/TimeSeriesChart';
import { TableWrap } from '../../ui/TableWrap';
import { EmptyState } from '../../ui/States';
import { excerpt } from '../posts/PostsTable';
import { rateBasis } from './rate';

/**
 * The dashboard's sections as views of data they are given: the overview page and the report page
 * render the same numbers with the same components, each fetching them its own way.
 */

export const GRANULARITY_WORD: Record<Granularity, string> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

type Point = { bucket: string; value?: number | null };

/** Merges several series (same buckets) into chart rows. */
export function mergeSeries(series: Record<string, readonly Point[]>): SeriesPoint[] {
  const rows = new Map<string, SeriesPoint>();
  for (const [key, points] of Object.entries(series)) {
    for (const p of points) {
      const row = rows.get(p.bucket) ?? { bucket: p.bucket };
      row[key] = p.value ?? null;
      rows.set(p.bucket, row);
    }
  }
  return [...rows.values()];
}

export function FollowersChartView({ points, granularity }: { points: readonly Point[]; granularity: Granularity }) {
  const followers = mergeSeries({ followers: points });
  const hasFollowers = followers.some((p) => typeof p.followers === 'number');
  return hasFollowers ? (
    <TimeSeriesChart
      label={`Followers per ${GRANULARITY_WORD[granularity]}`}
      data={followers}
      series={[{ key: 'followers', label: 'Followers' }]}
      kind="area"
      zeroBased={false}
      valueFormat={(v) => formatNumber(v, { digits: 2 })}
    />
  ) : (
    <EmptyState title="No follower counts in this range">They appear after the first daily sync of a connected account.</EmptyState>
  );
}

/** Whether any bucket has engagement (else the engagement charts show an empty state). */
export function hasEngagement(points: readonly Point[]): boolean {
  return points.some((p) => typeof p.value === 'number' && p.value > 0);
}

export function EngagementPublishedChart({ points, granularity }: { points: readonly Point[]; granularity: Granularity }) {
  const per = GRANULARITY_WORD[granularity];
  return (
    <>
      <TimeSeriesChart
        label={`Engagements on posts published each ${per}`}
        data={mergeSeries({ engagements: points })}
        series={[{ key: 'engagements', label: 'Engagements' }]}
        kind="bar"
        height={180}
      />
      <p className="small muted chart-note">Each post’s engagement counts on the {per} it was published, including what it received later.</p>
    </>
  );
}

export function EngagementRateChart({ points, rateLabel, granularity, scope = 'all accounts' }: { points: readonly Point[]; rateLabel: string; granularity: Granularity; scope?: string }) {
  const per = GRANULARITY_WORD[granularity];
  const rate = mergeSeries({ engagementRate: points });
  const rateGaps = gapCount(rate, 'engagementRate');
  return (
    <>
      <TimeSeriesChart
        label={`Engagement rate per ${per}`}
        data={rate}
        series={[{ key: 'engagementRate', label: 'Engagement rate', color: '#12925b' }]}
        height={140}
        valueFormat={(v) => formatPercent(v, 1)}
        gapLabel="No posts"
      />
      <p className="small muted">
        Engagement rate {rateBasis(rateLabel)}, {scope}.
      </p>
      {rateGaps > 0 && (
        <p className="small muted chart-note" data-testid="rate-gaps">
          {rateGaps === rate.length
            ? `No posts were published in this range, so there is no rate to show.`
            : `${plural(rateGaps, per)} without posts ${rateGaps === 1 ? 'has' : 'have'} no rate: the line skips ${rateGaps === 1 ? 'it' : 'them'}.`}
        </p>
      )}
    </>
  );
}

export interface AccountRow {
  platformId: string;
  platformType: string;
  displayName?: string | null;
  followers?: number | null;
  followerGrowth?: number | null;
  posts: number;
  engagements: number;
  engagementRate?: number | null;
  rateLabel: string;
  shareOfEngagements?: number | null;
  platform?: { username?: string | null } | null;
}

/** The numbers per account: a bar chart of engagements (with two accounts or more) and the table. */
export function AccountsTableView({ rows, empty }: { rows: readonly AccountRow[]; empty?: React.ReactNode }) {
  if (rows.length === 0) return <>{empty ?? <EmptyState title="No accounts" />}</>;
  const label = (r: AccountRow) => accountLabel({ type: r.platformType, username: r.platform?.username, displayName: r.displayName });
  return (
    <div className="stack">
      {rows.length > 1 && (
        <BarChartView
          label="Engagements by account"
          valueLabel="Engagements"
          height={160}
          maxTickChars={rows.length > 3 ? 12 : 24}
          data={rows.map((r) => ({ label: label(r), value: r.engagements }))}
        />
      )}
      <TableWrap label="Numbers by account">
        <table className="table">
          <caption className="sr-only">Numbers by account</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="num">
                Followers
              </th>
              <th scope="col" className="num">
                Growth
              </th>
              <th scope="col" className="num">
                Posts
              </th>
              <th scope="col" className="num">
                Engagements
              </th>
              <th scope="col" className="num">
                Eng. rate
              </th>
              <th scope="col" className="num">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.platformId}>
                <th scope="row" style={{ fontWeight: 600, color: 'var(--c-text)' }}>
                  {label(r)}
                </th>
                <td className="num">{formatNumber(r.followers)}</td>
                <td className="num">{r.followerGrowth == null ? '–' : `${r.followerGrowth > 0 ? '+' : ''}${formatNumber(r.followerGrowth)}`}</td>
                <td className="num">{formatNumber(r.posts)}</td>
                <td className="num">{formatNumber(r.engagements)}</td>
                <td className="num">
                  {formatPercent(r.engagementRate)}
                  <div className="small muted">{rateBasis(r.rateLabel)}</div>
                </td>
                <td className="num">{formatPercent(r.shareOfEngagements, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}

export interface TopPostRow {
  rank: number;
  value: number;
  engagementRate?: number | null;
  rateLabel: string;
  activity: {
    id: string;
    content?: string | null;
    type: string;
    publishedAt?: string | null;
    platform?: { type: string; username?: string | null; displayName?: string | null } | null;
  };
}

/** The best posts, ranked; `linked`: each opens the post's page (not in a printed report). */
export function TopPostsList({ rows, timeZone, linked = true }: { rows: readonly TopPostRow[]; timeZone: string; linked?: boolean }) {
  if (rows.length === 0) return <EmptyState title="No posts in this range">Posts published in the range show up here, best first.</EmptyState>;
  return (
    <ol className="top-posts">
      {rows.map((r) => (
        <li key={r.activity.id}>
          <span className="top-rank" aria-hidden="true">
            {r.rank}
          </span>
          <div style={{ minWidth: 0 }}>
            {linked ? (
              <Link to={`/posts/${r.activity.id}`} className="post-link">
                {excerpt(r.activity.content, 70)}
              </Link>
            ) : (
              <span className="post-link">{excerpt(r.activity.content, 70)}</span>
            )}
            <div className="small muted">
              {contentTypeLabel(r.activity.type)} · {r.activity.platform ? `${accountLabel(r.activity.platform)} · ` : ''}
              {formatDate(r.activity.publishedAt, timeZone)}
            </div>
          </div>
          <div className="num" style={{ textAlign: 'right' }}>
            <strong>{formatNumber(r.value)}</strong>
            <div className="small muted" title={r.rateLabel}>
              {formatPercent(r.engagementRate)} {rateBasis(r.rateLabel)}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}

/**
 * What a content type's median rests on: the posts with a rate (`postsWithRate`, from the API), and
 * how many posts of the type have none (their platform did not report the denominator).
 */
export function medianNote(t: { posts: number; postsWithRate: number }): string {
  if (t.postsWithRate === 0) return `no rate on ${plural(t.posts, 'post')}`;
  const without = t.posts - t.postsWithRate;
  return `median of ${plural(t.postsWithRate, 'post')}${without > 0 ? ` (${without} without a rate)` : ''}`;
}

export interface ContentTypeRow {
  contentType: string;
  posts: number;
  postsWithRate: number;
  medianEngagementRate?: number | null;
}

export function ContentTypesView({ types, rateLabel }: { types: readonly ContentTypeRow[]; rateLabel: string }) {
  const shown = types.filter((t) => t.posts > 0);
  if (shown.length === 0) return <EmptyState title="No posts in this range">Content types are compared once there are posts.</EmptyState>;
  return (
    <>
      <BarChartView
        label="Median engagement rate by content type"
        valueLabel="Median engagement rate"
        height={170}
        valueFormat={(v) => formatPercent(v, 1)}
        data={shown.map((t) => ({ label: contentTypeLabel(t.contentType), value: t.medianEngagementRate ?? null, note: medianNote(t) }))}
      />
      <p className="small muted">Median engagement rate {rateBasis(rateLabel)}.</p>
    </>
  );
}

export interface HashtagRow {
  hashtag: string;
  posts: number;
  medianEngagementRate: number;
  lift?: number | null;
}

/** The posts explorer with a hashtag and the overview's date range (so the drill-down keeps its context). */
export function hashtagPostsLink(hashtag: string, range: { from: string; to: string }): string {
  return `/posts?${new URLSearchParams({ hashtag, from: range.from, to: range.to }).toString()}`;
}

/** Hashtags by lift; with `range`, each links to its posts in that range. */
export function HashtagsTable({ tags, rateLabel, range }: { tags: readonly HashtagRow[]; rateLabel: string; range?: { from: string; to: string } }) {
  return (
    <TableWrap label="Hashtags by lift">
      <table className="table">
        <caption className="sr-only">Hashtags by lift</caption>
        <thead>
          <tr>
            <th scope="col">Hashtag</th>
            <th scope="col" className="num">
              Posts
            </th>
            <th scope="col" className="num" title={rateLabel}>
              Median rate
            </th>
            <th scope="col" className="num" title="Compared with the typical post of the same account">
              Lift
            </th>
          </tr>
        </thead>
        <tbody>
          {tags.map((t) => (
            <tr key={t.hashtag}>
              <th scope="row">{range ? <Link to={hashtagPostsLink(t.hashtag, range)}>#{t.hashtag}</Link> : `#${t.hashtag}`}</th>
              <td className="num">{t.posts}</td>
              <td className="num">{formatPercent(t.medianEngagementRate)}</td>
              <td className="num">{t.lift == null ? '–' : `${t.lift.toFixed(2)}×`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
