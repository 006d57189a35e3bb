import { fireEvent, screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '../../gql';
import { callsOf, mockClient, renderRoutes, testSession } from '../../test/render';
import { BrandForm, BrandFormFragment, splitList } from './BrandForm';
import { DangerZone } from './DangerZone';
import { PasswordForm } from './PasswordForm';
import { chargeText, PlanCard } from './PlanCard';

const fail = (message: string, extensions: Record<string, unknown>) => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] }) });
const profile = makeFragmentData(
  {
    __typename: 'UserProfile',
    id: 'p1',
    brandName: 'Bakery',
    brandDescription: null,
    industry: null,
    targetAudience: null,
    brandValues: ['local'],
    businessGoals: [],
    timezone: 'UTC',
  },
  BrandFormFragment,
);

describe('BrandForm', () => {
  it('sends lists and the time zone, and shows a refused time zone next to its field', async () => {
    const client = mockClient(() =>
      fail('Invalid input', { code: 'BAD_USER_INPUT', fields: [{ field: 'timezone', messages: ['timezone must be an IANA time zone such as "Europe/Berlin" or "UTC"'] }] }),
    );
    renderRoutes([{ path: '/', element: <BrandForm profile={profile} /> }], { client });
    fireEvent.change(screen.getByLabelText('Brand values'), { target: { value: 'local, fresh, Local' } });
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'Europe/Berlin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save brand profile' }));
    await screen.findByText(/must be an IANA time zone/);
    expect(screen.getByLabelText('Time zone').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf(client, 'UpdateProfile')[0]).toMatchObject({ input: { brandName: 'Bakery', brandValues: ['local', 'fresh'], timezone: 'Europe/Berlin', industry: null } });
  });

  it('starts onboarding with the browser’s time zone', () => {
    renderRoutes([{ path: '/', element: <BrandForm profile={profile} detectZone /> }], { client: mockClient(() => undefined) });
    expect((screen.getByLabelText('Time zone') as HTMLSelectElement).value).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('splits comma lists without duplicates', () => {
    expect(splitList(' a, b ,, A,c ')).toEqual(['a', 'b', 'c']);
  });
});

describe('PasswordForm', () => {
  it('shows a wrong current password on that field without signing out', async () => {
    const session = testSession();
    session.signIn({ accessToken: 'at', accessTokenExpiresAt: '2099-01-01T00:00:00Z', refreshToken: 'rt' });
    const client = mockClient(() => fail('currentPassword is incorrect', { code: 'BAD_USER_INPUT', field: 'currentPassword' }));
    renderRoutes([{ path: '/', element: <PasswordForm /> }], { client, session });
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'wrong password' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'another long password' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'another long password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByText('Your current password is not right.');
    expect(screen.getByLabelText('Current password').getAttribute('aria-invalid')).toBe('true');
    expect(session.getState().status).toBe('signed-in');
  });

  it('keeps the new tokens the API answers', async () => {
    const session = testSession();
    session.signIn({ accessToken: 'at', accessTokenExpiresAt: '2099-01-01T00:00:00Z', refreshToken: 'rt' });
    const client = mockClient(() => ({ data: { changePassword: { accessToken: 'at2', accessTokenExpiresAt: '2099-01-01T00:00:00Z', refreshToken: 'rt2' } } }));
    renderRoutes([{ path: '/', element: <PasswordForm /> }], { client, session });
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'correct horse battery' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'another long password' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'another long password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByText(/Password changed/);
    expect(session.currentAccessToken).toBe('at2');
  });
});

