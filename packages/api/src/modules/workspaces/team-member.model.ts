import { WorkspaceRole } from '@soash/shared';
import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { baseSchemaOptions } from '../../lib/entity.js';

/**
 * Seed 003's team_members: a user's membership of a workspace with a role. The owner is a member
 * too (role owner, exactly one per workspace). A removed member keeps the row with isActive false
 * (history for the audit log); access is checked against it on every request, so removal ends
 * access on the next request. Exposed through GraphQL as the `Member` type (a view with the user).
 */
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'team_members' } })
@index({ workspaceId: 1, userId: 1 }, { unique: true })
@index({ userId: 1, isActive: 1, workspaceId: 1 })
export class TeamMember {
  readonly _id: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId: Types.ObjectId;

  @prop({ type: () => String, enum: Object.values(WorkspaceRole), required: true })
  role: WorkspaceRole;

  @prop({ type: () => Boolean, required: true, default: true })
  isActive: boolean;

  @prop({ type: () => Types.ObjectId })
  invitedBy?: Types.ObjectId;

  /** When the user joined (or rejoined, after a removal) with the current membership. */
  @prop({ type: () => Date })
  joinedAt?: Date;

  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const TeamMemberModel = getModelForClass(TeamMember);
