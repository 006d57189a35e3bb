import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { graphql, type FragmentType, getFragmentData } from '../../gql';
import type { ActivitySortField, PostRow_ActivityFragment, SortDirection } from '../../gql/graphql';
import { formatDate, formatNumber, formatPercent } from '../../lib/format';
import { accountLabel, contentTypeLabel } from '../../lib/labels';
import { Badge } from '../../ui/Badge';
import { DataTable, type Column } from '../../ui/DataTable';
import { CategoryPicker } from '../categories/CategoryPicker';
import { rateBasis } from '../overview/rate';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions } from '../workspaces/workspace';

export const PostRowFragment = graphql(`
  fragment PostRow_Activity on Activity {
    id
    content
    type
    publishedAt
    hashtags
    engagementRate
    rateLabel
    engagement {
      likes
      comments
      shares
      saves
      reach
      total
    }
    platform {
      id
      type
      username
      displayName
    }
    categories {
      id
      name
      colorCode
    }
  }
`);

type PostRow = PostRow_ActivityFragment;

/** A post's rate with what it is divided by ("4.2 % by views"), as the API names it. */
export function PostRate({ rate, label }: { rate: number | null | undefined; label: string }) {
  return (
    <span title={label}>
      {formatPercent(rate)} <span className="small muted">{rateBasis(label)}</span>
    </span>
  );
}

export function excerpt(text: string | null | undefined, max = 90): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!t) return '(no caption)';
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function CategoryChips({ categories }: { categories: readonly { id: string; name: string; colorCode: string }[] }) {
  if (!categories.length) return <span className="muted">–</span>;
  return (
    <span className="row" style={{ gap: 4 }}>
      {categories.map((c) => (
        <span key={c.id} className="chip">
          <span className="chip-dot" style={{ background: c.colorCode }} aria-hidden="true" />
          {c.name}
        </span>
      ))}
    </span>
  );
}

/** The explorer's table: one row per post, sortable by the columns the API sorts by. */
export function PostsTable({
  rows: masked,
  sort,
  onSort,
  timeZone,
}: {
  rows: FragmentType<typeof PostRowFragment>[];
  sort: { field: ActivitySortField; direction: SortDirection };
  onSort: (field: ActivitySortField, direction: SortDirection) => void;
  timeZone: string;
}) {
  const rows = getFragmentData(PostRowFragment, masked);
  const navigate = useNavigate();
  const [tagging, setTagging] = useState<PostRow | null>(null);
  const mayTag = usePermissions().can('tagPosts');
  const columns: Column<PostRow>[] = [
    {
      key: 'post',
      header: 'Post',
      render: (r) => (
        <div className="post-cell">
          <Link to={`/posts/${r.id}`} className="post-link" onClick={(e) => e.stopPropagation()}>
            {excerpt(r.content)}
          </Link>
          <span className="row small muted" style={{ gap: 6 }}>
            <Badge>{contentTypeLabel(r.type)}</Badge>
            {accountLabel(r.platform)}
          </span>
        </div>
      ),
    },
    { key: 'published', header: 'Published', sortField: 'PUBLISHED_AT', render: (r) => <span className="nowrap">{formatDate(r.publishedAt, timeZone)}</span> },
    { key: 'likes', header: 'Likes', numeric: true, render: (r) => formatNumber(r.engagement.likes) },
    { key: 'comments', header: 'Comments', numeric: true, render: (r) => formatNumber(r.engagement.comments) },
    { key: 'shares', header: 'Shares', numeric: true, render: (r) => formatNumber(r.engagement.shares) },
    // Engagement adds saves where the platform reports them, so the table shows them too.
    { key: 'saves', header: 'Saves', numeric: true, render: (r) => formatNumber(r.engagement.saves) },
    { key: 'reach', header: 'Reach', numeric: true, render: (r) => formatNumber(r.engagement.reach) },
    {
      key: 'engagement',
      header: <span title="Likes + comments + shares + saves">Engagement</span>,
      numeric: true,
      sortField: 'ENGAGEMENT',
      render: (r) => formatNumber(r.engagement.total),
    },
    {
      key: 'rate',
      header: <span title="Engagement ÷ the platform's own audience measure: reach (Instagram, Facebook, LinkedIn), views (TikTok), impressions (X)">Eng. rate</span>,
      numeric: true,
      sortField: 'ENGAGEMENT_RATE',
      render: (r) => <PostRate rate={r.engagementRate} label={r.rateLabel} />,
    },
    {
      key: 'categories',
      header: 'Categories',
      render: (r) => (
        <span className="row" style={{ gap: 4, flexWrap: 'nowrap' }}>
          <CategoryChips categories={r.categories} />
          {mayTag.allowed && (
            <button
              type="button"
              className="icon-button"
              onClick={(e) => {
                e.stopPropagation();
                setTagging(r);
              }}
              aria-label={`Edit categories of “${excerpt(r.content, 40)}”`}
              title="Edit categories"
            >
              ✎
            </button>
          )}
        </span>
      ),
    },
  ];
  return (
    <>
      {tagging && (
        <CategoryPicker
          key={tagging.id}
          open
          activityId={tagging.id}
          postLabel={excerpt(tagging.content, 80)}
          selected={tagging.categories.map((c) => c.id)}
          onClose={() => setTagging(null)}
        />
      )}
      <RoleNote permission={mayTag} />
      <div className="posts-table">
        <DataTable
          caption="Posts"
          columns={columns}
          rows={[...rows]}
          rowKey={(r) => r.id}
          sort={sort}
          onSort={(field, direction) => onSort(field as ActivitySortField, direction)}
          onRowClick={(r) => navigate(`/posts/${r.id}`)}
        />
      </div>
      <PostCards rows={rows} timeZone={timeZone} onTag={mayTag.allowed ? setTagging : undefined} />
    </>
  );
}

/**
 * The same posts as a card list, shown instead of the table on phones (styles.css): a table there
 * showed only Post and Published. Each card has the numbers that matter and the tagging button.
 */
export function PostCards({ rows, timeZone, onTag }: { rows: readonly PostRow[]; timeZone: string; onTag?: (row: PostRow) => void }) {
  return (
    <ul className="post-cards" aria-label="Posts">
      {rows.map((r) => (
        <li key={r.id} className="post-card">
          <Link to={`/posts/${r.id}`} className="post-link">
            {excerpt(r.content)}
          </Link>
          <span className="row small muted" style={{ gap: 6 }}>
            <Badge>{contentTypeLabel(r.type)}</Badge>
            {accountLabel(r.platform)} · {formatDate(r.publishedAt, timeZone)}
          </span>
          <dl className="post-card-facts">
            <div>
              <dt>Engagement</dt>
              <dd>{formatNumber(r.engagement.total)}</dd>
            </div>
            <div>
              <dt>Eng. rate</dt>
              <dd>
                <PostRate rate={r.engagementRate} label={r.rateLabel} />
              </dd>
            </div>
            <div>
              <dt>Likes</dt>
              <dd>{formatNumber(r.engagement.likes)}</dd>
            </div>
            <div>
              <dt>Comments</dt>
              <dd>{formatNumber(r.engagement.comments)}</dd>
            </div>
          </dl>
          <span className="row" style={{ gap: 6 }}>
            <CategoryChips categories={r.categories} />
            {onTag && (
              <button type="button" className="link-button small" onClick={() => onTag(r)} aria-label={`Edit categories of “${excerpt(r.content, 40)}”`}>
                Edit categories
              </button>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
