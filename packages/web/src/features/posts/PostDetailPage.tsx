import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { PageHeader } from '../../layout/AppShell';
import { errorCode } from '../../lib/errors';
import { formatDate, formatNumber, formatPercent, formatRelative } from '../../lib/format';
import { accountLabel, contentTypeLabel } from '../../lib/labels';
import { useTitle } from '../../lib/useTitle';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { KpiCard } from '../../ui/KpiCard';
import { EmptyState, ErrorState, LoadingBlock, Skeleton } from '../../ui/States';
import { useTimeZone } from '../auth/viewer';
import { CategoryPicker } from '../categories/CategoryPicker';
import { Button } from '../../ui/Button';
import { PostDecayChart } from './PostDecayChart';
import { PostMetricsChart } from './PostMetricsChart';
import { CategoryChips, excerpt } from './PostsTable';
import { rateBasis } from '../overview/rate';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions } from '../workspaces/workspace';

export const PostDetailQuery = graphql(`
  query PostDetail($id: ID!) {
    activity(id: $id) {
      id
      content
      type
      publishedAt
      permalink
      hashtags
      isPublished
      isScheduled
      scheduledFor
      metricsUpdatedAt
      engagementRate
      rateLabel
      engagement {
        likes
        comments
        shares
        saves
        reach
        impressions
        views
        total
      }
      platform {
        id
        type
        username
        displayName
        createdAt
      }
      categories {
        id
        name
        colorCode
      }
      metrics {
        id
        ...PostMetric_ActivityMetric
      }
    }
  }
`);

function BackLink() {
  return (
    <Link to="/posts" className="small">
      ← All posts
    </Link>
  );
}

export function PostDetailPage() {
  const { id = '' } = useParams();
  const timeZone = useTimeZone();
  const [{ data, error }, refetch] = useQuery({ query: PostDetailQuery, variables: { id } });
  const post = data?.activity;
  const [tagging, setTagging] = useState(false);
  const mayTag = usePermissions().can('tagPosts');
  useTitle(post ? excerpt(post.content, 40) : 'Post');

  if (!post) {
    if (error) {
      const missing = ['NOT_FOUND', 'BAD_USER_INPUT'].includes(errorCode(error) ?? '');
      return (
        <div className="stack">
          <BackLink />
          <Card>
            {missing ? (
              <EmptyState title="This post is not here" action={<Link to="/posts" className="btn btn-secondary">Back to posts</Link>}>
                It may have been removed, or it belongs to an account you disconnected.
              </EmptyState>
            ) : (
              <ErrorState title="The post could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
            )}
          </Card>
        </div>
      );
    }
    return (
      <div className="stack" role="status" aria-busy="true">
        <span className="sr-only">Loading the post…</span>
        <Skeleton height={28} width="50%" />
        <div className="grid grid-kpi">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={84} />
          ))}
        </div>
        <LoadingBlock lines={6} height={24} label="Loading history" />
      </div>
    );
  }

  const e = post.engagement;
  return (
    <>
      <BackLink />
      <PageHeader
        title={excerpt(post.content, 60)}
        description={
          <span className="row" style={{ gap: 8 }}>
            <Badge tone="primary">{contentTypeLabel(post.type)}</Badge>
            <span>{accountLabel(post.platform)}</span>
            <span>·</span>
            <span>{post.publishedAt ? `Published ${formatDate(post.publishedAt, timeZone, true)}` : post.isScheduled ? `Scheduled for ${formatDate(post.scheduledFor, timeZone, true)}` : 'Not published'}</span>
          </span>
        }
        actions={
          post.permalink ? (
            <a className="btn btn-secondary" href={post.permalink} target="_blank" rel="noreferrer noopener">
              Open on {accountLabel(post.platform).split(' · ')[0]} ↗
            </a>
          ) : undefined
        }
      />
      <div className="stack">
        <div className="grid grid-kpi">
          <KpiCard label="Engagement" value={formatNumber(e.total)} hint="Likes + comments + shares + saves" />
          <KpiCard label="Engagement rate" value={formatPercent(post.engagementRate)} hint={`Engagement ÷ ${rateBasis(post.rateLabel).replace(/^by /, '')} (${post.rateLabel})`} />
          <KpiCard label="Reach" value={formatNumber(e.reach)} />
          <KpiCard label="Likes" value={formatNumber(e.likes)} />
          <KpiCard label="Comments" value={formatNumber(e.comments)} />
          <KpiCard label="Shares" value={formatNumber(e.shares)} />
          <KpiCard label="Saves" value={formatNumber(e.saves)} />
          {e.views != null && <KpiCard label="Views" value={formatNumber(e.views)} />}
        </div>
        <Card title="History" labelledBy="post-history" actions={post.metricsUpdatedAt ? <span className="small muted">Updated {formatRelative(post.metricsUpdatedAt)}</span> : undefined}>
          <div className="stack">
            <PostMetricsChart metrics={post.metrics} publishedAt={post.publishedAt} rateLabel={post.rateLabel} />
            {post.publishedAt && (
              <PostDecayChart
                activityId={post.id}
                publishedAt={post.publishedAt}
                connectedAt={post.platform.createdAt}
                accountName={accountLabel(post.platform)}
                totals={e}
                timeZone={timeZone}
              />
            )}
          </div>
        </Card>
        <div className="grid grid-2">
          <Card title="Caption" labelledBy="post-caption">
            <p className="caption">{post.content || <span className="muted">This post has no caption.</span>}</p>
            {post.hashtags.length > 0 && (
              <p className="row" style={{ gap: 6 }}>
                {post.hashtags.map((h) => (
                  <Link key={h} to={`/posts?hashtag=${encodeURIComponent(h.replace(/^#/, ''))}`} className="chip">
                    #{h.replace(/^#/, '')}
                  </Link>
                ))}
              </p>
            )}
          </Card>
          <Card
            title="Categories"
            labelledBy="post-categories"
            actions={
              <Button size="sm" variant="secondary" onClick={() => setTagging(true)} disabled={!mayTag.allowed} aria-describedby={mayTag.allowed ? undefined : 'tag-role'}>
                Edit categories
              </Button>
            }
          >
            <CategoryChips categories={post.categories} />
            <RoleNote permission={mayTag} id="tag-role" />
            {tagging && (
              <CategoryPicker open activityId={post.id} postLabel={excerpt(post.content, 80)} selected={post.categories.map((c) => c.id)} onClose={() => setTagging(false)} />
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
