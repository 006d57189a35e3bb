import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, Int, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { ConversionStatus, SubscriptionTier } from '../../lib/graphql-enums.js';

/**
 * Someone who signed up with a referral code. Money is stored in integer cents.
 * A referee can be referred once (unique refereeUserId).
 *
 * pending → converted (the referee, with a verified email, paid an invoice: the commission is a
 * share of what was paid, held REFERRAL_HOLD_DAYS) → paid (an admin paid it out, after the hold);
 * a refund or chargeback of that invoice during the hold → reversed (no commission).
 */
@ObjectType()
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'referral_signups' } })
@index({ referralCodeId: 1 })
@index({ referrerUserId: 1, signupDate: -1 })
@index({ refereeUserId: 1 }, { unique: true })
@index({ conversionStatus: 1, signupDate: -1 })
@index({ invoiceId: 1 }, { sparse: true })
export class ReferralSignup extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  referralCodeId: Types.ObjectId;

  /** Owner of the code (denormalised for queries and ownership checks). */
  @prop({ type: () => Types.ObjectId, required: true })
  referrerUserId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  refereeUserId: Types.ObjectId;

  @Field(() => Date)
  @prop({ type: () => Date, required: true })
  signupDate: Date;

  @Field(() => ConversionStatus)
  @prop({ type: () => String, enum: Object.values(ConversionStatus), default: ConversionStatus.PENDING, required: true })
  conversionStatus: ConversionStatus;

  @Field(() => Int, { description: 'Commission in cents (0 until converted).' })
  @prop({ type: () => Number, default: 0, required: true, min: 0 })
  commissionCents: number;

  @Field(() => SubscriptionTier, { nullable: true, description: 'The paid plan the referee converted to.' })
  @prop({ type: () => String, enum: Object.values(SubscriptionTier) })
  convertedTier?: SubscriptionTier;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  convertedAt?: Date;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  paidAt?: Date;

  /** The payment provider's id of the invoice that converted it (refunds name it). */
  @prop({ type: () => String })
  invoiceId?: string;

  @Field(() => Date, { nullable: true, description: 'Until when the commission is held: a refund or chargeback before then reverses it; it can be paid out after.' })
  @prop({ type: () => Date })
  holdUntil?: Date;

  @Field(() => Date, { nullable: true, description: 'When the converting invoice was refunded or charged back (status REVERSED).' })
  @prop({ type: () => Date })
  reversedAt?: Date;

  @Field(() => String, { nullable: true, description: '"refund" or "chargeback" (status REVERSED).' })
  @prop({ type: () => String })
  reversalReason?: string;
}

export const ReferralSignupModel = getModelForClass(ReferralSignup);
