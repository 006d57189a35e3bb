import { isPaidTier, TIER_LIMITS, type SubscriptionTier } from '@soash/shared';
import { Types } from 'mongoose';
import { conflict, notFound } from '../../lib/errors.js';
import { ConversionStatus } from '../../lib/graphql-enums.js';
import { toObjectId } from '../../lib/ids.js';
import { paginate, type Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import type { User } from '../users/user.model.js';
import { requireAdmin, viewerUser } from '../users/users.service.js';
import { commissionCents } from './commission.js';
import type { ReferralSignupsArgs } from './dto/referrals.args.js';
import type { ReferralSummary } from './dto/referral-summary.js';
import { ReferralSignupModel, type ReferralSignup } from './referral-signup.model.js';
import { ensureActiveCode, rotateCode } from './referral-codes.js';

/** The sign-up link that carries a code. */
export function shareUrl(ctx: Context, code: string): string {
  return `${ctx.config.webAppUrl}/register?ref=${encodeURIComponent(code)}`;
}

interface StatusTotals {
  _id: ConversionStatus;
  count: number;
  cents: number;
}

async function summary(ctx: Context, user: User, code: string): Promise<ReferralSummary> {
  const rows = await ReferralSignupModel.aggregate<StatusTotals>([
    { $match: { referrerUserId: user._id } },
    { $group: { _id: '$conversionStatus', count: { $sum: 1 }, cents: { $sum: '$commissionCents' } } },
  ]);
  const of = (status: ConversionStatus) => rows.find((r) => r._id === status) ?? { count: 0, cents: 0 };
  const converted = of(ConversionStatus.CONVERTED);
  const paid = of(ConversionStatus.PAID);
  return {
    code,
    shareUrl: shareUrl(ctx, code),
    commissionRate: ctx.config.REFERRAL_COMMISSION_RATE,
    pendingCount: of(ConversionStatus.PENDING).count,
    convertedCount: converted.count,
    paidCount: paid.count,
    earnedCents: converted.cents + paid.cents,
    paidCents: paid.cents,
  };
}

/** The viewer's code (created now if the account has none yet), share link and totals. */
export async function myReferral(ctx: Context): Promise<ReferralSummary> {
  const user = await viewerUser(ctx);
  const code = await ensureActiveCode(user._id, user.name);
  return summary(ctx, user, code.code);
}

/** Replaces the viewer's code: the old one stops working for sign-ups, its signups stay counted. */
export async function rotateReferralCode(ctx: Context): Promise<ReferralSummary> {
  const user = await viewerUser(ctx);
  const code = await rotateCode(user._id, user.name);
  return summary(ctx, user, code.code);
}

/** Signups made with any of the viewer's codes (current and rotated), newest first. */
export async function myReferralSignups(ctx: Context, args: { first?: number; after?: string }): Promise<Connection<ReferralSignup>> {
  const user = await viewerUser(ctx);
  return paginate({
    model: ReferralSignupModel,
    filter: { referrerUserId: user._id },
    sortField: 'signupDate',
    direction: 'desc',
    first: args.first,
    after: args.after,
  });
}

/** Every signup, newest first, optionally in one state (admins only). */
export async function listReferralSignups(ctx: Context, args: ReferralSignupsArgs): Promise<Connection<ReferralSignup>> {
  await requireAdmin(ctx);
  return paginate({
    model: ReferralSignupModel,
    filter: args.status ? { conversionStatus: args.status } : {},
    sortField: 'signupDate',
    direction: 'desc',
    first: args.first,
    after: args.after,
  });
}

/** Records that a converted signup's commission was paid out (admins only; converted → paid only). */
export async function markReferralPaid(ctx: Context, id: string): Promise<ReferralSignup> {
  await requireAdmin(ctx);
  const signupId = toObjectId(id, 'id');
  const paid = await ReferralSignupModel.findOneAndUpdate(
    { _id: signupId, conversionStatus: ConversionStatus.CONVERTED },
    { $set: { conversionStatus: ConversionStatus.PAID, paidAt: new Date() } },
    { returnDocument: 'after' },
  ).lean<ReferralSignup>();
  if (paid) return paid;
  const existing = await ReferralSignupModel.findById(signupId).lean<ReferralSignup>();
  if (!existing) throw notFound('Referral signup');
  throw conflict(
    existing.conversionStatus === ConversionStatus.PAID
      ? 'This referral commission is already paid'
      : 'This referral has not converted yet: only converted referrals can be marked paid',
    { status: existing.conversionStatus },
  );
}

/**
 * The referral hook of a plan change: when a referee moves to a paid plan, their pending signup
 * becomes converted with the commission for that plan. One conditional single-document update
 * (only a pending signup matches), so a conversion happens once: downgrading and upgrading again,
 * moving between paid plans, or two upgrades at the same moment never convert twice.
 */
export async function convertReferral(ctx: Context, refereeId: Types.ObjectId, tier: SubscriptionTier): Promise<ReferralSignup | null> {
  if (!isPaidTier(tier)) return null;
  return ReferralSignupModel.findOneAndUpdate(
    { refereeUserId: refereeId, conversionStatus: ConversionStatus.PENDING },
    {
      $set: {
        conversionStatus: ConversionStatus.CONVERTED,
        commissionCents: commissionCents(ctx.config.REFERRAL_COMMISSION_RATE, TIER_LIMITS[tier].priceCents),
        convertedTier: tier,
        convertedAt: new Date(),
      },
    },
    { returnDocument: 'after' },
  ).lean<ReferralSignup>();
}

// ---------------------------------------------------------------------------------------------
// What a referrer sees of the person they referred: never the full email.

/** "Jane Doe" → "Jane D."; a single name stays as it is. */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'Someone';
  if (words.length === 1) return words[0]!;
  return `${words[0]} ${[...words.at(-1)!][0]!.toUpperCase()}.`;
}

/** "jane@example.com" → "j***@e***.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${[...local][0]}***@${[...host][0] ?? ''}***${tld}`;
}

function refereeOf(ctx: Context, signup: ReferralSignup): Promise<User | null> {
  return ctx.loaders.userById.load(signup.refereeUserId.toHexString());
}

export async function refereeNameOf(ctx: Context, signup: ReferralSignup): Promise<string> {
  const referee = await refereeOf(ctx, signup);
  return referee ? maskName(referee.name) : 'Deleted account';
}

export async function refereeEmailOf(ctx: Context, signup: ReferralSignup): Promise<string | null> {
  const referee = await refereeOf(ctx, signup);
  return referee ? maskEmail(referee.email) : null;
}

export async function referrerOf(ctx: Context, signup: ReferralSignup): Promise<User | null> {
  return ctx.loaders.userById.load(signup.referrerUserId.toHexString());
}

export async function codeOf(ctx: Context, signup: ReferralSignup): Promise<string | null> {
  const code = await ctx.loaders.referralCodeById.load(signup.referralCodeId.toHexString());
  return code?.code ?? null;
}
