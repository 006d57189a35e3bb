import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

type Gql = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
const errorOf = (body: Gql) => body.errors?.[0];
const fieldsOf = (body: Gql) => ((errorOf(body)?.extensions?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);

const PROFILE = 'timezone brandName brandDescription industry targetAudience brandValues businessGoals avatarUrl onboardingCompleted';
const COMPLETE = `mutation($input: CompleteOnboardingInput!) { completeOnboarding(input: $input) { ${PROFILE} } }`;

describe('onboarding: successful cases', () => {
  it('completeOnboarding saves the profile with updateProfile’s rules and marks onboarding done', async () => {
    const { token } = await createUser();
    const before = await server.gql('{ me { profile { onboardingCompleted timezone } } }', {}, token);
    expect(before.body.data!.me.profile).toEqual({ onboardingCompleted: false, timezone: 'UTC' });

    const { body } = await server.gql(
      COMPLETE,
      { input: { brandName: ' Bakery ', industry: 'Food', brandValues: ['local', 'Local', ' fresh '], businessGoals: ['grow'], timezone: 'america/new_york' } },
      token,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.completeOnboarding).toMatchObject({
      brandName: 'Bakery',
      industry: 'Food',
      brandValues: ['local', 'fresh'],
      businessGoals: ['grow'],
      timezone: 'America/New_York',
      onboardingCompleted: true,
    });
    const me = await server.gql(`{ me { profile { ${PROFILE} } } }`, {}, token);
    expect(me.body.data!.me.profile).toEqual(body.data!.completeOnboarding);
  });

  it('with nothing to add it only marks onboarding done', async () => {
    const { user, token } = await createUser();
    await server.gql('mutation { updateProfile(input: { brandName: "Kept" }) { id } }', {}, token);
    const { body } = await server.gql(COMPLETE, { input: {} }, token);
    expect(body.data!.completeOnboarding).toMatchObject({ brandName: 'Kept', timezone: 'UTC', onboardingCompleted: true });
    expect(await WorkspaceModel.countDocuments({ _id: user._id })).toBe(1);
  });
});

describe('onboarding: failing cases', () => {
  it('refuses a bad time zone, long lists, long items, long texts and non-http URLs, naming each field, and saves nothing', async () => {
    const { user, token } = await createUser();
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ timezone: 'Mars/Base' }, ['timezone']],
      [{ timezone: '+02:00' }, ['timezone']],
      [{ brandValues: Array.from({ length: 21 }, (_, i) => `v${i}`) }, ['brandValues']],
      [{ businessGoals: ['x'.repeat(61)] }, ['businessGoals']],
      [{ brandName: 'x'.repeat(121), brandDescription: 'x'.repeat(2001) }, ['brandName', 'brandDescription']],
      [{ targetAudience: 'x'.repeat(501), industry: 'x'.repeat(121) }, ['industry', 'targetAudience']],
      [{ avatarUrl: 'javascript:alert(1)' }, ['avatarUrl']],
    ];
    for (const [input, fields] of cases) {
      const { body } = await server.gql(COMPLETE, { input: { brandName: 'Would be saved', ...input } }, token);
      expect(errorOf(body)?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(body).sort(), JSON.stringify(input)).toEqual(fields.sort());
    }
    const profile = await WorkspaceModel.findOne({ _id: user._id }).lean();
    expect(profile?.onboardingCompleted ?? false).toBe(false);
    expect(profile?.brandName).toBeUndefined();
  });

  it('needs a sign-in', async () => {
    const { body } = await server.gql(COMPLETE, { input: {} });
    expect(errorOf(body)?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
