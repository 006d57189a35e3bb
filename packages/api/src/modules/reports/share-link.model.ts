import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';

/** A client link (listed, counted, optionally password-protected) or a render token (for the PDF renderer: short-lived, never listed or counted). */
export const ShareLinkKind = { CLIENT: 'client', RENDER: 'render' } as const;
export type ShareLinkKind = (typeof ShareLinkKind)[keyof typeof ShareLinkKind];

/**
 * A read-only link to one saved report, opened without an account at `/share/<token>`. Only the
 * SHA-256 of the token is stored (the token is shown once, at creation), and only the argon2 hash
 * of the optional password. A link works until `expiresAt` or `revokedAt`, and dies with its report
 * and its workspace.
 */
@ObjectType({ description: 'A read-only link to a saved report for people without an account (the link itself is shown only once, at creation).' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'report_share_links' } })
@index({ tokenHash: 1 }, { unique: true })
@index({ workspaceId: 1, reportId: 1, createdAt: -1 })
export class ReportShareLink extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => ID)
  @prop({ type: () => Types.ObjectId, required: true })
  reportId: Types.ObjectId;

  @prop({ type: () => String, enum: Object.values(ShareLinkKind), required: true, default: ShareLinkKind.CLIENT })
  kind: ShareLinkKind;

  /** SHA-256 (hex) of the token; never returned. */
  @prop({ type: () => String, required: true, select: false })
  tokenHash: string;

  @Field(() => String, { nullable: true, description: 'Who the link is for, e.g. the client’s name.' })
  @prop({ type: () => String, trim: true })
  label?: string;

  @Field(() => Date)
  @prop({ type: () => Date, required: true })
  expiresAt: Date;

  @Field(() => Boolean, { description: 'Whether the link asks for a password.' })
  @prop({ type: () => Boolean, required: true, default: false })
  hasPassword: boolean;

  /** argon2id hash of the password; never returned. */
  @prop({ type: () => String, select: false })
  passwordHash?: string;

  @Field(() => Date, { nullable: true })
  @prop({ type: () => Date })
  revokedAt?: Date;

  /** The member who created a client link (absent for render tokens). */
  @prop({ type: () => Types.ObjectId })
  createdBy?: Types.ObjectId;

  @Field(() => Date, { nullable: true, description: 'When the report was last opened through the link.' })
  @prop({ type: () => Date })
  lastViewedAt?: Date;

  @Field(() => Int, { description: 'How many times the report was opened through the link.' })
  @prop({ type: () => Number, required: true, default: 0 })
  viewCount: number;
}

export const ReportShareLinkModel = getModelForClass(ReportShareLink);
