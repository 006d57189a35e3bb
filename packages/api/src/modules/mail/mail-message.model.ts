import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Field, Int, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';

/**
 * The development outbox: without SMTP_URL, mail is kept here (and one line is logged) instead of
 * sent, so a developer can still confirm an address. The body holds single-use links, so it is
 * stored encrypted (AES-256-GCM with TOKEN_ENCRYPTION_KEYS, lib/crypto.ts), never in clear, and it
 * is readable only by its addressee, signed in, outside production (`myDevOutbox`). No admin path
 * reads anyone else's mail. Kept 14 days.
 */
@ObjectType({ description: 'A file a message of the development outbox came with (its name, type and size; the bytes are not kept).' })
export class MailAttachmentInfo {
  @Field(() => String)
  @prop({ type: () => String, required: true })
  filename: string;

  @Field(() => String)
  @prop({ type: () => String, required: true })
  contentType: string;

  @Field(() => Int, { description: 'Bytes.' })
  @prop({ type: () => Number, required: true })
  size: number;
}

@ObjectType({ description: "A message of the development outbox, shown to its addressee only (see Query.myDevOutbox)." })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'mail_outbox' } })
@index({ to: 1, createdAt: -1 })
@index({ createdAt: 1 }, { expireAfterSeconds: 14 * 24 * 3600 })
export class MailMessage extends Entity {
  @Field(() => String)
  @prop({ type: () => String, required: true })
  to: string;

  @Field(() => String)
  @prop({ type: () => String, required: true })
  subject: string;

  /** The body, encrypted (lib/crypto.ts encryptSecret); the `text` field resolver decrypts it. */
  @prop({ type: () => String, required: true, select: false })
  textEnc: string;

  @Field(() => [MailAttachmentInfo])
  @prop({ type: () => [MailAttachmentInfo], _id: false, default: [] })
  attachments: MailAttachmentInfo[];

  @Field(() => String, { description: 'verify_email, password_reset, notice, report, …' })
  @prop({ type: () => String, required: true })
  kind: string;
}

export const MailMessageModel = getModelForClass(MailMessage);
