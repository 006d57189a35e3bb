import { PlatformType } from '@soash/shared';
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Whether this server can connect real accounts of one platform.' })
export class PlatformSetup {
  @Field(() => PlatformType)
  type: PlatformType;

  @Field(() => Boolean, { description: "The platform's app credentials are set on this server, so real accounts can connect (OAuth)." })
  configured: boolean;
}

@ObjectType({ description: 'What this Soash server is set up to do (nothing secret: no names or values of credentials).' })
export class ServerSetup {
  @Field(() => Boolean, { description: 'Mail is delivered (SMTP is configured). Without it, mail goes to the development outbox that admins can read.' })
  mailDelivery: boolean;

  @Field(() => [PlatformSetup], { description: 'Every platform, in the order the dashboard lists them. Sandbox accounts work for all of them.' })
  platforms: PlatformSetup[];
}
