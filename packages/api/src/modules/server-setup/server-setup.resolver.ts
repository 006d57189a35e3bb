import { AnyCredential } from '../../auth/scope.js';
import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { ServerSetup } from './server-setup.model.js';
import { serverSetup } from './server-setup.service.js';

@Resolver()
export class ServerSetupResolver {
  @Authorized()
  @AnyCredential()
  @Query(() => ServerSetup, { description: 'What this server is set up for: platforms that can connect real accounts, and whether mail is delivered.' })
  serverSetup(@Ctx() ctx: Context): ServerSetup {
    return serverSetup(ctx);
  }
}
