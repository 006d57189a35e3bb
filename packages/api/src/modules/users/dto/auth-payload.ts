import { Field, ObjectType } from 'type-graphql';
import { User } from '../user.model.js';

/**
 * A fresh session: the only type whose fields carry credentials, and only ones issued by this very
 * response (the schema-wide secrets test allows exactly these two fields).
 */
@ObjectType({ description: 'Tokens of a new session. Send the access token as "Authorization: Bearer <accessToken>".' })
export class AuthPayload {
  @Field(() => String, { description: 'Short-lived JWT for the Authorization header.' })
  accessToken: string;

  @Field(() => Date)
  accessTokenExpiresAt: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'Opaque, single-use: exchange it with the refreshToken mutation for a new pair. Null when the request carried "X-Soash-Session: cookie" (the web app): the token was then set as an httpOnly cookie for POST /auth/refresh instead.',
  })
  refreshToken: string | null;

  @Field(() => Date)
  refreshTokenExpiresAt: Date;

  @Field(() => User)
  user: User;
}
