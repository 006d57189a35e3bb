import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';

/**
 * A user's content category. Posts carry category ids (Activity.categoryIds), which is how the
 * many-to-many post↔category assignment is stored.
 */
@ObjectType()
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'content_categories' } })
@index({ workspaceId: 1, nameKey: 1 }, { unique: true })
export class ContentCategory extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => String)
  @prop({ type: () => String, required: true, trim: true, maxlength: 50 })
  name: string;

  /** Lower-cased name: names are unique per user regardless of case. */
  @prop({ type: () => String, required: true })
  nameKey: string;

  @Field(() => String, { description: '#RRGGBB' })
  @prop({ type: () => String, required: true, match: /^#[0-9a-fA-F]{6}$/ })
  colorCode: string;
}

export const ContentCategoryModel = getModelForClass(ContentCategory);
