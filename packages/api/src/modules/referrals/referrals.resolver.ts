import { SessionOnly } from '../../auth/scope.js';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionType, PageArgs, type Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import { User } from '../users/user.model.js';
import { ReferralSignupsArgs } from './dto/referrals.args.js';
import { ReferralSummary } from './dto/referral-summary.js';
import { ReferralSignup } from './referral-signup.model.js';
import * as referrals from './referrals.service.js';

export const ReferralSignupConnection = connectionType(ReferralSignup, 'ReferralSignup');

@Resolver(() => ReferralSignup)
export class ReferralsResolver {
  @Authorized()
  @SessionOnly()
  @Query(() => ReferralSummary, { description: "The viewer's referral code, share link, signup counts and commission totals." })
  myReferral(@Ctx() ctx: Context): Promise<ReferralSummary> {
    return referrals.myReferral(ctx);
  }

  @Authorized()
  @SessionOnly()
  @Mutation(() => ReferralSummary, { description: 'Replaces the referral code with a new one; the old code stops working, its signups stay.' })
  rotateReferralCode(@Ctx() ctx: Context): Promise<ReferralSummary> {
    return referrals.rotateReferralCode(ctx);
  }

  @Authorized()
  @SessionOnly()
  @Query(() => ReferralSignupConnection, { description: 'People who signed up with any of the viewer\'s codes, newest first.' })
  myReferralSignups(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<Connection<ReferralSignup>> {
    return referrals.myReferralSignups(ctx, page);
  }

  @Authorized('admin')
  @SessionOnly()
  @Query(() => ReferralSignupConnection, { description: 'Every referral signup, newest first, optionally in one state (admins only).' })
  referralSignups(@Args(() => ReferralSignupsArgs) args: ReferralSignupsArgs, @Ctx() ctx: Context): Promise<Connection<ReferralSignup>> {
    return referrals.listReferralSignups(ctx, args);
  }

  @Authorized('admin')
  @SessionOnly()
  @Mutation(() => ReferralSignup, { description: 'Marks a converted referral\'s commission as paid out (admins only).' })
  markReferralPaid(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ReferralSignup> {
    return referrals.markReferralPaid(ctx, id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The code used to sign up (it may have been rotated since).' })
  code(@Root() signup: ReferralSignup, @Ctx() ctx: Context): Promise<string | null> {
    return referrals.codeOf(ctx, signup);
  }

  @FieldResolver(() => String, { description: 'The referee, masked: first name and last initial ("Deleted account" once deleted).' })
  refereeName(@Root() signup: ReferralSignup, @Ctx() ctx: Context): Promise<string> {
    return referrals.refereeNameOf(ctx, signup);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The referee\'s email, masked (j***@e***.com); null once the account is deleted.' })
  refereeEmailMasked(@Root() signup: ReferralSignup, @Ctx() ctx: Context): Promise<string | null> {
    return referrals.refereeEmailOf(ctx, signup);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The owner of the code, who earns the commission.' })
  referrer(@Root() signup: ReferralSignup, @Ctx() ctx: Context): Promise<User | null> {
    return referrals.referrerOf(ctx, signup);
  }
}
