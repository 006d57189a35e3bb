import { Scope } from '../../auth/scope.js';
import { ApiScope, WorkspaceRole } from '@soash/shared';
import { MinRole } from '../../auth/min-role.js';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Stats } from '../stats/stats.model.js';
import { SystemJob } from '../system-jobs/system-job.model.js';
import { ConnectPlatformResult } from './connect-platform.result.js';
import { ConnectorHealth } from './connector-health.type.js';
import { CompleteConnectionInput } from './dto/complete-connection.input.js';
import { ConnectPlatformInput } from './dto/connect-platform.input.js';
import { PendingConnectionView } from './pending-connection.type.js';
import { Platform } from './platform.model.js';
import {
  completeConnection,
  connectorHealthOf,
  connectPlatform,
  disconnectPlatform,
  getPlatform,
  listConnectorHealth,
  listPlatforms,
  nextManualSyncAt,
  pendingConnection,
  requestSync,
} from './platforms.service.js';

/** A mutation that adds, changes or removes accounts: what the request read of them is forgotten. */
function changesAccounts<T>(ctx: Context, done: Promise<T>): Promise<T> {
  return done.finally(() => {
    ctx.loaders.workspacePlatforms.clearAll();
  });
}

@Resolver(() => Platform)
export class PlatformsResolver {
  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.PLATFORMS_READ)
  @Query(() => [Platform], { description: "The viewer's connected accounts." })
  platforms(@Ctx() ctx: Context): Promise<Platform[]> {
    return listPlatforms(ctx);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.PLATFORMS_READ)
  @Query(() => Platform, { description: 'One of the viewer\'s accounts.' })
  platform(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Platform> {
    return getPlatform(ctx, id);
  }

  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.PLATFORMS_READ)
  @Query(() => [ConnectorHealth], { description: "Token expiry, last sync, last error and rate-limit budget of each of the viewer's accounts." })
  connectorHealth(@Ctx() ctx: Context): Promise<ConnectorHealth[]> {
    return listConnectorHealth(ctx);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @Scope(ApiScope.PLATFORMS_WRITE)
  @Mutation(() => ConnectPlatformResult, {
    description:
      'Starts connecting an account: returns the platform\'s authorizeUrl (OAuth), or with sandbox: true connects a sandbox account at once and schedules its backfill.',
  })
  connectPlatform(@Arg('input', () => ConnectPlatformInput) input: ConnectPlatformInput, @Ctx() ctx: Context): Promise<ConnectPlatformResult> {
    return changesAccounts(ctx, connectPlatform(ctx, input));
  }

  @MinRole(WorkspaceRole.ADMIN)
  @Scope(ApiScope.PLATFORMS_WRITE)
  @Query(() => PendingConnectionView, {
    description: 'A login that reaches several accounts (Facebook Pages, LinkedIn organizations), waiting for the viewer to choose; the callback redirects to /platforms/connect/<id>.',
  })
  pendingConnection(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PendingConnectionView> {
    return pendingConnection(ctx, id);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @Scope(ApiScope.PLATFORMS_WRITE)
  @Mutation(() => [Platform], { description: "Connects the chosen accounts of the viewer's pending connection (all or none, within the plan's account limit) and schedules their backfill." })
  completeConnection(@Arg('input', () => CompleteConnectionInput) input: CompleteConnectionInput, @Ctx() ctx: Context): Promise<Platform[]> {
    return changesAccounts(ctx, completeConnection(ctx, input));
  }

  @MinRole(WorkspaceRole.ADMIN)
  @Scope(ApiScope.PLATFORMS_WRITE)
  @Mutation(() => Boolean, { description: 'Disconnects an account and deletes everything pulled for it.' })
  disconnectPlatform(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return changesAccounts(ctx, disconnectPlatform(ctx, id));
  }

  @MinRole(WorkspaceRole.EDITOR)
  @Scope(ApiScope.PLATFORMS_WRITE)
  @Mutation(() => SystemJob, {
    description: 'Syncs an account now (at most once per SYNC_COOLDOWN_SECONDS). Returns the queued stats pull; follow the whole sync with syncProgress.',
  })
  syncPlatform(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<SystemJob> {
    return changesAccounts(ctx, requestSync(ctx, id));
  }

  @FieldResolver(() => Stats, { nullable: true, description: 'The most recent daily metrics.' })
  latestStats(@Root() platform: Platform, @Ctx() ctx: Context): Promise<Stats | null> {
    return ctx.loaders.latestStatsByPlatform.load(platform._id.toHexString());
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When "Sync now" (syncPlatform) is possible again: SYNC_COOLDOWN_SECONDS after the last manual sync. Null when it is possible now.',
  })
  nextManualSyncAt(@Root() platform: Platform): Date | null {
    return nextManualSyncAt(platform);
  }

  @FieldResolver(() => ConnectorHealth, { description: 'Token expiry, last sync, last error and rate-limit budget of this account.' })
  health(@Root() platform: Platform): Promise<ConnectorHealth> {
    return connectorHealthOf(platform);
  }
}
