import { Field, ObjectType } from 'type-graphql';
import { Platform } from './platform.model.js';

@ObjectType({ description: 'Either where to send the user to authorise (OAuth) or the connected account (sandbox).' })
export class ConnectPlatformResult {
  @Field(() => String, { nullable: true, description: "The platform's authorisation page; the browser comes back through /oauth/<type>/callback." })
  authorizeUrl?: string;

  @Field(() => Platform, { nullable: true, description: 'The sandbox account, connected at once; its backfill is scheduled.' })
  platform?: Platform;
}
