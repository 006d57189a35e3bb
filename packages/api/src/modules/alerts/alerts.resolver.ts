import { ApiScope, WorkspaceRole } from '@soash/shared';
import { Arg, Args, Ctx, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { MinRole } from '../../auth/min-role.js';
import { Scope, SessionOnly } from '../../auth/scope.js';
import { connectionType, type Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import { AlertEvent } from './alert-event.model.js';
import { AlertRule } from './alert-rule.model.js';
import * as alerts from './alerts.service.js';
import { AlertEventsArgs, CreateAlertRuleInput, NotificationsArgs, UpdateAlertRuleInput } from './dto/alert.inputs.js';
import { Notification } from './notification.model.js';

@ObjectType()
export class AlertEventConnection extends connectionType(AlertEvent, 'AlertEvent') {}

@ObjectType()
export class NotificationConnection extends connectionType(Notification, 'Notification') {}

@Resolver(() => AlertRule)
export class AlertsResolver {
  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.ALERTS_READ)
  @Query(() => [AlertRule], { description: "The active workspace's alert rules, newest first." })
  alertRules(@Ctx() ctx: Context): Promise<AlertRule[]> {
    return alerts.listRules(ctx);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.ALERTS_READ)
  @Query(() => AlertEventConnection, { description: "The alerts the active workspace's rules fired, newest first." })
  alertEvents(@Args(() => AlertEventsArgs) args: AlertEventsArgs, @Ctx() ctx: Context): Promise<Connection<AlertEvent>> {
    return alerts.listEvents(ctx, args);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.ALERTS_WRITE)
  @Mutation(() => AlertRule, { description: 'Creates an alert rule. Editors and above.' })
  createAlertRule(@Arg('input', () => CreateAlertRuleInput) input: CreateAlertRuleInput, @Ctx() ctx: Context): Promise<AlertRule> {
    return alerts.createRule(ctx, input);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.ALERTS_WRITE)
  @Mutation(() => AlertRule, { description: 'Changes an alert rule (only the fields given). Editors and above.' })
  updateAlertRule(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateAlertRuleInput) input: UpdateAlertRuleInput, @Ctx() ctx: Context): Promise<AlertRule> {
    return alerts.updateRule(ctx, id, input);
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.ALERTS_WRITE)
  @Mutation(() => Boolean, { description: 'Deletes an alert rule (the alerts it fired stay in the history). Editors and above.' })
  deleteAlertRule(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return alerts.deleteRule(ctx, id);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @SessionOnly()
  @Query(() => NotificationConnection, { description: "The signed-in member's notifications in the active workspace, newest first (theirs only)." })
  notifications(@Args(() => NotificationsArgs) args: NotificationsArgs, @Ctx() ctx: Context): Promise<Connection<Notification>> {
    return alerts.listNotifications(ctx, args);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @SessionOnly()
  @Query(() => Int, { description: "How many of the signed-in member's notifications in the active workspace are unread (the bell)." })
  unreadNotificationCount(@Ctx() ctx: Context): Promise<number> {
    return alerts.unreadCount(ctx);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @SessionOnly()
  @Mutation(() => Int, { description: "Marks the signed-in member's notifications read: the ids given, or all of them. Answers how many changed." })
  markNotificationsRead(
    @Arg('ids', () => [ID], { nullable: true }) ids: string[] | null,
    @Arg('all', () => Boolean, { nullable: true, defaultValue: false }) all: boolean,
    @Ctx() ctx: Context,
  ): Promise<number> {
    return alerts.markRead(ctx, ids, all);
  }
}
