import { AUDIT_RETENTION_DAYS } from '@soash/shared';
import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { GraphQLJSON } from 'graphql-scalars';
import { Types } from 'mongoose';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * Who did what, when and from where, for membership, connection and settings changes of a
 * workspace. Readable by its owners and admins; kept AUDIT_RETENTION_DAYS (TTL index on `at`; where
 * the database has no TTL monitor the retention job deletes what is older).
 */
@ObjectType({ description: 'One entry of the audit log of a workspace: who did what, when and from where.' })
@modelOptions({ schemaOptions: { timestamps: false, versionKey: false, collection: 'audit_events' } })
@index({ workspaceId: 1, at: -1, _id: -1 })
@index({ at: 1 }, { expireAfterSeconds: AUDIT_RETENTION_DAYS * 86_400 })
export class AuditEvent {
  @Field(() => ID, { name: 'id' })
  readonly _id: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  /** The user who acted; absent for the system (jobs, migration). */
  @prop({ type: () => Types.ObjectId })
  actorId?: Types.ObjectId;

  /** A dotted action name, e.g. member.invited, member.role_changed, platform.connected, workspace.updated. */
  @Field(() => String, { description: 'A dotted action name: member.* (membership), platform.* (connections), workspace.* (settings), api_key.* (API keys).' })
  @prop({ type: () => String, required: true, maxlength: 64 })
  action: string;

  /** What the action was about: a kind and its id (member, invitation, platform, workspace, api_key). */
  @Field(() => String, { nullable: true, description: 'The kind of thing the action was about: member, invitation, platform, workspace or api_key.' })
  @prop({ type: () => String, maxlength: 32 })
  targetType?: string;

  @Field(() => String, { nullable: true, description: 'The id of that thing (a user id for a member).' })
  @prop({ type: () => String, maxlength: 64 })
  targetId?: string;

  /** Small, non-secret facts about the change (old and new role, platform type, changed fields). */
  @Field(() => GraphQLJSON, { nullable: true, description: 'Small, non-secret facts about the change, e.g. { from, to } roles or the invited email.' })
  @prop({ type: () => Object })
  details?: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'The client address the request came from.' })
  @prop({ type: () => String, maxlength: 64 })
  ip?: string;

  @Field(() => String, { nullable: true, description: "The client's user agent." })
  @prop({ type: () => String, maxlength: 256 })
  userAgent?: string;

  @Field(() => Date, { description: 'When it happened.' })
  @prop({ type: () => Date, required: true, default: () => new Date() })
  at: Date;
}

export const AuditEventModel = getModelForClass(AuditEvent);
