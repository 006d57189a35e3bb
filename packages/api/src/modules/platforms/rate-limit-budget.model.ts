import { prop } from '@typegoose/typegoose';
import { Field, Float, ObjectType } from 'type-graphql';

/** The API budget a platform reported in its last response's rate-limit headers. */
@ObjectType({ description: "What the platform's rate-limit headers last said about the API budget left." })
export class RateLimitBudget {
  @Field(() => Float, { nullable: true, description: 'Calls left in the window (unit "requests") or share of the budget left, 0-100 (unit "percent").' })
  @prop({ type: () => Number })
  remaining?: number;

  @Field(() => Float, { nullable: true })
  @prop({ type: () => Number })
  limit?: number;

  @Field(() => String, { description: '"requests" or "percent".' })
  @prop({ type: () => String, enum: ['requests', 'percent'], required: true })
  unit: 'requests' | 'percent';

  @Field(() => Date, { nullable: true, description: 'When the budget resets, if the platform said.' })
  @prop({ type: () => Date })
  resetAt?: Date;

  @Field(() => Date)
  @prop({ type: () => Date, required: true })
  observedAt: Date;
}
