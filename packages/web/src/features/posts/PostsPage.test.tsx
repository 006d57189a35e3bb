import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '../../gql';
import { callsOf, mockClient, renderRoutes } from '../../test/render';
import { PostsPage } from './PostsPage';
import { PostRowFragment } from './PostsTable';

function post(i: number) {
  return makeFragmentData(
    {
      id: `a${i}`,
      content: `Fresh loaf number ${i} #bread`,
      type: 'IMAGE',
      publishedAt: `2026-02-${String(i).padStart(2, '0')}T10:00:00.000Z`,
      hashtags: ['bread'],
      engagementRate: 0.0123 * i,
      // Post 2 is a TikTok video: its rate is by views (no reach), as the API names it.
      rateLabel: i === 2 ? 'engagement rate by views' : 'engagement rate by reach',
      engagement: { likes: 10 * i, comments: i, shares: 0, saves: i, reach: i === 2 ? null : 1000, total: 12 * i },
      platform: i === 2 ? { id: 'p2', type: 'TIKTOK', username: 'bakery.tt', displayName: 'Bakery' } : { id: 'p1', type: 'INSTAGRAM', username: 'bakery', displayName: 'Bakery' },
      categories: i === 1 ? [{ id: 'c1', name: 'Behind the scenes', colorCode: '#12925b' }] : [],
    },
    PostRowFragment,
  );
}

function page(ids: number[], hasNextPage: boolean, endCursor: string | null, totalCount = 25) {
  return {
    data: {
      activities: {
        __typename: 'ActivityConnection',
        totalCount,
        edges: ids.map((i) => ({ __typename: 'ActivityEdge', cursor: `c${i}`, node: { id: `a${i}`, ...post(i) } })),
        pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
      },
    },
  };
}

const options = {
  data: {
    platforms: [{ __typename: 'Platform', id: 'p1', type: 'INSTAGRAM', username: 'bakery', displayName: 'Bakery' }],
    categories: [{ __typename: 'ContentCategory', id: 'c1', name: 'Behind the scenes', colorCode: '#12925b' }],
  },
};

function setup(path = '/posts') {
  const client = mockClient((name, v) => {
    if (name === 'PostFilterOptions') return options;
    if (name === 'Posts') return v.after === 'end-1' ? page([21, 22], false, 'end-2') : page([1, 2, 3], true, 'end-1');
    return undefined;
  });
  const r = renderRoutes([{ path: '/posts', element: <PostsPage /> }, { path: '/posts/:id', element: <p>detail</p> }], { client, path });
  return { client, ...r };
}

