import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Whether this Soash instance can serve requests.' })
export class Health {
  @Field(() => String, { description: '"ok" when the database answers and the job worker runs, else "degraded".' })
  status: 'ok' | 'degraded';

  @Field(() => Boolean)
  database: boolean;

  @Field(() => Boolean, { description: 'The job scheduler is connected (and processing jobs when this process runs them).' })
  worker: boolean;

  @Field(() => String)
  version: string;

  @Field(() => Int)
  uptimeSeconds: number;
}
