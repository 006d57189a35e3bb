import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from '../../lib/clipboard';
import { callsOf, mockClient, renderRoutes } from '../../test/render';
import { ReferralsPage } from './ReferralsPage';

const summary = {
  code: 'JANE123-REF',
  shareUrl: 'https://soash.example.com/register?ref=JANE123-REF',
  commissionRate: 0.2,
  holdDays: 30,
  pendingCount: 2,
  convertedCount: 1,
  paidCount: 1,
  earnedCents: 1160,
  paidCents: 580,
};
const signup = (id: string, status: string) => ({
  id,
  signupDate: '2026-02-01T10:00:00Z',
  conversionStatus: status,
  convertedTier: status === 'PENDING' ? null : 'PRO',
  commissionCents: status === 'PENDING' ? 0 : 580,
  refereeName: 'Sam P.',
  refereeEmailMasked: 's***@e***.com',
  code: 'JANE123-REF',
});

function setup() {
  return mockClient((name, v) => {
    if (name === 'MyReferral') return { data: { myReferral: summary } };
    if (name === 'ReferralsSignups')
      return {
        data: {
          myReferralSignups: {
            totalCount: 3,
            edges: (v.after ? [signup('s3', 'PAID')] : [signup('s1', 'PENDING'), signup('s2', 'CONVERTED')]).map((node) => ({ node })),
            pageInfo: { hasNextPage: !v.after, endCursor: v.after ? null : 'c2' },
          },
        },
      };
    if (name === 'RotateReferralCode') return { data: { rotateReferralCode: { code: 'JANE999-REF', shareUrl: 'x' } } };
    return undefined;
  });
}

afterEach(() => vi.restoreAllMocks());

describe('ReferralsPage', () => {
  it('shows the code, the counts in money and people, and the signups with paging', () => {
    const client = setup();
    renderRoutes([{ path: '/', element: <ReferralsPage /> }], { client });
    expect(within(screen.getByRole('region', { name: /Your code/ })).getByText('JANE123-REF')).toBeDefined();
    expect((screen.getByLabelText('Your invitation link') as HTMLInputElement).value).toBe(summary.shareUrl);
    const kpis = screen.getByRole('list', { name: 'Referral results' }).textContent!;
    expect(kpis).toContain('Signed up4');
    expect(kpis).toContain('Upgraded2');
    expect(kpis).toContain('Earned$11.60');
    expect(kpis).toContain('Paid out$5.80');
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.getByText('Upgraded · Pro')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Next →' }));
    expect(callsOf(client, 'ReferralsSignups').at(-1)).toEqual({ first: 20, after: 'c2' });
    expect(screen.getByText('Paid out · Pro')).toBeDefined();
  });

  it('copies the link with the clipboard API', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderRoutes([{ path: '/', element: <ReferralsPage /> }], { client: setup() });
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    await screen.findByText('Link copied to the clipboard.');
    expect(writeText).toHaveBeenCalledWith(summary.shareUrl);
    expect(screen.getByRole('button', { name: 'Copied' })).toBeDefined();
  });

  it('falls back to the copy command, and to selecting the link when that fails too', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn().mockRejectedValue(new Error('not focused')) }, configurable: true });
    const exec = vi.fn().mockReturnValue(true);
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
    expect(await copyText('hello')).toBe(true);
    expect(exec).toHaveBeenCalledWith('copy');

    exec.mockReturnValue(false);
    renderRoutes([{ path: '/', element: <ReferralsPage /> }], { client: setup() });
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    await screen.findByText(/Your browser blocked copying/);
  });

  it('rotates the code after confirmation', async () => {
    const client = setup();
    renderRoutes([{ path: '/', element: <ReferralsPage /> }], { client });
    fireEvent.click(screen.getByRole('button', { name: 'Get a new code' }));
    fireEvent.click(screen.getAllByRole('button', { name: 'Get a new code' }).at(-1)!);
    await waitFor(() => expect(callsOf(client, 'RotateReferralCode')).toHaveLength(1));
  });
});
