import { Role } from '@soash/shared';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SessionOnly } from '../../auth/scope.js';
import type { Context } from '../../server/context.js';
import { CreateOAuthAppInput, NewOAuthApp, OAuthConsentRequest } from './dto/oauth-app.inputs.js';
import { OAuthApp, OAuthGrant } from './oauth.models.js';
import * as oauthApps from './oauth-apps.service.js';

@ArgsType()
class OAuthConsentArgs {
  @Field(() => String, { description: 'The client_id of the authorization request.' })
  clientId: string;

  @Field(() => String, { nullable: true, description: 'The redirect_uri of the request, if any.' })
  redirectUri?: string | null;

  @Field(() => String, { nullable: true, description: 'The scope of the request (space-separated), if any.' })
  scope?: string | null;
}

/** App registration is for instance admins; consent and connected apps for the signed-in user. Never with a partner credential. */
@Resolver(() => OAuthApp)
export class OAuthAppsResolver {
  @Authorized(Role.ADMIN)
  @SessionOnly()
  @Query(() => [OAuthApp], { description: 'Every registered third-party app, newest first (instance admins).' })
  oauthApps(@Ctx() ctx: Context): Promise<OAuthApp[]> {
    return oauthApps.listOAuthApps(ctx);
  }

  @Authorized(Role.ADMIN)
  @SessionOnly()
  @Mutation(() => NewOAuthApp, { description: 'Registers a third-party app; a confidential app\'s client secret is in this answer only (instance admins).' })
  createOAuthApp(@Arg('input', () => CreateOAuthAppInput) input: CreateOAuthAppInput, @Ctx() ctx: Context): Promise<NewOAuthApp> {
    return oauthApps.createOAuthApp(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @SessionOnly()
  @Mutation(() => NewOAuthApp, { description: 'Gives a confidential app a new client secret (shown once); the old one stops working at once (instance admins).' })
  rotateOAuthAppSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<NewOAuthApp> {
    return oauthApps.rotateOAuthAppSecret(ctx, id);
  }

  @Authorized(Role.ADMIN)
  @SessionOnly()
  @Mutation(() => Boolean, { description: 'Removes an app: every access it was granted ends at once (instance admins).' })
  deleteOAuthApp(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return oauthApps.deleteOAuthApp(ctx, id);
  }

  @Authorized()
  @SessionOnly()
  @Query(() => OAuthConsentRequest, { description: 'The app and scopes of an authorization request, for the consent page; a bad request is BAD_USER_INPUT.' })
  oauthConsentRequest(@Args(() => OAuthConsentArgs) args: OAuthConsentArgs, @Ctx() ctx: Context): Promise<OAuthConsentRequest> {
    return oauthApps.consentRequest(ctx, args.clientId, args.redirectUri, args.scope);
  }
}

@Resolver(() => OAuthGrant)
export class OAuthGrantsResolver {
  @Authorized()
  @SessionOnly()
  @Query(() => [OAuthGrant], { description: 'The apps the signed-in user allowed to act for them (Settings → Connected apps), newest first.' })
  connectedApps(@Ctx() ctx: Context): Promise<OAuthGrant[]> {
    return oauthApps.myOAuthGrants(ctx);
  }

  @Authorized()
  @SessionOnly()
  @Mutation(() => OAuthGrant, { description: 'Withdraws an app\'s access (one of the viewer\'s grants): its tokens stop working with the next request.' })
  revokeConnectedApp(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<OAuthGrant> {
    return oauthApps.revokeMyOAuthGrant(ctx, id);
  }

  @FieldResolver(() => String, { description: 'The app\'s name ("Removed app" once deleted).' })
  async appName(@Root() grant: OAuthGrant): Promise<string> {
    return (await oauthApps.appOfGrant(grant))?.name ?? 'Removed app';
  }

  @FieldResolver(() => ID, { description: 'The workspace the app acts in.' })
  workspaceId(@Root() grant: OAuthGrant): string {
    return grant.workspaceId.toHexString();
  }

  @FieldResolver(() => String, { nullable: true, description: 'Its name (null once the user is no longer a member: the access has then stopped working).' })
  async workspaceName(@Root() grant: OAuthGrant, @Ctx() ctx: Context): Promise<string | null> {
    return oauthApps.workspaceNameOfGrant(ctx, grant);
  }
}