describe('DangerZone', () => {
  it('asks for the password, shows a wrong one, and signs out once deleted', async () => {
    const session = testSession();
    session.signIn({ accessToken: 'at', accessTokenExpiresAt: '2099-01-01T00:00:00Z', refreshToken: 'rt' });
    let attempt = 0;
    const client = mockClient((name) => {
      if (name !== 'DeleteAccount') return undefined;
      attempt += 1;
      return attempt === 1 ? fail('password is incorrect', { code: 'BAD_USER_INPUT', field: 'password' }) : { data: { deleteAccount: true } };
    });
    renderRoutes([{ path: '/', element: <DangerZone /> }], { client, session });
    fireEvent.click(screen.getByRole('button', { name: 'Delete account…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete account' }));
    expect(screen.getByText('Enter your password to confirm.')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete account' }));
    await screen.findByText('Your password is not right.');
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete account' }));
    await waitFor(() => expect(session.getState()).toMatchObject({ status: 'signed-out', reason: 'account-deleted' }));
    expect(callsOf(client, 'DeleteAccount').at(-1)).toEqual({ password: 'correct horse battery' });
  });
});

describe('PlanCard', () => {
  const plans = [
    { __typename: 'Plan', tier: 'FREE', maxPlatforms: 2, historyDays: 90, priceCents: 0 },
    { __typename: 'Plan', tier: 'PRO', maxPlatforms: 10, historyDays: 730, priceCents: 2900 },
  ];
  const answer = (charges: boolean) => (name: string, variables: Record<string, unknown>) => {
    if (name === 'Plans') return { data: { plans, me: { __typename: 'User', id: 'u1', subscriptionTier: 'FREE' }, billing: { __typename: 'Billing', charges, provider: charges ? 'stripe' : 'none' } } };
    if (name === 'ChangeSubscription') return { data: { changeSubscription: { __typename: 'User', id: 'u1', subscriptionTier: variables.tier, plan: { __typename: 'Plan', tier: variables.tier, maxPlatforms: 10, historyDays: 730 } } } };
    return undefined;
  };

  it('asks before a change and says what is charged; nothing changes until confirmed', async () => {
    const client = mockClient(answer(true));
    renderRoutes([{ path: '/', element: <PlanCard /> }], { client });
    fireEvent.click(await screen.findByRole('button', { name: 'Switch to Pro' }));
    expect(screen.getByRole('heading', { name: 'Switch to Pro?' })).toBeDefined();
    expect(screen.getByText(/You will be charged \$29 per month for the Pro plan/)).toBeDefined();
    expect(callsOf(client, 'ChangeSubscription')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(callsOf(client, 'ChangeSubscription')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Switch to Pro' }));
    fireEvent.click(screen.getByRole('button', { name: 'Pay $29 / month' }));
    await waitFor(() => expect(callsOf(client, 'ChangeSubscription')).toEqual([{ tier: 'PRO' }]));
  });

  it('on a server without a payment provider, says the change is free', async () => {
    const client = mockClient(answer(false));
    renderRoutes([{ path: '/', element: <PlanCard /> }], { client });
    fireEvent.click(await screen.findByRole('button', { name: 'Switch to Pro' }));
    expect(screen.getByText(/nothing is charged: the Pro plan is free here/)).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm the change' }));
    await waitFor(() => expect(callsOf(client, 'ChangeSubscription')).toEqual([{ tier: 'PRO' }]));
    expect(chargeText({ tier: 'FREE', priceCents: 0 }, { charges: true })).toMatch(/Nothing is charged/);
  });
});

describe('BrandForm: role gating', () => {
  it('an editor sees the brand profile read only, told that admins change it', () => {
    renderRoutes([{ path: '/', element: <BrandForm profile={profile} /> }], { client: mockClient(() => undefined), role: 'EDITOR' });
    expect((screen.getByLabelText('Brand name') as HTMLInputElement).closest('fieldset')!.disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save brand profile' })).toBeNull();
    expect(screen.getByText('Only admins and the owner can change the brand profile.')).toBeDefined();
  });

  it('an admin edits it', () => {
    renderRoutes([{ path: '/', element: <BrandForm profile={profile} /> }], { client: mockClient(() => undefined), role: 'ADMIN' });
    expect((screen.getByLabelText('Brand name') as HTMLInputElement).closest('fieldset')!.disabled).toBe(false);
    expect(screen.getByRole('button', { name: 'Save brand profile' })).toBeDefined();
  });
});