describe('PostsPage', () => {
  it('shows the posts of the first page with their numbers', () => {
    setup();
    const rows = screen.getAllByRole('row');
    expect(rows).toHaveLength(4); // header + 3
    expect(within(rows[1]!).getByRole('link', { name: /Fresh loaf number 1/ })).toBeDefined();
    expect(within(rows[1]!).getByText('Behind the scenes')).toBeDefined();
    expect(screen.getByRole('status').textContent).toBe('Showing 1–3 of 25 posts');
  });

  it("shows each post's rate with its own denominator: TikTok by views, not a dash", () => {
    setup();
    const rows = screen.getAllByRole('row');
    expect(within(rows[1]!).getByTitle('engagement rate by reach').textContent).toBe('1.23% by reach');
    expect(within(rows[2]!).getByTitle('engagement rate by views').textContent).toBe('2.46% by views');
  });

  it('filters by local hour and weekday (the link of a posting-time insight) and shows the controls set from the address', async () => {
    const { client, router } = setup('/posts?hour=18&weekday=2&from=2026-01-02&to=2026-06-29');
    expect((screen.getByLabelText('Hour') as HTMLSelectElement).value).toBe('18');
    expect((screen.getByLabelText('Weekday') as HTMLSelectElement).value).toBe('2');
    expect(screen.getByRole('option', { name: '18:00–19:00' })).toBeDefined();
    expect(callsOf(client, 'Posts').at(-1)!.filter).toMatchObject({ hours: [18], weekdays: [2] });
    fireEvent.change(screen.getByLabelText('Hour'), { target: { value: '9' } });
    await waitFor(() => expect(router.state.location.search).toContain('hour=9'));
    expect(callsOf(client, 'Posts').at(-1)!.filter).toMatchObject({ hours: [9], weekdays: [2] });
    fireEvent.change(screen.getByLabelText('Weekday'), { target: { value: '' } });
    await waitFor(() => expect(router.state.location.search).not.toContain('weekday'));
    expect((callsOf(client, 'Posts').at(-1)!.filter as { weekdays?: number[] }).weekdays).toBeUndefined();
  });

  it('turns filter changes into query variables and keeps them in the address', async () => {
    const { client, router } = setup();
    fireEvent.change(screen.getByLabelText('Account'), { target: { value: 'p1' } });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'REEL' } });
    fireEvent.change(screen.getByLabelText('Published from'), { target: { value: '2026-02-01' } });
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'c1' } });
    const search = screen.getByLabelText('Search captions');
    fireEvent.change(search, { target: { value: 'loaf' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(router.state.location.search).toContain('q=loaf'));
    const last = callsOf(client, 'Posts').at(-1)!;
    expect(last).toEqual({
      filter: { platformIds: ['p1'], types: ['REEL'], from: '2026-02-01T00:00:00.000Z', categoryId: 'c1', search: 'loaf' },
      sort: { field: 'PUBLISHED_AT', direction: 'DESC' },
      first: 20,
      after: null,
    });
    expect(router.state.location.search).toBe('?platform=p1&type=REEL&from=2026-02-01&category=c1&q=loaf');
  });

  it('builds a second change on the first even before the address shows it (two date fields in a row, or right after clearing)', async () => {
    const { client, router } = setup('/posts?category=c1');
    // Both changes arrive before the router re-renders the page (as when a browser is busy).
    act(() => {
      fireEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
      fireEvent.change(screen.getByLabelText('Published from'), { target: { value: '2026-02-01' } });
      fireEvent.change(screen.getByLabelText('Published to'), { target: { value: '2026-02-10' } });
    });
    await waitFor(() => expect(router.state.location.search).toBe('?from=2026-02-01&to=2026-02-10'));
    expect(callsOf(client, 'Posts').at(-1)).toMatchObject({ filter: { from: '2026-02-01T00:00:00.000Z', to: '2026-02-10T23:59:59.999Z' } });
    expect((screen.getByLabelText('Published from') as HTMLInputElement).value).toBe('2026-02-01');
    expect((screen.getByLabelText('Category') as HTMLSelectElement).value).toBe('');
  });

  it('applies a typed hashtag after a pause', async () => {
    const { client } = setup();
    fireEvent.change(screen.getByLabelText('Hashtag'), { target: { value: '#Bread' } });
    await waitFor(() => expect(callsOf(client, 'Posts').at(-1)!.filter).toEqual({ hashtag: 'Bread' }), { timeout: 2000 });
  });

  it('sorts by a column and pages with cursors, starting over when the sort changes', async () => {
    const { client } = setup();
    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect(callsOf(client, 'Posts').at(-1)).toMatchObject({ after: 'end-1' });
    expect(await screen.findByText('Showing 21–22 of 25 posts')).toBeDefined();
    expect((screen.getByRole('button', { name: /Next/ }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: /Previous/ }));
    expect(callsOf(client, 'Posts').at(-1)).toMatchObject({ after: null });

    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Engagement$/ }));
    });
    expect(callsOf(client, 'Posts').at(-1)).toMatchObject({ sort: { field: 'ENGAGEMENT', direction: 'DESC' }, after: null });
    expect(screen.getByRole('columnheader', { name: /Engagement$/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('reads filters from the address and offers to clear them when nothing matches', () => {
    const client = mockClient((name) => (name === 'Posts' ? page([], false, null, 0) : options));
    renderRoutes([{ path: '/posts', element: <PostsPage /> }], { client, path: '/posts?hashtag=nothing&sort=ENGAGEMENT_RATE&dir=ASC' });
    expect(callsOf(client, 'Posts')[0]).toMatchObject({ filter: { hashtag: 'nothing' }, sort: { field: 'ENGAGEMENT_RATE', direction: 'ASC' } });
    expect(screen.getByRole('heading', { name: 'No posts match these filters' })).toBeDefined();
    fireEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    expect(callsOf(client, 'Posts').at(-1)).toMatchObject({ filter: {}, sort: { field: 'ENGAGEMENT_RATE', direction: 'ASC' } });
  });

  it('says what to do when there are no posts at all, and offers a retry on errors', () => {
    const empty = mockClient((name) => (name === 'Posts' ? page([], false, null, 0) : options));
    const first = renderRoutes([{ path: '/posts', element: <PostsPage /> }], { client: empty, path: '/posts' });
    expect(screen.getByRole('heading', { name: 'No posts yet' })).toBeDefined();
    first.unmount();

    const failing = mockClient((name) => (name === 'Posts' ? { error: new CombinedError({ graphQLErrors: [new GraphQLError('Database unavailable')] }) } : options));
    renderRoutes([{ path: '/posts', element: <PostsPage /> }], { client: failing, path: '/posts' });
    expect(screen.getByRole('alert').textContent).toContain('Database unavailable');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(callsOf(failing, 'Posts').length).toBeGreaterThan(1);
  });

  it('keeps the page in the address, so Back and reload return to it', async () => {
    const { client, router, unmount } = setup('/posts?sort=ENGAGEMENT');
    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=ENGAGEMENT&after=end-1'));
    expect(await screen.findByText('Page 2')).toBeDefined();
    await act(async () => {
      await router.navigate(-1);
    });
    expect(router.state.location.search).toBe('?sort=ENGAGEMENT');
    expect(callsOf(client, 'Posts').at(-1)).toMatchObject({ after: null });
    unmount();

    // A reload (or a shared link) of page 2 asks for page 2.
    const reloaded = setup('/posts?sort=ENGAGEMENT&after=end-1');
    expect(callsOf(reloaded.client, 'Posts')[0]).toMatchObject({ after: 'end-1', sort: { field: 'ENGAGEMENT' } });
    expect(screen.getByText('Showing 21–22 of 25 posts')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: /Previous/ }));
    await waitFor(() => expect(reloaded.router.state.location.search).toBe('?sort=ENGAGEMENT'));
  });

  it('offers only the post types the platforms produce, shows the saves Engagement adds, and has a card list for phones', () => {
    setup();
    const types = [...(screen.getByLabelText('Type') as HTMLSelectElement).options].map((o) => o.value);
    expect(types).not.toContain('COMMENT');
    expect(types).toContain('REEL');
    expect(screen.getByRole('columnheader', { name: 'Saves' })).toBeDefined();
    const cards = within(screen.getByRole('list', { name: 'Posts' })).getAllByRole('listitem');
    expect(cards).toHaveLength(3);
    expect(cards[0]!.textContent).toMatch(/Fresh loaf number 1.*Engagement12.*Eng\. rate1\.23%/);
    expect(within(cards[0]!).getByRole('button', { name: /Edit categories of/ })).toBeDefined();
  });
});
