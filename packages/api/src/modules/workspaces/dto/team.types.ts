import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Types } from 'mongoose';
import { ArgsType, Field, ID, ObjectType } from 'type-graphql';
import { PASSWORD_MAX_LENGTH } from '../../../auth/password.js';
import { WorkspaceRole } from '../../../lib/graphql-enums.js';
import { connectionType, PageArgs } from '../../../lib/pagination.js';
import { AuditEvent } from '../audit-event.model.js';

@ObjectType({ description: 'A member of the active workspace: the account and its role there.' })
export class Member {
  @Field(() => ID, { description: 'The member’s user id (what changeRole, removeMember and transferOwnership take).' })
  userId: Types.ObjectId;

  @Field(() => String, { description: 'The member’s name.' })
  name: string;

  @Field(() => String, { description: 'The member’s email address.' })
  email: string;

  @Field(() => WorkspaceRole, { description: 'Owner (exactly one), admin, editor or viewer.' })
  role: WorkspaceRole;

  @Field(() => Boolean, { description: 'False for a removed member or one who left (listed only with includeRemoved).' })
  isActive: boolean;

  @Field(() => Date, { description: 'When the member joined (or last rejoined).' })
  joinedAt: Date;
}

@ObjectType({ description: 'A user as the team pages show them: who invited someone, who did something in the audit log.' })
export class UserSummary {
  @Field(() => ID, { description: 'The user id.' })
  id: string;

  @Field(() => String, { description: 'The user’s name.' })
  name: string;

  @Field(() => String, { description: 'The user’s email address.' })
  email: string;
}

@ObjectType()
export class AuditEventConnection extends connectionType(AuditEvent, 'AuditEvent') {}

@ArgsType()
export class MembersArgs {
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Also list removed members and those who left (isActive false).' })
  includeRemoved?: boolean | null;
}

@ArgsType()
export class InviteArgs {
  @Field(() => String, { description: 'The address to invite; NFKC-normalised, trimmed and lower-cased like account emails.' })
  @MaxLength(260)
  email: string;

  @Field(() => WorkspaceRole, { description: 'admin, editor or viewer, at most the inviter’s own role.' })
  role: WorkspaceRole;
}

@ArgsType()
export class ChangeRoleArgs {
  @Field(() => ID, { description: 'The member’s user id.' })
  userId: string;

  @Field(() => WorkspaceRole, { description: 'admin, editor or viewer.' })
  role: WorkspaceRole;
}

@ArgsType()
export class TransferOwnershipArgs {
  @Field(() => ID, { description: 'The user id of the active member who becomes the owner.' })
  userId: string;

  @Field(() => String, { description: 'The current owner’s password, to confirm.' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `password must be at most ${PASSWORD_MAX_LENGTH} characters long` })
  password: string;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only actions starting with this, e.g. "member." or "platform.connected".' })
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[a-z_.]*$/, { message: 'actionPrefix may contain only lower-case letters, "_" and "."' })
  actionPrefix?: string | null;
}
