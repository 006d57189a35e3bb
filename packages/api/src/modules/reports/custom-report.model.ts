import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, ID, ObjectType } from 'type-graphql';
import { baseSchemaOptions, Entity } from '../../lib/entity.js';
import { ReportComparison, ReportRangePreset, ReportSection } from './report.enums.js';

@ObjectType({ description: "A report's period: a preset, or CUSTOM with its own dates." })
export class ReportRange {
  @Field(() => ReportRangePreset)
  @prop({ type: () => String, enum: Object.values(ReportRangePreset), required: true })
  preset: ReportRangePreset;

  @Field(() => String, { nullable: true, description: 'CUSTOM only: first day, YYYY-MM-DD.' })
  @prop({ type: () => String })
  from?: string;

  @Field(() => String, { nullable: true, description: 'CUSTOM only: last day, YYYY-MM-DD (inclusive).' })
  @prop({ type: () => String })
  to?: string;
}

@ObjectType({ description: "How a report looks: its title, accent colour, footer and logo." })
export class ReportBranding {
  @Field(() => String, { nullable: true, description: "Shown at the top (default: the report's name)." })
  @prop({ type: () => String })
  title?: string;

  @Field(() => String, { nullable: true, description: '#RRGGBB.' })
  @prop({ type: () => String })
  accentColor?: string;

  @Field(() => String, { nullable: true })
  @prop({ type: () => String })
  footer?: string;

  @Field(() => String, { nullable: true, description: 'An https address of an image.' })
  @prop({ type: () => String })
  logoUrl?: string;

  @Field(() => Boolean, { description: 'Whether the "Made with Soash" mark is left out (paid plans only).' })
  @prop({ type: () => Boolean, default: false })
  hideSoashMark: boolean;
}

/**
 * A saved report of a workspace: which accounts (none: all of them), which period, the comparison,
 * the sections in order and the branding. It holds no numbers: they are computed when the report
 * is opened (reportData), by the same services as the dashboard.
 */
@ObjectType({ description: 'A saved report of the active workspace.' })
@modelOptions({ schemaOptions: { ...baseSchemaOptions, collection: 'custom_reports' } })
@index({ workspaceId: 1, createdAt: -1 })
export class CustomReport extends Entity {
  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @Field(() => String)
  @prop({ type: () => String, required: true, trim: true, maxlength: 100 })
  name: string;

  @Field(() => [ID], { description: 'The accounts the report covers; empty: every account of the workspace.' })
  @prop({ type: () => [Types.ObjectId], default: [] })
  platformIds: Types.ObjectId[];

  @Field(() => ReportRange)
  @prop({ type: () => ReportRange, _id: false, required: true })
  range: ReportRange;

  @Field(() => ReportComparison)
  @prop({ type: () => String, enum: Object.values(ReportComparison), required: true })
  comparison: ReportComparison;

  @Field(() => [ReportSection], { description: 'In the order the report shows them.' })
  @prop({ type: () => [String], enum: Object.values(ReportSection), default: [] })
  sections: ReportSection[];

  @Field(() => ReportBranding)
  @prop({ type: () => ReportBranding, _id: false, required: true })
  branding: ReportBranding;

  @prop({ type: () => Types.ObjectId, required: true })
  createdBy: Types.ObjectId;

  @prop({ type: () => Types.ObjectId })
  updatedBy?: Types.ObjectId;
}

export const CustomReportModel = getModelForClass(CustomReport);
