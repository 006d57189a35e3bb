import { getModelForClass, index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { CsvReport } from './analytics.enums.js';

/**
 * A pending CSV download: the report and its arguments, owned by one user, reachable for a short
 * time through a random token (only its SHA-256 is stored). The TTL index removes expired ones
 * (the route also checks `expiresAt`, since not every server expires documents).
 */
@modelOptions({ schemaOptions: { timestamps: true, versionKey: false, collection: 'csv_exports' }, options: { allowMixed: Severity.ALLOW } })
@index({ tokenHash: 1 }, { unique: true })
@index({ expiresAt: 1 }, { expireAfterSeconds: 0 })
@index({ workspaceId: 1, createdAt: -1 })
export class CsvExportTicket {
  readonly _id: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  /** Who asked for the export: only they may download it. */
  @prop({ type: () => Types.ObjectId, required: true })
  userId: Types.ObjectId;

  @prop({ type: () => String, required: true })
  tokenHash: string;

  @prop({ type: () => String, enum: Object.values(CsvReport), required: true })
  report: CsvReport;

  /** The validated ExportCsvInput (range, filter, formula, compare, metric, granularity). */
  @prop({ type: () => Object, required: true })
  params: Record<string, unknown>;

  @prop({ type: () => String, required: true })
  filename: string;

  @prop({ type: () => Date, required: true })
  expiresAt: Date;
}

export const CsvExportTicketModel = getModelForClass(CsvExportTicket);
