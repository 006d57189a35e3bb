import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeFragmentData } from '../../gql';
import { callsOf, mockClient, renderRoutes } from '../../test/render';
import { BrandForm, BrandFormFragment } from '../settings/BrandForm';
import { OnboardingPage, Steps } from './OnboardingPage';

const emptyProfile = {
  __typename: 'UserProfile' as const,
  id: 'p1',
  onboardingCompleted: false,
  brandName: null,
  brandDescription: null,
  industry: null,
  targetAudience: null,
  brandValues: [],
  businessGoals: [],
  timezone: 'UTC',
};

function onboardingClient(platforms: unknown[] = []) {
  return mockClient((name) => {
    if (name === 'Onboarding') return { data: { me: { __typename: 'User', id: 'u1', name: 'Jane Baker', company: 'Crumb Bakery', profile: emptyProfile }, platforms } };
    if (name === 'SyncProgress') return 'pending';
    return undefined;
  });
}

describe('onboarding', () => {
  it('prefills the brand name with the company given at registration', () => {
    renderRoutes([{ path: '/onboarding', element: <OnboardingPage /> }], { client: onboardingClient(), path: '/onboarding' });
    expect((screen.getByLabelText('Brand name') as HTMLInputElement).value).toBe('Crumb Bakery');
  });

  it('does not tick "Connect an account" after "Skip for now"', () => {
    renderRoutes([{ path: '/onboarding', element: <OnboardingPage /> }], { client: onboardingClient(), path: '/onboarding?step=1' });
    fireEvent.click(screen.getByRole('button', { name: 'Skip for now' }));
    const steps = within(screen.getByRole('list', { name: 'Setup steps' })).getAllByRole('listitem');
    expect(steps[0]!.textContent).toBe('✓Your brand (done)');
    expect(steps[1]!.textContent).toBe('2Connect an account (skipped)');
    expect(steps[1]!.className).toBe('skipped');
  });

  it('ticks it once an account is connected', () => {
    const { container } = renderRoutes([{ path: '/', element: <Steps current={2} done={[true, true, false]} /> }], { client: mockClient(() => undefined) });
    expect(container.querySelectorAll('li.done')).toHaveLength(2);
    expect(container.querySelectorAll('li.skipped')).toHaveLength(0);
  });
});

describe('time zone field', () => {
  it('is searchable and offers current IANA names (Asia/Kolkata, Europe/Kyiv)', () => {
    const profile = makeFragmentData({ ...emptyProfile, brandName: 'Bakery', timezone: 'Asia/Calcutta' }, BrandFormFragment);
    const client = mockClient(() => ({ data: { updateProfile: emptyProfile } }));
    renderRoutes([{ path: '/', element: <BrandForm profile={profile} /> }], { client });
    const select = screen.getByLabelText('Time zone') as HTMLSelectElement;
    // Stored under the old spelling that runtimes still report; shown under today's name.
    expect(select.value).toBe('Asia/Kolkata');
    fireEvent.change(screen.getByLabelText('Find a time zone'), { target: { value: 'kiev' } });
    const options = [...select.options].map((o) => o.value);
    expect(options).toEqual(['Asia/Kolkata', 'Europe/Kyiv']);
    expect(screen.getByText('1 zone matches.')).toBeDefined();
    fireEvent.change(select, { target: { value: 'Europe/Kyiv' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save brand profile' }));
    expect(callsOf(client, 'UpdateProfile')[0]).toMatchObject({ input: { timezone: 'Europe/Kyiv' } });
  });
});
