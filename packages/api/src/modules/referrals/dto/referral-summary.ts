import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "The viewer's referral code, share link and results. Money is in integer cents." })
export class ReferralSummary {
  @Field(() => String, { description: 'The active code, e.g. JANE123-REF.' })
  code: string;

  @Field(() => String, { description: 'A sign-up link carrying the code: <web app>/register?ref=CODE.' })
  shareUrl: string;

  @Field(() => Float, { description: 'Share of the plan price credited per conversion (REFERRAL_COMMISSION_RATE).' })
  commissionRate: number;

  @Field(() => Int, { description: 'Signups that have not moved to a paid plan yet.' })
  pendingCount: number;

  @Field(() => Int, { description: 'Signups that moved to a paid plan; commission not paid out yet.' })
  convertedCount: number;

  @Field(() => Int, { description: 'Signups whose commission was paid out.' })
  paidCount: number;

  @Field(() => Int, { description: 'Commission earned by converted and paid signups, in cents.' })
  earnedCents: number;

  @Field(() => Int, { description: 'Commission paid out, in cents.' })
  paidCents: number;
}
