import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createPlatform, createUser } from '../../../../test/helpers/fixtures.js';
import { PlatformType } from '../../../lib/graphql-enums.js';
import { PlatformModel } from '../../platforms/platform.model.js';
import { upsertStats } from '../../sync/sync.service.js';
import { mergeTargets, revisionTargetOf, revisionTargetOfDocs } from '../stats-revision.js';
import { StatsModel } from '../stats.model.js';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

async function revisions(ids: Types.ObjectId[]): Promise<number[]> {
  const docs = await PlatformModel.find({ _id: { $in: ids } }, { statsRevision: 1 }).lean();
  return ids.map((id) => docs.find((p) => p._id.equals(id))?.statsRevision ?? 0);
}

describe('stats revision: successful cases', () => {
  it('every write to an account’s stats raises its revision after it, and only its own: the ingestion, model inserts, updates and deletes', async () => {
    const a = await createUser();
    const b = await createUser();
    const [p1, p2] = [await createPlatform(a.user._id, {}), await createPlatform(a.user._id, {})];
    const other = await createPlatform(b.user._id, {});
    const ids = [p1._id, p2._id, other._id];
    expect(await revisions(ids)).toEqual([0, 0, 0]);

    // The ingestion writes on the driver and raises the account it wrote.
    await upsertStats({ platformId: p1._id, workspaceId: a.user._id, platformType: PlatformType.INSTAGRAM }, [{ date: d('2026-03-01'), followers: 10, sources: [] }]);
    expect(await revisions(ids)).toEqual([1, 0, 0]);
    // Through the model: an insert raises the accounts of its rows.
    await StatsModel.insertMany([{ workspaceId: a.user._id, platformId: p2._id, date: d('2026-03-01'), followers: 20 }]);
    expect(await revisions(ids)).toEqual([1, 1, 0]);
    await StatsModel.create({ workspaceId: b.user._id, platformId: other._id, date: d('2026-03-01'), followers: 30 });
    expect(await revisions(ids)).toEqual([1, 1, 1]);
    // An update by account raises that account; one by workspace, the workspace's accounts.
    await StatsModel.updateOne({ platformId: p1._id, date: d('2026-03-01') }, { $set: { followers: 11 } });
    expect(await revisions(ids)).toEqual([2, 1, 1]);
    await StatsModel.updateMany({ workspaceId: a.user._id }, { $set: { engagement: 1 } });
    expect(await revisions(ids)).toEqual([3, 2, 1]);
    // A delete by account (a disconnect), and one by date alone (retention): every account.
    await StatsModel.deleteMany({ platformId: { $in: [p2._id] } });
    expect(await revisions(ids)).toEqual([3, 3, 1]);
    await StatsModel.deleteMany({ date: { $lt: d('2020-01-01') } });
    expect(await revisions(ids)).toEqual([4, 4, 2]);
  });

  it('names the accounts a write touches as narrowly as its filter says, and never too few', () => {
    const [x, y] = [new Types.ObjectId(), new Types.ObjectId()];
    const w = new Types.ObjectId();
    expect(revisionTargetOf({ platformId: x, date: d('2026-01-01') })).toEqual({ platformIds: [x] });
    expect(revisionTargetOf({ platformId: { $in: [x, y] } })).toEqual({ platformIds: [x, y] });
    expect(revisionTargetOf({ platformId: { $eq: x.toHexString() } })).toEqual({ platformIds: [x] });
    expect(revisionTargetOf({ workspaceId: w })).toEqual({ workspaceIds: [w] });
    // Anything the filter does not pin to accounts or workspaces: every account.
    expect(revisionTargetOf({ platformId: { $ne: x } })).toEqual({ all: true });
    expect(revisionTargetOf({ date: { $lt: d('2026-01-01') } })).toEqual({ all: true });
    expect(revisionTargetOf(undefined)).toEqual({ all: true });
    // An update that moves rows to another account or workspace: every account.
    expect(revisionTargetOf({ platformId: x }, { $set: { platformId: y } })).toEqual({ all: true });
    expect(revisionTargetOf({ platformId: x }, [{ $set: { workspaceId: w } }])).toEqual({ all: true });
    expect(revisionTargetOf({ platformId: x }, { $set: { followers: 3 } })).toEqual({ platformIds: [x] });
    // Inserted rows: their accounts; a row without one widens to its workspace, a mix to every account.
    expect(revisionTargetOfDocs([{ platformId: x }, { platformId: y }, { platformId: x }])).toEqual({ platformIds: [x, y] });
    expect(revisionTargetOfDocs([{ workspaceId: w }])).toEqual({ workspaceIds: [w] });
    expect(revisionTargetOfDocs([{ platformId: x }, { workspaceId: w }])).toEqual({ all: true });
    expect(mergeTargets([])).toEqual({ platformIds: [] });
  });
});
