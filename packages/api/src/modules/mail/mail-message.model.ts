import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Field, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';

/**
 * The development outbox: without SMTP_URL, mail is stored here (and logged) instead of sent, so a
 * self-hoster can still verify accounts and reset passwords. Admins can read it. Kept 14 days.
 */
@ObjectType({ description: 'A message in the development outbox (admins only).' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'mail_outbox' } })
@index({ createdAt: -1 })
@index({ createdAt: 1 }, { expireAfterSeconds: 14 * 24 * 3600 })
export class MailMessage extends Entity {
  @Field(() => String)
  @prop({ type: () => String, required: true })
  to: string;

  @Field(() => String)
  @prop({ type: () => String, required: true })
  subject: string;

  @Field(() => String)
  @prop({ type: () => String, required: true })
  text: string;

  @Field(() => String, { description: 'verify_email, password_reset, notice, …' })
  @prop({ type: () => String, required: true })
  kind: string;
}

export const MailMessageModel = getModelForClass(MailMessage);
