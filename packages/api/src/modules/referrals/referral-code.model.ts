import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';

/** A user's referral code, in the form USER123-REF. One active code per user; rotated codes stay on record. */
@ObjectType()
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'referral_codes' } })
@index({ code: 1 }, { unique: true })
@index({ userId: 1, isActive: 1 })
export class ReferralCode extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  userId: Types.ObjectId;

  @Field(() => String)
  @prop({ type: () => String, required: true, uppercase: true, trim: true })
  code: string;

  @Field(() => Boolean)
  @prop({ type: () => Boolean, default: true, required: true })
  isActive: boolean;
}

export const ReferralCodeModel = getModelForClass(ReferralCode);
