import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeSubject } from 'wonka';
import { insightsAnswer, insightsPageClient, recommendationsAnswer } from '../../test/insights';
import { callsOf, opName, renderRoutes } from '../../test/render';
import { InsightsPage, parseShow } from './InsightsPage';

function setup(path = '/insights') {
  const client = insightsPageClient((name) => {
    if (name === 'Insights') return insightsAnswer(['i1', 'i2']);
    if (name === 'InsightsPageDismiss' || name === 'InsightsPageMarkRead') return { data: {} };
    return undefined;
  });
  const view = renderRoutes([{ path: '/insights', element: <InsightsPage /> }], { client, path });
  return { client, ...view };
}

describe('InsightsPage flow', () => {
  it('keeps the tab in the address', async () => {
    const { client, router } = setup('/insights?show=unread');
    expect(callsOf(client, 'Insights')[0]).toMatchObject({ filter: { isRead: false } });
    expect(screen.getByRole('button', { name: 'Unread' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Dismissed' }));
    await waitFor(() => expect(router.state.location.search).toBe('?show=dismissed'));
    expect(callsOf(client, 'Insights').at(-1)).toMatchObject({ filter: { isDismissed: true } });
    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(parseShow('nonsense')).toBe('all');
  });

  it('offers undo for a dismissal before sending it', async () => {
    const { client } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss “Finding i1”' }));
    expect(screen.queryByRole('heading', { name: 'Finding i1' })).toBeNull();
    expect(screen.getByRole('status').textContent).toMatch(/Dismissed: “Finding i1”/);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByRole('heading', { name: 'Finding i1' })).toBeDefined();
    expect(callsOf(client, 'InsightsPageDismiss')).toEqual([]);
    expect(callsOf(client, 'DismissInsight')).toEqual([]);
  });

  it('sends an action when the next one starts (or the page is left), and shows it applied meanwhile', async () => {
    const { client, unmount } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Mark “Finding i1” as read' }));
    // Shown as read at once: no "Mark as read" any more, no New badge on it.
    const card = screen.getByRole('article', { name: 'Finding i1' });
    expect(within(card).queryByRole('button', { name: /as read/ })).toBeNull();
    expect(within(card).queryByText('New')).toBeNull();
    expect(callsOf(client, 'InsightsPageMarkRead')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss “Finding i2”' }));
    await waitFor(() => expect(callsOf(client, 'InsightsPageMarkRead')).toEqual([{ id: 'i1' }]));
    expect(callsOf(client, 'InsightsPageDismiss')).toEqual([]);
    unmount();
    await waitFor(() => expect(callsOf(client, 'InsightsPageDismiss')).toEqual([{ id: 'i2' }]));
  });

  it('keeps a rated recommendation where it was when the list comes back re-ranked', () => {
    const recs = makeSubject<unknown>();
    const client = insightsPageClient((name) => (name === 'Insights' || name === 'Patterns' ? undefined : 'pending'));
    const original = client.executeQuery.getMockImplementation()!;
    client.executeQuery.mockImplementation((req) => (opName(req) === 'Recommendations' ? (recs.source as never) : original(req)));
    renderRoutes([{ path: '/insights', element: <InsightsPage /> }], { client, path: '/insights' });
    const titles = () => screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent).filter((t) => t?.startsWith('Idea'));
    act(() => recs.next({ ...recommendationsAnswer(['r1', 'r2', 'r3']), stale: false, hasNext: true }));
    expect(titles()).toEqual(['Idea r1', 'Idea r2', 'Idea r3']);
    // r3 was rated 5 stars: the server now ranks it first.
    act(() => recs.next({ ...recommendationsAnswer(['r3', 'r1', 'r2']), stale: false, hasNext: true }));
    expect(titles()).toEqual(['Idea r1', 'Idea r2', 'Idea r3']);
  });
});
