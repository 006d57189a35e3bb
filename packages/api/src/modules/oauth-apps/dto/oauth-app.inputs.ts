import { ApiScope, OAUTH_MAX_REDIRECT_URIS } from '@soash/shared';
import { ArrayMaxSize, ArrayMinSize, IsString, MaxLength, MinLength } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import '../../../lib/graphql-enums.js';
import { OAuthApp } from '../oauth.models.js';

export const OAUTH_APP_NAME_MAX = 100;

@InputType({ description: 'A third-party app to register (instance admins).' })
export class CreateOAuthAppInput {
  @Field(() => String, { description: `1-${OAUTH_APP_NAME_MAX} characters; shown to users on the consent page.` })
  @IsString()
  @MinLength(1, { message: `name must be 1-${OAUTH_APP_NAME_MAX} characters long` })
  @MaxLength(OAUTH_APP_NAME_MAX, { message: `name must be 1-${OAUTH_APP_NAME_MAX} characters long` })
  name: string;

  @Field(() => [String], { description: `1-${OAUTH_MAX_REDIRECT_URIS} absolute URIs, matched exactly: https, or http on localhost/127.0.0.1/[::1]; no fragment.` })
  @ArrayMinSize(1, { message: 'redirectUris must name at least one URI' })
  @ArrayMaxSize(OAUTH_MAX_REDIRECT_URIS, { message: `redirectUris must name at most ${OAUTH_MAX_REDIRECT_URIS} URIs` })
  redirectUris: string[];

  @Field(() => [ApiScope], { description: 'The most the app may ask a user for; at least one.' })
  @ArrayMinSize(1, { message: 'scopes must name at least one scope' })
  @ArrayMaxSize(50, { message: 'scopes must name at most 50 scopes' })
  scopes: ApiScope[];

  @Field(() => Boolean, { defaultValue: true, description: 'true: a server-side app with a client secret. false: a public client (browser or native app) without one.' })
  confidential: boolean;
}

@ObjectType({ description: 'An app just registered or given a new secret: the secret is shown this once.' })
export class NewOAuthApp {
  @Field(() => OAuthApp)
  app: OAuthApp;

  @Field(() => String, { nullable: true, description: 'The client secret (confidential apps only). Store it now: Soash keeps only a hash.' })
  clientSecret: string | null;
}

@ObjectType({ description: 'What the consent page shows: the app asking and the scopes it asks for.' })
export class OAuthConsentRequest {
  @Field(() => String)
  appName: string;

  @Field(() => String)
  clientId: string;

  @Field(() => String, { description: 'Where the answer goes (one of the app\'s registered redirect URIs).' })
  redirectUri: string;

  @Field(() => [ApiScope], { description: 'The scopes asked for (the app\'s registered scopes when it asked for none).' })
  scopes: ApiScope[];
}
