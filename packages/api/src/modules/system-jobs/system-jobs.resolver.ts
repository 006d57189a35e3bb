import { Scope } from '../../auth/scope.js';
import { ApiScope, WorkspaceRole } from '@soash/shared';
import { MinRole } from '../../auth/min-role.js';
import { IsOptional } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { JobStatus } from '../../lib/graphql-enums.js';
import { connectionType, PageArgs, type Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import { Platform } from '../platforms/platform.model.js';
import { SystemJob } from './system-job.model.js';
import { listSystemJobs, platformOfJob } from './system-jobs.service.js';

export const SystemJobConnection = connectionType(SystemJob, 'SystemJob');

@ArgsType()
class SystemJobsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only runs for this account (one of the viewer\'s).' })
  platformId?: string | null;

  @Field(() => JobStatus, { nullable: true })
  @IsOptional()
  status?: JobStatus | null;
}

@Resolver(() => SystemJob)
export class SystemJobsResolver {
  @MinRole(WorkspaceRole.VIEWER)
  @Scope(ApiScope.PLATFORMS_READ)
  @Query(() => SystemJobConnection, { description: "Background job runs for the viewer's accounts, newest first (kept 30 days)." })
  systemJobs(@Args(() => SystemJobsArgs) args: SystemJobsArgs, @Ctx() ctx: Context): Promise<Connection<SystemJob>> {
    return listSystemJobs(ctx, args);
  }

  @FieldResolver(() => Platform, { nullable: true, description: 'The account the run was for (null for account-wide runs or a removed account).' })
  platform(@Root() job: SystemJob, @Ctx() ctx: Context): Promise<Platform | null> {
    return platformOfJob(ctx, job);
  }
}
