import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PlatformType } from '../../lib/graphql-enums.js';

@ObjectType({ description: 'One account a login can connect.' })
export class ConnectionChoice {
  @Field(() => ID, { description: "The account's id on the platform (pass it to completeConnection)." })
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  username?: string;

  @Field(() => String, { nullable: true })
  avatarUrl?: string;

  @Field(() => String, { nullable: true, description: 'How the login reaches it ("Super admin", "Business: Acme Ltd").' })
  detail?: string;

  @Field(() => Boolean, { description: 'Already one of your accounts: choosing it renews its access and does not count again against the plan.' })
  connected: boolean;

  @Field(() => Boolean, { description: 'False when another Soash user has connected this account (it cannot be chosen).' })
  available: boolean;
}

@ObjectType({ description: 'A login that reaches several accounts, waiting for the user to choose which to connect.' })
export class PendingConnectionView {
  @Field(() => ID)
  id: string;

  @Field(() => PlatformType)
  type: PlatformType;

  @Field(() => Date, { description: 'After this, the choice must be made by logging in again.' })
  expiresAt: Date;

  @Field(() => [ConnectionChoice])
  choices: ConnectionChoice[];

  @Field(() => Int, { nullable: true, description: "How many more accounts the plan allows (null: no limit). Reconnecting one of yours is free." })
  remainingSlots: number | null;
}
