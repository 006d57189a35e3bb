import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "The viewer's referral code, share link and results. Money is in integer cents." })
export class ReferralSummary {
  @Field(() => String, { description: 'The active code, e.g. JANE123-REF.' })
  code: string;

  @Field(() => String, { description: 'A sign-up link carrying the code: <web app>/register?ref=CODE.' })
  shareUrl: string;

  @Field(() => Float, { description: 'Share of the plan price credited per conversion (REFERRAL_COMMISSION_RATE).' })
  commissionRate: number;

  @Field(() => Int, { description: 'Days a commission is held after the payment (REFERRAL_HOLD_DAYS): a refund or chargeback in them reverses it.' })
  holdDays: number;

  @Field(() => Int, { description: 'Signups that have not paid for a plan yet.' })
  pendingCount: number;

  @Field(() => Int, { description: 'Signups who paid (verified email); commission held or due, not paid out yet.' })
  convertedCount: number;

  @Field(() => Int, { description: 'Signups whose commission was paid out.' })
  paidCount: number;

  @Field(() => Int, { description: 'Commission earned by converted and paid signups, in cents (reversed ones count nothing).' })
  earnedCents: number;

  @Field(() => Int, { description: 'Commission paid out, in cents.' })
  paidCents: number;
}
