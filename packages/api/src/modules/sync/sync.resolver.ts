import { Scope } from '../../auth/scope.js';
import { ApiScope, WorkspaceRole } from '@soash/shared';
import { MinRole } from '../../auth/min-role.js';
import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { subscribeSyncProgress } from './sync-progress.js';
import { SyncProgress } from './sync-progress.type.js';

@Resolver()
export class SyncResolver {
  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.PLATFORMS_READ)
  @Subscription(() => SyncProgress, {
    description: "Live progress of an account's sync (phase and counts); completes when no pull of the account is queued or running.",
    subscribe: ({ args, context }) => subscribeSyncProgress(context as Context, String((args as { platformId: unknown }).platformId)),
  })
  syncProgress(@Arg('platformId', () => ID) _platformId: string, @Root() event: SyncProgress): SyncProgress {
    return event;
  }
}
