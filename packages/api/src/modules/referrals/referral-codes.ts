import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../lib/errors.js';
import { ReferralCodeModel, type ReferralCode } from './referral-code.model.js';

/**
 * Referral codes look like USER123-REF: up to 8 upper-case letters taken from the owner's name
 * (accents dropped; "USER" when the name has no Latin letters), a few random digits and "-REF".
 * Codes are unique (unique index); a collision is retried with new digits, and after a few tries
 * with more digits.
 */
export const CODE_SUFFIX = '-REF';
const PREFIX_LENGTH = 8;
const MAX_ATTEMPTS = 12;

export function codePrefix(name: string | null | undefined): string {
  const letters = (name ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  return letters.slice(0, PREFIX_LENGTH) || 'USER';
}

/** Digits for attempt n: 3 for the first five tries, then 4, then 6. */
function digitsFor(attempt: number): string {
  const width = attempt < 5 ? 3 : attempt < 9 ? 4 : 6;
  return String(randomInt(10 ** (width - 1), 10 ** width));
}

export function candidateCode(name: string | null | undefined, attempt = 0): string {
  return `${codePrefix(name)}${digitsFor(attempt)}${CODE_SUFFIX}`;
}

/** Upper case, no surrounding spaces: codes are matched case-insensitively. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

function activeCodeOf(userId: Types.ObjectId): Promise<ReferralCode | null> {
  return ReferralCodeModel.findOne({ userId, isActive: true }).sort({ _id: -1 }).lean<ReferralCode>();
}

/**
 * Creates a new active code for the user. Two creations racing for the same user cannot both
 * succeed (unique activeUserId): the loser answers the winner's code.
 */
async function createActiveCode(userId: Types.ObjectId, name: string | null | undefined): Promise<ReferralCode> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      const doc = await ReferralCodeModel.create({ userId, code: candidateCode(name, attempt), isActive: true, activeUserId: userId });
      return doc.toObject() as ReferralCode;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // Either the code is taken (retry with new digits) or another request just gave the user
      // an active code (use that one).
      const existing = await activeCodeOf(userId);
      if (existing) return existing;
    }
  }
  throw new Error(`could not find a free referral code after ${MAX_ATTEMPTS} attempts`);
}

/** The user's active code, created if they have none (at sign-up, or lazily for older accounts). */
export async function ensureActiveCode(userId: Types.ObjectId, name: string | null | undefined): Promise<ReferralCode> {
  return (await activeCodeOf(userId)) ?? createActiveCode(userId, name);
}

/**
 * Replaces the user's active code with a new one. The old code stays on record, inactive: signups
 * made with it keep their link, and it can no longer be used to register.
 */
export async function rotateCode(userId: Types.ObjectId, name: string | null | undefined): Promise<ReferralCode> {
  await ReferralCodeModel.updateMany({ userId, isActive: true }, { $set: { isActive: false }, $unset: { activeUserId: 1 } });
  return createActiveCode(userId, name);
}
