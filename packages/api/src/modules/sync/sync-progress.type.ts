import { Field, ID, Int, ObjectType } from 'type-graphql';
import { JobStatus, JobType } from '../../lib/graphql-enums.js';

@ObjectType({ description: "Live progress of an account's sync (its queued and running pulls)." })
export class SyncProgress {
  @Field(() => ID)
  platformId: string;

  @Field(() => ID, { nullable: true, description: 'The SystemJob being reported.' })
  systemJobId?: string;

  @Field(() => JobType, { nullable: true })
  jobType?: JobType;

  @Field(() => JobStatus, { nullable: true })
  status?: JobStatus;

  @Field(() => String, { description: '"queued", "waiting", "profile", "stats", "posts", "metrics", "done", "failed" or "idle".' })
  phase: string;

  @Field(() => Int)
  done: number;

  @Field(() => Int, { nullable: true })
  total?: number | null;

  @Field(() => String, { nullable: true })
  message?: string | null;

  @Field(() => Int, { description: 'Pulls of this account still queued or running.' })
  activeJobs: number;

  @Field(() => Boolean, { description: 'True on the last event: nothing is queued or running any more.' })
  finished: boolean;

  @Field(() => String, { nullable: true, description: 'Why the reported job failed, if it did.' })
  errorMessage?: string | null;
}
