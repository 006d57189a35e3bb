import type { Types } from 'mongoose';
import { ConversionStatus } from '../../lib/graphql-enums.js';
import { badInput, conflict, isDuplicateKeyError } from '../../lib/errors.js';
import { ReferralCodeModel, type ReferralCode } from './referral-code.model.js';
import { ReferralSignupModel, type ReferralSignup } from './referral-signup.model.js';
import { ensureActiveCode, normalizeCode } from './referral-codes.js';

/**
 * The referral part of sign-up. `register` calls assertReferralCodeUsable before it creates
 * anything, then giveReferralCode and recordReferralSignup once the account exists.
 */

/** The active code `code` names (case-insensitive), or BAD_USER_INPUT naming the code. */
export async function assertReferralCodeUsable(code: string, field = 'referralCode'): Promise<ReferralCode> {
  const normalized = normalizeCode(code);
  const doc = normalized ? await ReferralCodeModel.findOne({ code: normalized, isActive: true }).lean<ReferralCode>() : null;
  if (!doc) throw badInput(`Referral code "${normalized || code}" is not valid`, field);
  return doc;
}

/** Every new account gets its own active referral code. */
export async function giveReferralCode(userId: Types.ObjectId, name: string): Promise<void> {
  await ensureActiveCode(userId, name);
}

/**
 * Records that `refereeId` signed up with `code` (pending until the referee pays). An upsert on
 * the unique refereeUserId: running it twice for the same code never creates a second signup.
 * Refused: a code of the referee's own (self-referral), and a referee who was already referred
 * with another code (one referral per referee).
 */
export async function recordReferralSignup(code: ReferralCode, refereeId: Types.ObjectId): Promise<void> {
  if (code.userId.equals(refereeId)) throw badInput('You cannot use your own referral code', 'referralCode');
  try {
    const now = new Date();
    const res = await ReferralSignupModel.updateOne(
      { refereeUserId: refereeId },
      {
        $setOnInsert: {
          referralCodeId: code._id,
          referrerUserId: code.userId,
          refereeUserId: refereeId,
          signupDate: now,
          conversionStatus: ConversionStatus.PENDING,
          commissionCents: 0,
          createdAt: now,
          updatedAt: now,
        },
      },
      // Timestamps by hand: mongoose's would $set updatedAt, touching an existing signup.
      { upsert: true, timestamps: false },
    );
    if (res.upsertedCount > 0) return;
  } catch (err) {
    // Two upserts raced and the unique index refused the second insert: look at the winner.
    if (!isDuplicateKeyError(err)) throw err;
  }
  const existing = await ReferralSignupModel.findOne({ refereeUserId: refereeId }).lean<ReferralSignup>();
  if (existing && !existing.referralCodeId.equals(code._id)) {
    throw conflict('This account was already referred; a referee can be referred only once', { field: 'referralCode' });
  }
}
