import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';

/**
 * Failed sign-ins of one (email, client address) pair: how many in a row, and the earliest moment
 * the pair may try again. The key holds a hash of the email, never the address in clear. Not exposed
 * through GraphQL. Old pairs expire by TTL (and a success deletes its pair at once).
 */
@modelOptions({ schemaOptions: { versionKey: false, collection: 'login_throttles' } })
@index({ key: 1 }, { unique: true })
@index({ expiresAt: 1 }, { expireAfterSeconds: 0 })
export class LoginThrottle {
  @prop({ type: () => String, required: true })
  key: string;

  @prop({ type: () => Number, required: true, default: 0 })
  failures: number;

  @prop({ type: () => Date })
  nextAttemptAt?: Date;

  @prop({ type: () => Date, required: true })
  expiresAt: Date;
}

export const LoginThrottleModel = getModelForClass(LoginThrottle);
