import type { SoashClient } from './client.js';
import { graphql } from './gql/index.js';
import type { PostsPageQuery } from './gql/graphql.js';

/** Everything this app reads: an API key with `analytics:read` and `posts:read` is enough. */
export const OverviewDocument = graphql(`
  query PartnerOverview($from: String!, $to: String!) {
    overview(input: { range: { from: $from, to: $to } }) {
      range {
        from
        to
      }
      posts {
        value
        previous
      }
      engagements {
        value
        previous
      }
      engagementRate {
        value
      }
      followers {
        value
      }
    }
  }
`);

export const PostsPageDocument = graphql(`
  query PostsPage($first: Int!, $after: String) {
    activities(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          publishedAt
          engagementRate
          rateLabel
          engagement {
            total
          }
          platform {
            type
          }
        }
      }
    }
  }
`);

export const RateLimitDocument = graphql(`
  query PartnerRateLimit {
    rateLimit {
      max
      remaining
      restoreRate
      resetAt
      cost
    }
  }
`);

export type Post = PostsPageQuery['activities']['edges'][number]['node'];

/** The last `days` days up to today (UTC), as the overview's YYYY-MM-DD range. */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

export async function readOverview(client: SoashClient, days = 30) {
  const { data } = await client.request(OverviewDocument, lastDays(days));
  return data.overview;
}

/**
 * Every post, page after page: `first` per page, each next page `after` the previous page's
 * `endCursor` (keyset cursors: nothing repeats or is skipped while data changes). Stops after
 * `maxPages` pages, so a huge account cannot run away with the budget.
 */
export async function* allPosts(client: SoashClient, opts: { pageSize?: number; maxPages?: number } = {}): AsyncGenerator<Post[]> {
  let after: string | null = null;
  for (let page = 0; page < (opts.maxPages ?? Infinity); page++) {
    const { data }: { data: PostsPageQuery } = await client.request(PostsPageDocument, { first: opts.pageSize ?? 50, after });
    yield data.activities.edges.map((e) => e.node);
    if (!data.activities.pageInfo.hasNextPage || !data.activities.pageInfo.endCursor) return;
    after = data.activities.pageInfo.endCursor;
  }
}

export async function readRateLimit(client: SoashClient) {
  const { data } = await client.request(RateLimitDocument);
  return data.rateLimit;
}
