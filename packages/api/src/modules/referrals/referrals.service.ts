import { isPaidTier, type SubscriptionTier } from '@soash/shared';
import { Types } from 'mongoose';
import type { Config } from '../../config.js';
import { badInput, conflict, notFound } from '../../lib/errors.js';
import { log } from '../../lib/logger.js';
import { ConversionStatus } from '../../lib/graphql-enums.js';
import { toObjectId } from '../../lib/ids.js';
import { paginate, type Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import type { PaidInvoice } from '../subscriptions/payment-provider.js';
import { UserModel, type User } from '../users/user.model.js';
import { requireAdmin, viewerUser } from '../users/users.service.js';
import { commissionCents } from './commission.js';
import type { ReferralSignupsArgs } from './dto/referrals.args.js';
import type { ReferralSummary } from './dto/referral-summary.js';
import { ReferralSignupModel, type ReferralSignup } from './referral-signup.model.js';
import { ensureActiveCode, rotateCode } from './referral-codes.js';

const DAY_MS = 24 * 3600 * 1000;

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
    holdDays: ctx.config.REFERRAL_HOLD_DAYS,
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

/**
 * Records that a converted signup's commission was paid out (admins only; converted → paid only,
 * and only once its holding period is over: until then a refund or chargeback may still reverse it).
 */
export async function markReferralPaid(ctx: Context, id: string): Promise<ReferralSignup> {
  await requireAdmin(ctx);
  const signupId = toObjectId(id, 'id');
  const now = new Date();
  const paid = await ReferralSignupModel.findOneAndUpdate(
    {
      _id: signupId,
      conversionStatus: ConversionStatus.CONVERTED,
      // Conversions recorded before holds existed are held from their conversion.
      $or: [{ holdUntil: { $lte: now } }, { holdUntil: null, convertedAt: { $lte: new Date(now.getTime() - ctx.config.REFERRAL_HOLD_DAYS * DAY_MS) } }],
    },
    { $set: { conversionStatus: ConversionStatus.PAID, paidAt: now } },
    { returnDocument: 'after' },
  ).lean<ReferralSignup>();
  if (paid) return paid;
  const existing = await ReferralSignupModel.findById(signupId).lean<ReferralSignup>();
  if (!existing) throw notFound('Referral signup');
  if (existing.conversionStatus === ConversionStatus.CONVERTED) {
    const until = existing.holdUntil ?? new Date((existing.convertedAt ?? now).getTime() + ctx.config.REFERRAL_HOLD_DAYS * DAY_MS);
    throw conflict(`This commission is held until ${until.toISOString()} (a refund or chargeback before then reverses it); it can be paid out after that`, {
      status: existing.conversionStatus,
      holdUntil: until.toISOString(),
    });
  }
  const why: Record<string, string> = {
    [ConversionStatus.PAID]: 'This referral commission is already paid',
    [ConversionStatus.REVERSED]: 'This referral was reversed (its payment was refunded or charged back): there is no commission to pay',
  };
  throw conflict(why[existing.conversionStatus] ?? 'This referral has not converted yet: only converted referrals can be marked paid', { status: existing.conversionStatus });
}

/**
 * Converts the referee's pending signup on a paid invoice: the commission is the configured share
 * of what was actually paid, held REFERRAL_HOLD_DAYS from the payment. Nothing converts without a
 * paid invoice of a positive amount (the built-in payment provider reports none, so on a server
 * without a real provider no commission is ever earned), for a referee whose email is not
 * verified, or for a free plan. One conditional single-document update (only a pending signup
 * matches), so a conversion happens once: downgrading and upgrading again, moving between paid
 * plans, a renewal, or two payments at the same moment never convert twice.
 */
export async function convertReferral(
  config: Pick<Config, 'REFERRAL_COMMISSION_RATE' | 'REFERRAL_HOLD_DAYS'>,
  refereeId: Types.ObjectId,
  tier: SubscriptionTier,
  invoice: PaidInvoice | undefined,
): Promise<ReferralSignup | null> {
  if (!isPaidTier(tier) || !invoice || !Number.isSafeInteger(invoice.amountCents) || invoice.amountCents <= 0) return null;
  // Sock-puppet accounts with made-up addresses earn nothing: the referee must have confirmed theirs.
  if (!(await UserModel.exists({ _id: refereeId, isVerified: true }))) return null;
  const paidAt = invoice.paidAt instanceof Date && !Number.isNaN(invoice.paidAt.getTime()) ? invoice.paidAt : new Date();
  return ReferralSignupModel.findOneAndUpdate(
    { refereeUserId: refereeId, conversionStatus: ConversionStatus.PENDING },
    {
      $set: {
        conversionStatus: ConversionStatus.CONVERTED,
        commissionCents: commissionCents(config.REFERRAL_COMMISSION_RATE, invoice.amountCents),
        convertedTier: tier,
        convertedAt: paidAt,
        invoiceId: invoice.id,
        holdUntil: new Date(paidAt.getTime() + config.REFERRAL_HOLD_DAYS * DAY_MS),
      },
    },
    { returnDocument: 'after' },
  ).lean<ReferralSignup>();
}

/**
 * The payment provider reports a paid invoice of a user on `tier` (a renewal, or a charge that
 * settled after the plan change): a pending referral of that user converts on it, as above.
 */
export async function reportInvoicePaid(
  config: Pick<Config, 'REFERRAL_COMMISSION_RATE' | 'REFERRAL_HOLD_DAYS'>,
  event: { userId: string; tier: SubscriptionTier; invoice: PaidInvoice },
): Promise<ReferralSignup | null> {
  if (!Types.ObjectId.isValid(event.userId)) throw badInput('userId is not a valid id', 'userId');
  return convertReferral(config, new Types.ObjectId(event.userId), event.tier, event.invoice);
}

/**
 * The payment provider reports that an invoice was refunded or charged back. A commission earned
 * on it and still held is reversed; one already paid out stays paid (the hold is there so that this
 * is rare) and is logged for the operator. Unknown invoices change nothing. Idempotent.
 */
export async function reportInvoiceReversed(event: { invoiceId: string; reason: 'refund' | 'chargeback'; at?: Date }): Promise<ReferralSignup | null> {
  const at = event.at ?? new Date();
  const reversed = await ReferralSignupModel.findOneAndUpdate(
    { invoiceId: event.invoiceId, conversionStatus: ConversionStatus.CONVERTED },
    { $set: { conversionStatus: ConversionStatus.REVERSED, reversedAt: at, reversalReason: event.reason } },
    { returnDocument: 'after' },
  ).lean<ReferralSignup>();
  if (reversed) return reversed;
  const existing = await ReferralSignupModel.findOne({ invoiceId: event.invoiceId }).lean<ReferralSignup>();
  if (existing?.conversionStatus === ConversionStatus.PAID) {
    log.warn(`referrals: a ${event.reason} arrived for an invoice whose commission was already paid out`, { referralSignupId: existing._id.toHexString() });
  }
  return existing;
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
