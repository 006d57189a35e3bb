import { WorkspaceRole } from '@soash/shared';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MinRole } from '../../auth/min-role.js';
import { SessionOnly } from '../../auth/scope.js';
import type { Context } from '../../server/context.js';
import { ApiKey, ApiKeyStatus } from './api-key.model.js';
import { displayPrefix } from './api-key-token.js';
import * as apiKeys from './api-keys.service.js';
import { CreateApiKeyInput, NewApiKey, RotateApiKeyArgs } from './dto/api-key.inputs.js';

/** Key management is for signed-in owners and admins: a key never makes or changes keys. */
@Resolver(() => ApiKey)
export class ApiKeysResolver {
  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Query(() => [ApiKey], { description: "The active workspace's API keys, newest first (revoked and expired ones included). Owners and admins." })
  apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    return apiKeys.listApiKeys(ctx);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Mutation(() => NewApiKey, {
    description: 'Creates an API key acting as the viewer in the active workspace, never above their current role. The secret is in this answer only. Owners and admins.',
  })
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: Context): Promise<NewApiKey> {
    return apiKeys.createApiKey(ctx, input);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Mutation(() => ApiKey, { description: 'Withdraws an API key: it stops working with the next request. Owners and admins.' })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ApiKey> {
    return apiKeys.revokeApiKey(ctx, id);
  }

  @MinRole(WorkspaceRole.ADMIN)
  @SessionOnly()
  @Mutation(() => NewApiKey, { description: 'Gives an API key a new secret (shown once); the old one keeps working for overlapHours. Owners and admins.' })
  rotateApiKey(@Args(() => RotateApiKeyArgs) args: RotateApiKeyArgs, @Ctx() ctx: Context): Promise<NewApiKey> {
    return apiKeys.rotateApiKey(ctx, args);
  }

  @FieldResolver(() => String, { description: 'The start of the key (soash_<public id>_), to recognise it; the rest is secret.' })
  prefix(@Root() key: ApiKey): string {
    return displayPrefix(key.publicId);
  }

  @FieldResolver(() => ApiKeyStatus)
  status(@Root() key: ApiKey): ApiKeyStatus {
    return apiKeys.apiKeyStatus(key);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the member who created the key (the key acts as them).' })
  async createdByName(@Root() key: ApiKey, @Ctx() ctx: Context): Promise<string | null> {
    const user = await ctx.loaders.userById.load(key.createdBy.toHexString());
    return user?.name ?? null;
  }
}
