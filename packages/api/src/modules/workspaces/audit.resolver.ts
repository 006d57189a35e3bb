import { SessionOnly } from '../../auth/scope.js';
import { WorkspaceRole } from '@soash/shared';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { MinRole } from '../../auth/min-role.js';
import type { Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import { AuditEvent } from './audit-event.model.js';
import { auditLog } from './audit.service.js';
import { AuditEventConnection, AuditLogArgs, UserSummary } from './dto/team.types.js';
import { userSummary } from './invitations.resolver.js';
import { teamActorOf } from './members.service.js';

@Resolver(() => AuditEvent)
export class AuditResolver {
  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Query(() => AuditEventConnection, {
    description:
      'The audit log of the active workspace, newest first: membership (member.*), connection (platform.*), settings (workspace.*) and API key (api_key.*) changes, kept one year. Admins and owners.',
  })
  auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() ctx: Context): Promise<Connection<AuditEvent>> {
    return auditLog(teamActorOf(ctx).workspaceId, args);
  }

  @FieldResolver(() => UserSummary, { nullable: true, description: 'Who acted; null for the system (jobs, migration) or a deleted account.' })
  actor(@Root() event: AuditEvent, @Ctx() ctx: Context): Promise<UserSummary | null> {
    return userSummary(ctx, event.actorId);
  }
}
