import { AUDIT_RETENTION_DAYS } from '@soash/shared';
import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/**
 * Who did what, when and from where, for membership, connection and settings changes of a
 * workspace. Readable by its owners and admins; kept AUDIT_RETENTION_DAYS (TTL index on `at`; where
 * the database has no TTL monitor the retention job deletes what is older).
 */
@modelOptions({ schemaOptions: { timestamps: false, versionKey: false, collection: 'audit_events' } })
@index({ workspaceId: 1, at: -1, _id: -1 })
@index({ at: 1 }, { expireAfterSeconds: AUDIT_RETENTION_DAYS * 86_400 })
export class AuditEvent {
  readonly _id: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  /** The user who acted; absent for the system (jobs, migration). */
  @prop({ type: () => Types.ObjectId })
  actorId?: Types.ObjectId;

  /** A dotted action name, e.g. member.invited, member.role_changed, platform.connected, workspace.updated. */
  @prop({ type: () => String, required: true, maxlength: 64 })
  action: string;

  /** What the action was about: a kind and its id (member, invitation, platform, workspace). */
  @prop({ type: () => String, maxlength: 32 })
  targetType?: string;

  @prop({ type: () => String, maxlength: 64 })
  targetId?: string;

  /** Small, non-secret facts about the change (old and new role, platform type, changed fields). */
  @prop({ type: () => Object })
  details?: Record<string, unknown>;

  @prop({ type: () => String, maxlength: 64 })
  ip?: string;

  @prop({ type: () => String, maxlength: 256 })
  userAgent?: string;

  @prop({ type: () => Date, required: true, default: () => new Date() })
  at: Date;
}

export const AuditEventModel = getModelForClass(AuditEvent);
