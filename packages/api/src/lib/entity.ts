import { setGlobalOptions, Severity } from '@typegoose/typegoose';
import type { Types } from 'mongoose';
import { Field, ID, ObjectType } from 'type-graphql';

// JSON-valued fields (insight evidence, job results) are stored as Mixed on purpose; every model
// imports this file, so the option is set before any of them is built.
setGlobalOptions({ options: { allowMixed: Severity.ALLOW } });

/**
 * Every stored document: `id` in GraphQL (the ObjectId as an ID string), `_id` in MongoDB, and
 * the timestamps mongoose maintains (`schemaOptions.timestamps`). type-graphql copies these fields
 * into each subclass's type; `Entity` itself never appears in the schema (nothing returns it).
 */
@ObjectType()
export abstract class Entity {
  @Field(() => ID, { name: 'id' })
  readonly _id: Types.ObjectId;

  @Field(() => Date)
  readonly createdAt: Date;

  @Field(() => Date)
  readonly updatedAt: Date;
}

/** Schema options shared by every collection. */
export const baseSchemaOptions = { timestamps: true, versionKey: false } as const;
