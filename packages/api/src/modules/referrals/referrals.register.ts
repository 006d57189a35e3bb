import type { Types } from 'mongoose';
import { ConversionStatus } from '../../lib/graphql-enums.js';
import { badInput } from '../../lib/errors.js';
import { ReferralCodeModel, type ReferralCode } from './referral-code.model.js';
import { ReferralSignupModel } from './referral-signup.model.js';

/**
 * The referral part of sign-up. `register` calls assertReferralCodeUsable before it creates
 * anything and recordReferralSignup once the account exists.
 */

/** The active code `code` names (case-insensitive), or BAD_USER_INPUT naming the code. */
export async function assertReferralCodeUsable(code: string, field = 'referralCode'): Promise<ReferralCode> {
  const normalized = code.trim().toUpperCase();
  const doc = normalized ? await ReferralCodeModel.findOne({ code: normalized, isActive: true }).lean<ReferralCode>() : null;
  if (!doc) throw badInput(`Referral code "${normalized || code}" is not valid`, field);
  return doc;
}

/**
 * Records that `refereeId` signed up with `code` (pending until the referee pays). An upsert on
 * the unique refereeUserId, so running it twice never creates a second signup.
 */
export async function recordReferralSignup(code: ReferralCode, refereeId: Types.ObjectId): Promise<void> {
  await ReferralSignupModel.updateOne(
    { refereeUserId: refereeId },
    {
      $setOnInsert: {
        referralCodeId: code._id,
        referrerUserId: code.userId,
        refereeUserId: refereeId,
        signupDate: new Date(),
        conversionStatus: ConversionStatus.PENDING,
        commissionCents: 0,
      },
    },
    { upsert: true },
  );
}
