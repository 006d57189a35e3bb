import { SessionOnly } from '../../auth/scope.js';
import { Arg, Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { AuthPayload } from './dto/auth-payload.js';
import { RegisterPayload } from './dto/register-payload.js';
import { ChangePasswordArgs, LoginInput, LogoutArgs, RegisterInput, ResetPasswordArgs } from './dto/auth.inputs.js';
import * as auth from './auth.service.js';
import { deliverSession, rotateRefreshToken } from './sessions.service.js';
import { User } from './user.model.js';

@Resolver()
export class AuthResolver {
  @SessionOnly()
  @Mutation(() => RegisterPayload, {
    description:
      'Signs up. A new address gets an account and a link to confirm it; an address that already has an account gets a mail telling its owner. The answer is the same in both cases and carries no session: sign in with login (where mail is delivered, once the address is confirmed).',
  })
  register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() ctx: Context): Promise<RegisterPayload> {
    return auth.register(ctx, input);
  }

  @SessionOnly()
  @Mutation(() => AuthPayload, { description: 'Signs in with email and password. Rate-limited per email and per address.' })
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: Context): Promise<AuthPayload> {
    return deliverSession(ctx, await auth.login(ctx, input));
  }

  @SessionOnly()
  @Mutation(() => AuthPayload, {
    description: 'Exchanges a refresh token for a new token pair. Each refresh token works once; presenting a used one revokes its whole session.',
  })
  async refreshToken(@Arg('token', () => String) token: string, @Ctx() ctx: Context): Promise<AuthPayload> {
    return deliverSession(ctx, await rotateRefreshToken(ctx.config, token, { ip: ctx.ip, userAgent: ctx.userAgent }));
  }

  @Authorized()
  @SessionOnly()
  @Mutation(() => Boolean, { description: 'Ends the session of the given refresh token, or every session of the viewer with allSessions: true.' })
  logout(@Args(() => LogoutArgs) args: LogoutArgs, @Ctx() ctx: Context): Promise<boolean> {
    return auth.logout(ctx, args);
  }

  @SessionOnly()
  @Mutation(() => User, { description: 'Confirms the email address with the token from the verification link.' })
  verifyEmail(@Arg('token', () => String) token: string): Promise<User> {
    return auth.verifyEmail(token);
  }

  @Authorized()
  @SessionOnly()
  @Mutation(() => Boolean, { description: 'Mails a new verification link. False when the address is already verified.' })
  resendVerificationEmail(@Ctx() ctx: Context): Promise<boolean> {
    return auth.resendVerificationEmail(ctx);
  }

  @SessionOnly()
  @Mutation(() => Boolean, { description: 'Mails a password reset link (valid 1 hour) if the account exists. Always true.' })
  requestPasswordReset(@Arg('email', () => String) email: string, @Ctx() ctx: Context): Promise<boolean> {
    return auth.requestPasswordReset(ctx, email);
  }

  @SessionOnly()
  @Mutation(() => Boolean, { description: 'Sets a new password with the token from the reset link and signs the account out everywhere.' })
  resetPassword(@Args(() => ResetPasswordArgs) args: ResetPasswordArgs): Promise<boolean> {
    return auth.resetPassword(args);
  }

  @Authorized()
  @SessionOnly()
  @Mutation(() => AuthPayload, { description: 'Changes the password; every other session ends and this one gets new tokens.' })
  async changePassword(@Args(() => ChangePasswordArgs) args: ChangePasswordArgs, @Ctx() ctx: Context): Promise<AuthPayload> {
    return deliverSession(ctx, await auth.changePassword(ctx, args));
  }

  @Authorized()
  @SessionOnly()
  @Mutation(() => Boolean, {
    description:
      'Deletes the account, the workspaces it owns and everything in them, and its memberships elsewhere. A wrong password is BAD_USER_INPUT naming "password". Owning a workspace that other members still use is CONFLICT naming those workspaces (extensions.workspaces): transfer their ownership first.',
  })
  deleteAccount(@Arg('password', () => String) password: string, @Ctx() ctx: Context): Promise<boolean> {
    return auth.deleteAccount(ctx, password);
  }
}
