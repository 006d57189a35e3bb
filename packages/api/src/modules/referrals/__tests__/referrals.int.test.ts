import { Types } from 'mongoose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { latestMailToken, PASSWORD, randomIp, registerViaApi, uniqueEmail } from '../../../../test/helpers/auth.js';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { noPaymentProvider, setPaymentProvider, type PaidInvoice, type PlanChangeRequest } from '../../subscriptions/payment-provider.js';
import { MailMessageModel } from '../../mail/mail-message.model.js';
import { RefreshTokenModel } from '../../users/refresh-token.model.js';
import { WorkspaceModel } from '../../workspaces/workspace.model.js';
import { UserModel } from '../../users/user.model.js';
import { ReferralCodeModel } from '../referral-code.model.js';
import { ReferralSignupModel } from '../referral-signup.model.js';
import { recordReferralSignup } from '../referrals.register.js';
import { convertReferral, reportInvoicePaid, reportInvoiceReversed } from '../referrals.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ WEB_APP_URL: 'https://app.soash.test' });
});
afterAll(async () => {
  await server.close();
});

type Gql = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
const errorOf = (body: Gql) => body.errors?.[0];

const MY_REFERRAL = '{ myReferral { code shareUrl commissionRate pendingCount convertedCount paidCount earnedCents paidCents } }';
const SIGNUP_FIELDS = 'id code conversionStatus commissionCents convertedTier convertedAt paidAt holdUntil reversedAt reversalReason signupDate refereeName refereeEmailMasked referrer { id }';
const MY_SIGNUPS = `query($first: Int, $after: String) { myReferralSignups(first: $first, after: $after) { totalCount edges { node { ${SIGNUP_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const ADMIN_SIGNUPS = `query($status: ConversionStatus, $first: Int, $after: String) { referralSignups(status: $status, first: $first, after: $after) { totalCount edges { node { ${SIGNUP_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const CHANGE = 'mutation($tier: SubscriptionTier!) { changeSubscription(tier: $tier) { id subscriptionTier } }';
const MARK_PAID = `mutation($id: ID!) { markReferralPaid(id: $id) { ${SIGNUP_FIELDS} } }`;
const ROTATE = '{ rotate: rotateReferralCode { code shareUrl pendingCount } }'.replace('{ rotate', 'mutation { rotate');

const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { email } }';
function registerRaw(input: Record<string, unknown>) {
  return server.gql(REGISTER, { input: { name: 'Some One', password: PASSWORD, ...input } }, undefined, { 'x-forwarded-for': randomIp() });
}

async function myReferral(token: string) {
  const { body } = await server.gql(MY_REFERRAL, {}, token);
  expect(body.errors).toBeUndefined();
  return body.data!.myReferral;
}

/** Counts of everything a registration creates (for "nothing was created"). */
async function worldCounts() {
  return {
    users: await UserModel.countDocuments(),
    workspaces: await WorkspaceModel.countDocuments(),
    codes: await ReferralCodeModel.countDocuments(),
    signups: await ReferralSignupModel.countDocuments(),
    sessions: await RefreshTokenModel.countDocuments(),
    mail: await MailMessageModel.countDocuments(),
  };
}

/**
 * A payment provider that charges: every change to a paid plan is an invoice paid at once for the
 * plan's price (what a real integration reports when the card is charged).
 */
let invoices: Array<PaidInvoice & { request: PlanChangeRequest }> = [];
let invoiceSeq = 0;
beforeEach(() => {
  invoices = [];
  setPaymentProvider({
    name: 'test-pay',
    charges: true,
    changePlan: async (request) => {
      if (request.priceCents === 0) return {};
      const invoice = { id: `in_${++invoiceSeq}`, amountCents: request.priceCents, paidAt: new Date() };
      invoices.push({ ...invoice, request });
      return { reference: `sub_${request.userId}`, invoice };
    },
  });
});
afterEach(() => {
  setPaymentProvider(noPaymentProvider);
});

/** Confirms the referee's address through the mailed link (commissions need a verified referee). */
async function verify(reg: { email: string }) {
  const { body } = await server.gql('mutation($t: String!) { verifyEmail(token: $t) { isVerified } }', { t: await latestMailToken(reg.email, 'verify_email') });
  expect(body.data).toEqual({ verifyEmail: { isVerified: true } });
}

/** Ends the holding period of a signup (instead of waiting REFERRAL_HOLD_DAYS). */
async function endHold(signupId: string) {
  await ReferralSignupModel.updateOne({ _id: new Types.ObjectId(signupId) }, { $set: { holdUntil: new Date(Date.now() - 1000) } });
}

describe('referrals: successful cases', () => {
  it('every new account gets one active code like USER123-REF, derived from its name, with a share link', async () => {
    const reg = await registerViaApi(server, { name: 'Jane Doe' });
    const codes = await ReferralCodeModel.find({ userId: new Types.ObjectId(reg.user.id) }).lean();
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatchObject({ isActive: true });
    expect(codes[0]!.code).toMatch(/^JANEDOE\d{3,}-REF$/);
    expect(await myReferral(reg.accessToken)).toEqual({
      code: codes[0]!.code,
      shareUrl: `https://app.soash.test/register?ref=${codes[0]!.code}`,
      commissionRate: 0.2,
      pendingCount: 0,
      convertedCount: 0,
      paidCount: 0,
      earnedCents: 0,
      paidCents: 0,
    });
  });

  it('an account without a code gets one the first time it asks, once, even when asked concurrently', async () => {
    const { user, token } = await createUser({ name: 'Élodie Marchand' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => server.gql('{ myReferral { code } }', {}, token)));
    const codes = new Set(answers.map((a) => a.body.data!.myReferral.code));
    expect(codes.size).toBe(1);
    expect([...codes][0]).toMatch(/^ELODIEMA\d{3,}-REF$/);
    expect(await ReferralCodeModel.countDocuments({ userId: user._id })).toBe(1);
    expect((await myReferral(token)).code).toBe([...codes][0]);
  });

  it('full lifecycle: sign-up with a code → pending → paid upgrade → converted, held → paid out after the hold', async () => {
    const referrer = await registerViaApi(server, { name: 'Rita Referrer' });
    const { code } = await myReferral(referrer.accessToken);
    const refereeEmail = uniqueEmail('ref');
    const referee = await registerViaApi(server, { name: 'Jane Doe', email: refereeEmail, referralCode: `  ${code.toLowerCase()} ` });
    await verify(referee);

    // Pending, shown to the referrer with the referee masked.
    let page = (await server.gql(MY_SIGNUPS, {}, referrer.accessToken)).body.data!.myReferralSignups;
    expect(page.totalCount).toBe(1);
    const pending = page.edges[0].node;
    expect(pending).toMatchObject({
      code,
      conversionStatus: 'PENDING',
      commissionCents: 0,
      convertedTier: null,
      convertedAt: null,
      paidAt: null,
      refereeName: 'Jane D.',
      refereeEmailMasked: `${refereeEmail[0]}***@e***.test`,
      referrer: { id: referrer.user.id },
    });
    const listing = JSON.stringify((await server.gql(MY_SIGNUPS, {}, referrer.accessToken)).body);
    expect(listing).not.toContain(refereeEmail);
    expect(listing).not.toContain(refereeEmail.split('@')[0]);
    expect(await myReferral(referrer.accessToken)).toMatchObject({ pendingCount: 1, convertedCount: 0, earnedCents: 0 });

    // The referee moves to Pro and pays the invoice: 20 % of the 2900 cents paid, held 30 days.
    const up = await server.gql(CHANGE, { tier: 'PRO' }, referee.accessToken);
    expect(up.body.data!.changeSubscription).toEqual({ id: referee.user.id, subscriptionTier: 'PRO' });
    expect(invoices).toHaveLength(1);
    page = (await server.gql(MY_SIGNUPS, {}, referrer.accessToken)).body.data!.myReferralSignups;
    const converted = page.edges[0].node;
    expect(converted).toMatchObject({ conversionStatus: 'CONVERTED', commissionCents: 580, convertedTier: 'PRO', paidAt: null });
    expect(Date.parse(converted.convertedAt)).toBe(invoices[0]!.paidAt.getTime());
    expect(Date.parse(converted.holdUntil) - invoices[0]!.paidAt.getTime()).toBe(30 * 24 * 3600 * 1000);
    expect(await ReferralSignupModel.findById(converted.id).lean()).toMatchObject({ invoiceId: invoices[0]!.id });
    expect(await myReferral(referrer.accessToken)).toMatchObject({ pendingCount: 0, convertedCount: 1, paidCount: 0, earnedCents: 580, paidCents: 0 });

    // Downgrading and upgrading again, or moving to Enterprise, converts nothing a second time.
    for (const tier of ['FREE', 'PRO', 'ENTERPRISE', 'FREE', 'ENTERPRISE']) {
      const r = await server.gql(CHANGE, { tier }, referee.accessToken);
      expect(r.body.errors, tier).toBeUndefined();
    }
    const after = await ReferralSignupModel.find({ refereeUserId: new Types.ObjectId(referee.user.id) }).lean();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ conversionStatus: 'converted', commissionCents: 580, convertedTier: 'pro' });
    expect(after[0]!.convertedAt!.toISOString()).toBe(converted.convertedAt);

    // An admin cannot pay it out during the hold; after it, they can.
    const admin = await createUser({ role: 'admin' });
    const held = await server.gql(MARK_PAID, { id: converted.id }, admin.token);
    expect(errorOf(held.body)?.extensions).toEqual({ code: 'CONFLICT', status: 'converted', holdUntil: converted.holdUntil });
    expect(errorOf(held.body)?.message).toMatch(/held until/);
    await endHold(converted.id);
    const paid = await server.gql(MARK_PAID, { id: converted.id }, admin.token);
    expect(paid.body.errors).toBeUndefined();
    expect(paid.body.data!.markReferralPaid).toMatchObject({ id: converted.id, conversionStatus: 'PAID', commissionCents: 580, convertedTier: 'PRO' });
    expect(Date.parse(paid.body.data!.markReferralPaid.paidAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await myReferral(referrer.accessToken)).toMatchObject({ pendingCount: 0, convertedCount: 0, paidCount: 1, earnedCents: 580, paidCents: 580 });

    // A later upgrade of a paid referral changes nothing either.
    await server.gql(CHANGE, { tier: 'PRO' }, referee.accessToken);
    expect(await ReferralSignupModel.findById(converted.id).lean()).toMatchObject({ conversionStatus: 'paid', commissionCents: 580 });
  });

  it('the commission follows the configured rate, rounded to the cent half up without float error', async () => {
    const other = await startTestServer({ REFERRAL_COMMISSION_RATE: '0.145' });
    try {
      const referrer = await registerViaApi(other, { name: 'Rate Test' });
      const { code, commissionRate } = (await other.gql(MY_REFERRAL, {}, referrer.accessToken)).body.data!.myReferral;
      expect(commissionRate).toBe(0.145);
      const referee = await registerViaApi(other, { referralCode: code });
      await UserModel.updateOne({ _id: new Types.ObjectId(referee.user.id) }, { $set: { isVerified: true } });
      await other.gql(CHANGE, { tier: 'PRO' }, referee.accessToken);
      // 0.145 × 2900 = 420.5 → 421 cents.
      expect(await ReferralSignupModel.findOne({ refereeUserId: new Types.ObjectId(referee.user.id) }).lean()).toMatchObject({ commissionCents: 421 });
    } finally {
      await other.close();
    }
  });

  it('concurrent conversions of one referee convert it exactly once', async () => {
    const referrer = await registerViaApi(server);
    const { code } = await myReferral(referrer.accessToken);
    const referee = await registerViaApi(server, { referralCode: code });
    await verify(referee);
    const refereeId = new Types.ObjectId(referee.user.id);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        convertReferral(server.config, refereeId, i % 2 ? 'enterprise' : 'pro', { id: `in_c${i}`, amountCents: i % 2 ? 19900 : 2900, paidAt: new Date() }),
      ),
    );
    const winners = results.filter(Boolean);
    expect(winners).toHaveLength(1);
    const stored = await ReferralSignupModel.findOne({ refereeUserId: refereeId }).lean();
    expect(stored).toMatchObject({ conversionStatus: 'converted', convertedTier: winners[0]!.convertedTier });
    expect(stored!.commissionCents).toBe(winners[0]!.convertedTier === 'pro' ? 580 : 3980);

    // Two plan changes at the same time through the API: still one conversion.
    const referee2 = await registerViaApi(server, { referralCode: code });
    await verify(referee2);
    await Promise.all([server.gql(CHANGE, { tier: 'PRO' }, referee2.accessToken), server.gql(CHANGE, { tier: 'ENTERPRISE' }, referee2.accessToken)]);
    const s2 = await ReferralSignupModel.find({ refereeUserId: new Types.ObjectId(referee2.user.id) }).lean();
    expect(s2).toHaveLength(1);
    expect(s2[0]!.conversionStatus).toBe('converted');
    expect(s2[0]!.commissionCents).toBe(s2[0]!.convertedTier === 'pro' ? 580 : 3980);
  });

  it('rotating the code deactivates the old one; its signups stay linked and counted', async () => {
    const referrer = await registerViaApi(server, { name: 'Rotating Rob' });
    const old = (await myReferral(referrer.accessToken)).code;
    await registerViaApi(server, { referralCode: old });

    const { body } = await server.gql(ROTATE, {}, referrer.accessToken);
    expect(body.errors).toBeUndefined();
    const fresh = body.data!.rotate;
    expect(fresh.code).not.toBe(old);
    expect(fresh.code).toMatch(/^ROTATING\d{3,}-REF$/);
    expect(fresh).toMatchObject({ shareUrl: `https://app.soash.test/register?ref=${fresh.code}`, pendingCount: 1 });
    expect((await myReferral(referrer.accessToken)).code).toBe(fresh.code);
    const codes = await ReferralCodeModel.find({ userId: new Types.ObjectId(referrer.user.id) }).sort({ _id: 1 }).lean();
    expect(codes.map((c) => [c.code, c.isActive])).toEqual([
      [old, false],
      [fresh.code, true],
    ]);

    // The old code no longer registers anyone; the new one does.
    const refused = await registerRaw({ email: uniqueEmail(), referralCode: old });
    expect(errorOf(refused.body)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'referralCode' });
    await registerViaApi(server, { referralCode: fresh.code });
    const signups = (await server.gql(MY_SIGNUPS, {}, referrer.accessToken)).body.data!.myReferralSignups;
    expect(signups.edges.map((e: { node: { code: string } }) => e.node.code).sort()).toEqual([old, fresh.code].sort());
  });

  it('myReferralSignups pages through the viewer’s own signups only, newest first', async () => {
    const referrer = await registerViaApi(server);
    const other = await registerViaApi(server);
    const { code } = await myReferral(referrer.accessToken);
    const { code: otherCode } = await myReferral(other.accessToken);
    const refs = [];
    for (let i = 0; i < 3; i++) refs.push(await registerViaApi(server, { referralCode: code }));
    await registerViaApi(server, { referralCode: otherCode });
    // Distinct signup dates, oldest first in registration order.
    for (const [i, r] of refs.entries()) {
      await ReferralSignupModel.updateOne({ refereeUserId: new Types.ObjectId(r.user.id) }, { $set: { signupDate: new Date(Date.UTC(2026, 0, 1 + i)) } });
    }
    const first = (await server.gql(MY_SIGNUPS, { first: 2 }, referrer.accessToken)).body.data!.myReferralSignups;
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await server.gql(MY_SIGNUPS, { first: 2, after: first.pageInfo.endCursor }, referrer.accessToken)).body.data!.myReferralSignups;
    expect(second.pageInfo.hasNextPage).toBe(false);
    const dates = [...first.edges, ...second.edges].map((e: { node: { signupDate: string } }) => e.node.signupDate);
    expect(dates).toEqual([2, 1, 0].map((i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString()));
  });

  it('admins list every signup, filtered by status and paged', async () => {
    const admin = await createUser({ role: 'admin' });
    const referrer = await registerViaApi(server);
    const { code } = await myReferral(referrer.accessToken);
    const a = await registerViaApi(server, { referralCode: code });
    await verify(a);
    await registerViaApi(server, { referralCode: code });
    await server.gql(CHANGE, { tier: 'ENTERPRISE' }, a.accessToken);

    const all = (await server.gql(ADMIN_SIGNUPS, { first: 100 }, admin.token)).body.data!.referralSignups;
    expect(all.totalCount).toBe(await ReferralSignupModel.countDocuments());
    const converted = (await server.gql(ADMIN_SIGNUPS, { status: 'CONVERTED', first: 100 }, admin.token)).body.data!.referralSignups;
    expect(converted.edges.every((e: { node: { conversionStatus: string } }) => e.node.conversionStatus === 'CONVERTED')).toBe(true);
    const mine = converted.edges.find((e: { node: { referrer: { id: string } } }) => e.node.referrer.id === referrer.user.id);
    expect(mine.node).toMatchObject({ convertedTier: 'ENTERPRISE', commissionCents: 3980 });
    expect(converted.totalCount).toBe(await ReferralSignupModel.countDocuments({ conversionStatus: 'converted' }));
    const pending = (await server.gql(ADMIN_SIGNUPS, { status: 'PENDING', first: 1 }, admin.token)).body.data!.referralSignups;
    expect(pending.edges).toHaveLength(1);
    expect(pending.totalCount).toBe(await ReferralSignupModel.countDocuments({ conversionStatus: 'pending' }));
  });

  it('a referee who deleted their account stays on the referrer’s record, without personal data', async () => {
    const referrer = await registerViaApi(server);
    const { code } = await myReferral(referrer.accessToken);
    const referee = await registerViaApi(server, { referralCode: code });
    await server.gql('mutation($p: String!) { deleteAccount(password: $p) }', { p: PASSWORD }, referee.accessToken);
    const node = (await server.gql(MY_SIGNUPS, {}, referrer.accessToken)).body.data!.myReferralSignups.edges[0].node;
    expect(node).toMatchObject({ refereeName: 'Deleted account', refereeEmailMasked: null, conversionStatus: 'PENDING' });
  });
});

