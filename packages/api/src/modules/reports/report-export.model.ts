import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/**
 * A rendered report file waiting to be downloaded: the bytes, owned by the member who asked for
 * it, reachable for a short time through a random token (only its SHA-256 is stored). The TTL
 * index removes expired ones; the route also checks `expiresAt` (the stand-in expires nothing),
 * and workspace deletion removes them.
 */
@modelOptions({ schemaOptions: { timestamps: true, versionKey: false, collection: 'report_exports' } })
@index({ tokenHash: 1 }, { unique: true })
@index({ expiresAt: 1 }, { expireAfterSeconds: 0 })
@index({ workspaceId: 1, createdAt: -1 })
export class ReportExportFile {
  readonly _id: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  workspaceId: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  reportId: Types.ObjectId;

  /** Who asked for the file: only they may download it. */
  @prop({ type: () => Types.ObjectId, required: true })
  userId: Types.ObjectId;

  @prop({ type: () => String, required: true })
  tokenHash: string;

  @prop({ type: () => String, required: true })
  filename: string;

  @prop({ type: () => String, required: true })
  contentType: string;

  @prop({ type: () => Buffer, required: true })
  data: Buffer;

  @prop({ type: () => Date, required: true })
  expiresAt: Date;
}

export const ReportExportFileModel = getModelForClass(ReportExportFile);
