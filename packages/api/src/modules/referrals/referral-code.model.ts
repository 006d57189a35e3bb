import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';

/**
 * A user's referral code, in the form USER123-REF. One active code per user; rotated codes stay on
 * record (inactive) so signups keep their link.
 */
@ObjectType()
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'referral_codes' } })
@index({ code: 1 }, { unique: true })
@index({ userId: 1, isActive: 1 })
// At most one active code per user. A partial index would say it directly, but not every
// MongoDB-compatible server honours partialFilterExpression; a sparse unique index on a field
// that only the active code carries does the same everywhere.
@index({ activeUserId: 1 }, { unique: true, sparse: true })
export class ReferralCode extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  userId: Types.ObjectId;

  @Field(() => String)
  @prop({ type: () => String, required: true, uppercase: true, trim: true })
  code: string;

  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: true, required: true })
  isActive: boolean;

  /** The owner's id while the code is active, unset once it is rotated (see the index above). */
  @prop({ type: () => Types.ObjectId })
  activeUserId?: Types.ObjectId;
}

export const ReferralCodeModel = getModelForClass(ReferralCode);