describe('referrals: failing cases', () => {
  it('without a payment provider nothing is paid, so nothing converts: free upgrades earn no commission', async () => {
    setPaymentProvider(noPaymentProvider);
    const referrer = await registerViaApi(server);
    const { code } = await myReferral(referrer.accessToken);
    // Three sock puppets, even verified ones, upgrade for free and downgrade again.
    for (let i = 0; i < 3; i++) {
      const puppet = await registerViaApi(server, { referralCode: code });
      await verify(puppet);
      for (const tier of ['ENTERPRISE', 'PRO', 'FREE']) expect((await server.gql(CHANGE, { tier }, puppet.accessToken)).body.errors, tier).toBeUndefined();
    }
    expect(await myReferral(referrer.accessToken)).toMatchObject({ pendingCount: 3, convertedCount: 0, paidCount: 0, earnedCents: 0 });
    const billing = await server.gql('{ billing { charges provider } }');
    expect(billing.body.data).toEqual({ billing: { charges: false, provider: 'none' } });
  });

  it('a referee who has not verified their email earns the referrer nothing, even after paying', async () => {
    const referrer = await registerViaApi(server);
    const { code } = await myReferral(referrer.accessToken);
    const referee = await registerViaApi(server, { referralCode: code });
    expect((await server.gql(CHANGE, { tier: 'ENTERPRISE' }, referee.accessToken)).body.errors).toBeUndefined();
    expect(invoices).toHaveLength(1);
    expect(await myReferral(referrer.accessToken)).toMatchObject({ pendingCount: 1, convertedCount: 0, earnedCents: 0 });
    // Once verified, the next paid invoice (a renewal reported by the provider) converts it.
    await verify(referee);
    const renewal = await reportInvoicePaid(server.config, { userId: referee.user.id, tier: 'enterprise', invoice: { id: 'in_renewal', amountCents: 19900, paidAt: new Date() } });
    expect(renewal).toMatchObject({ conversionStatus: 'converted', commissionCents: 3980, invoiceId: 'in_renewal' });
    // A zero or missing payment never converts anyone.
    expect(await convertReferral(server.config, new Types.ObjectId(referee.user.id), 'pro', undefined)).toBeNull();
    expect(await convertReferral(server.config, new Types.ObjectId(referee.user.id), 'pro', { id: 'in_0', amountCents: 0, paidAt: new Date() })).toBeNull();
  });

  it('a refund or chargeback during the hold reverses the commission, and it can never be paid out', async () => {
    const admin = await createUser({ role: 'admin' });
    const referrer = await registerViaApi(server);
    const { code } = await myReferral(referrer.accessToken);
    const refunded = await registerViaApi(server, { referralCode: code });
    const chargedBack = await registerViaApi(server, { referralCode: code });
    for (const r of [refunded, chargedBack]) {
      await verify(r);
      await server.gql(CHANGE, { tier: 'PRO' }, r.accessToken);
      // The immediate downgrade alone changes nothing: the money was paid.
      await server.gql(CHANGE, { tier: 'FREE' }, r.accessToken);
    }
    expect(await myReferral(referrer.accessToken)).toMatchObject({ convertedCount: 2, earnedCents: 1160 });
    const [inRefund, inChargeback] = invoices.map((i) => i.id);

    const a = await reportInvoiceReversed({ invoiceId: inRefund!, reason: 'refund' });
    const b = await reportInvoiceReversed({ invoiceId: inChargeback!, reason: 'chargeback' });
    expect(a).toMatchObject({ conversionStatus: 'reversed', reversalReason: 'refund', reversedAt: expect.any(Date) });
    expect(b).toMatchObject({ conversionStatus: 'reversed', reversalReason: 'chargeback' });
    // Reported twice (webhooks are retried): the same state.
    expect(await reportInvoiceReversed({ invoiceId: inRefund!, reason: 'refund' })).toMatchObject({ conversionStatus: 'reversed', reversedAt: a!.reversedAt });
    expect(await reportInvoiceReversed({ invoiceId: 'in_unknown', reason: 'refund' })).toBeNull();
    expect(await myReferral(referrer.accessToken)).toMatchObject({ pendingCount: 0, convertedCount: 0, paidCount: 0, earnedCents: 0 });

    // Even after the hold would have ended, a reversed commission is not paid out.
    await endHold(a!._id.toHexString());
    const pay = await server.gql(MARK_PAID, { id: a!._id.toHexString() }, admin.token);
    expect(errorOf(pay.body)?.extensions).toEqual({ code: 'CONFLICT', status: 'reversed' });
    const listed = (await server.gql(MY_SIGNUPS, {}, referrer.accessToken)).body.data!.myReferralSignups.edges.map((e: { node: { conversionStatus: string } }) => e.node.conversionStatus);
    expect(listed).toEqual(['REVERSED', 'REVERSED']);
  });

  it('a refund after the payout leaves the payout on record', async () => {
    const admin = await createUser({ role: 'admin' });
    const referrer = await registerViaApi(server);
    const { code } = await myReferral(referrer.accessToken);
    const referee = await registerViaApi(server, { referralCode: code });
    await verify(referee);
    await server.gql(CHANGE, { tier: 'PRO' }, referee.accessToken);
    const signup = (await ReferralSignupModel.findOne({ refereeUserId: new Types.ObjectId(referee.user.id) }).lean())!;
    await endHold(signup._id.toHexString());
    expect((await server.gql(MARK_PAID, { id: signup._id.toHexString() }, admin.token)).body.errors).toBeUndefined();
    expect(await reportInvoiceReversed({ invoiceId: invoices[0]!.id, reason: 'chargeback' })).toMatchObject({ conversionStatus: 'paid' });
  });

  it('the holding period follows REFERRAL_HOLD_DAYS', async () => {
    const other = await startTestServer({ REFERRAL_HOLD_DAYS: '7' });
    try {
      const referrer = await registerViaApi(other);
      const { code } = (await other.gql(MY_REFERRAL, {}, referrer.accessToken)).body.data!.myReferral;
      const referee = await registerViaApi(other, { referralCode: code });
      await UserModel.updateOne({ _id: new Types.ObjectId(referee.user.id) }, { $set: { isVerified: true } });
      await other.gql(CHANGE, { tier: 'PRO' }, referee.accessToken);
      const signup = (await ReferralSignupModel.findOne({ refereeUserId: new Types.ObjectId(referee.user.id) }).lean())!;
      expect(signup.holdUntil!.getTime() - signup.convertedAt!.getTime()).toBe(7 * 24 * 3600 * 1000);
    } finally {
      await other.close();
    }
  });

  it('an unknown, inactive or rotated code fails registration naming the code, and creates nothing at all', async () => {
    const owner = await registerViaApi(server);
    const rotatedAway = (await myReferral(owner.accessToken)).code;
    await server.gql(ROTATE, {}, owner.accessToken);
    const inactive = await ReferralCodeModel.create({ userId: new Types.ObjectId(owner.user.id), code: 'SLEEPY123-REF', isActive: false });
    for (const code of ['NOPE999-REF', rotatedAway.toLowerCase(), inactive.code, '   x  ']) {
      const before = await worldCounts();
      const email = uniqueEmail();
      const { body } = await registerRaw({ email, referralCode: code });
      expect(body.data, code).toBeNull();
      expect(errorOf(body)?.extensions, code).toEqual({ code: 'BAD_USER_INPUT', field: 'referralCode' });
      expect(errorOf(body)?.message, code).toContain(code.trim().toUpperCase());
      expect(await worldCounts(), code).toEqual(before);
      expect(await UserModel.countDocuments({ email })).toBe(0);
    }
  });

  it('self-referral is refused: at sign-up the address is taken (only its owner is mailed), and recording one is refused', async () => {
    const owner = await registerViaApi(server);
    const { code } = await myReferral(owner.accessToken);
    const before = await worldCounts();
    const again = await registerRaw({ email: owner.email, referralCode: code });
    // register answers a taken address like a new one; nothing is created but the mail to the owner.
    expect(again.body.errors).toBeUndefined();
    expect(await worldCounts()).toEqual({ ...before, mail: before.mail + 1 });

    const stored = (await ReferralCodeModel.findOne({ code }).lean())!;
    await expect(recordReferralSignup(stored, new Types.ObjectId(owner.user.id))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { field: 'referralCode' },
    });
    expect(await ReferralSignupModel.countDocuments({ refereeUserId: new Types.ObjectId(owner.user.id) })).toBe(0);
  });

  it('a referee is referred only once: another code is refused, the same one changes nothing', async () => {
    const first = await registerViaApi(server);
    const second = await registerViaApi(server);
    const firstCode = (await ReferralCodeModel.findOne({ userId: new Types.ObjectId(first.user.id), isActive: true }).lean())!;
    const secondCode = (await ReferralCodeModel.findOne({ userId: new Types.ObjectId(second.user.id), isActive: true }).lean())!;
    const referee = await registerViaApi(server, { referralCode: firstCode.code });
    const refereeId = new Types.ObjectId(referee.user.id);
    const original = (await ReferralSignupModel.findOne({ refereeUserId: refereeId }).lean())!;

    await expect(recordReferralSignup(secondCode, refereeId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await recordReferralSignup(firstCode, refereeId); // a re-run of the same sign-up
    const after = await ReferralSignupModel.find({ refereeUserId: refereeId }).lean();
    expect(after).toEqual([original]);
    expect((await myReferral(second.accessToken)).pendingCount).toBe(0);
  });

  it('markReferralPaid: only converted signups, only once, only admins; unknown ids are NOT_FOUND', async () => {
    const admin = await createUser({ role: 'admin' });
    const referrer = await registerViaApi(server);
    const { code } = await myReferral(referrer.accessToken);
    const referee = await registerViaApi(server, { referralCode: code });
    const signup = (await ReferralSignupModel.findOne({ refereeUserId: new Types.ObjectId(referee.user.id) }).lean())!;
    const id = signup._id.toHexString();

    const early = await server.gql(MARK_PAID, { id }, admin.token);
    expect(errorOf(early.body)?.extensions).toEqual({ code: 'CONFLICT', status: 'pending' });
    expect(errorOf(early.body)?.message).toMatch(/not converted/);

    await verify(referee);
    await server.gql(CHANGE, { tier: 'PRO' }, referee.accessToken);
    await endHold(id);
    // Neither the referrer nor the referee can mark it paid.
    for (const token of [referrer.accessToken, referee.accessToken]) {
      const r = await server.gql(MARK_PAID, { id }, token);
      expect(errorOf(r.body)?.extensions).toEqual({ code: 'FORBIDDEN' });
    }
    expect(await ReferralSignupModel.findById(id).lean()).toMatchObject({ conversionStatus: 'converted' });
    expect(errorOf((await server.gql(ADMIN_SIGNUPS, {}, referrer.accessToken)).body)?.extensions).toEqual({ code: 'FORBIDDEN' });

    expect((await server.gql(MARK_PAID, { id }, admin.token)).body.errors).toBeUndefined();
    const twice = await server.gql(MARK_PAID, { id }, admin.token);
    expect(errorOf(twice.body)?.extensions).toEqual({ code: 'CONFLICT', status: 'paid' });
    const missing = await server.gql(MARK_PAID, { id: new Types.ObjectId().toHexString() }, admin.token);
    expect(errorOf(missing.body)?.extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('every referral operation needs a sign-in', async () => {
    for (const query of [MY_REFERRAL, MY_SIGNUPS, ROTATE, ADMIN_SIGNUPS]) {
      const { body } = await server.gql(query, {});
      expect(errorOf(body)?.extensions?.code, query).toBe('UNAUTHENTICATED');
    }
  });
});
