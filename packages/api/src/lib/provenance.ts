import { prop } from '@typegoose/typegoose';
import { Field, ObjectType } from 'type-graphql';

/**
 * Where a stored number came from: the platform's raw metric name and API version at fetch time.
 * Kept so that a platform renaming or retiring a metric (e.g. Instagram `impressions` → `views`)
 * is visible in the data rather than silently changing its meaning.
 */
@ObjectType()
export class MetricSource {
  @Field(() => String, { description: 'Soash field the value was stored in.' })
  @prop({ type: () => String, required: true })
  field: string;

  @Field(() => String, { description: "The platform's own metric name." })
  @prop({ type: () => String, required: true })
  metric: string;

  @Field(() => String)
  @prop({ type: () => String, required: true })
  apiVersion: string;

  @Field(() => Date)
  @prop({ type: () => Date, required: true })
  fetchedAt: Date;
}
