import { AuditAction } from '@soash/shared';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { AuditEventModel } from '../audit-event.model.js';
import { auditActor, auditLog, pruneAuditEvents, recordAudit } from '../audit.service.js';

const DAY = 24 * 3600 * 1000;

describe('audit log service: successful cases', () => {
  it('records actor, workspace, ip and user agent from a request, and the target and details given', async () => {
    const workspaceId = new Types.ObjectId().toHexString();
    const userId = new Types.ObjectId().toHexString();
    const req = { viewer: { id: userId, workspaceId }, ip: '10.1.2.3', userAgent: 'Browser/1.0' };
    const memberId = new Types.ObjectId();
    await recordAudit(req, AuditAction.MEMBER_ROLE_CHANGED, { type: 'member', id: memberId }, { from: 'viewer', to: 'editor' });

    const [event] = await AuditEventModel.find({ workspaceId }).lean();
    expect(event).toMatchObject({
      action: 'member.role_changed',
      targetType: 'member',
      targetId: memberId.toHexString(),
      details: { from: 'viewer', to: 'editor' },
      ip: '10.1.2.3',
      userAgent: 'Browser/1.0',
    });
    expect(event!.actorId!.toHexString()).toBe(userId);
    expect(event!.at).toBeInstanceOf(Date);
  });

  it('takes an explicit workspace (auditActor) and a system actor without a user', async () => {
    const activeWorkspace = new Types.ObjectId().toHexString();
    const other = new Types.ObjectId();
    const req = { viewer: { id: new Types.ObjectId().toHexString(), workspaceId: activeWorkspace } };
    await recordAudit(auditActor(req, other), AuditAction.MEMBER_JOINED, { type: 'member', id: req.viewer.id });
    await recordAudit({ workspaceId: other }, AuditAction.WORKSPACE_CREATED, { type: 'workspace', id: other });
    expect(await AuditEventModel.countDocuments({ workspaceId: activeWorkspace })).toBe(0);
    const events = await AuditEventModel.find({ workspaceId: other }).sort({ _id: 1 }).lean();
    expect(events.map((e) => e.action)).toEqual(['member.joined', 'workspace.created']);
    expect(events[1]!.actorId).toBeUndefined();
  });

  it('never stores a secret in details, and trims overlong ip and user agent', async () => {
    const workspaceId = new Types.ObjectId();
    await recordAudit(
      { workspaceId, userAgent: 'x'.repeat(1000), ip: '1'.repeat(100) },
      AuditAction.PLATFORM_CONNECTED,
      { type: 'platform', id: new Types.ObjectId() },
      { platform: 'instagram', accessToken: 'tok-123', nested: { password: 'hunter2', clientSecret: 's' } },
    );
    const [event] = await AuditEventModel.find({ workspaceId }).lean();
    expect(JSON.stringify(event)).not.toMatch(/tok-123|hunter2|"s"/);
    expect(event!.details).toEqual({ platform: 'instagram', accessToken: '[redacted]', nested: { password: '[redacted]', clientSecret: '[redacted]' } });
    expect(event!.userAgent).toHaveLength(256);
    expect(event!.ip).toHaveLength(64);
  });

  it('lists one workspace newest first in stable pages, optionally by action prefix', async () => {
    const workspaceId = new Types.ObjectId();
    const base = Date.UTC(2026, 10, 1);
    const actions = ['member.invited', 'member.joined', 'platform.connected', 'member.role_changed', 'workspace.updated'];
    await AuditEventModel.insertMany(actions.map((action, i) => ({ workspaceId, action, at: new Date(base + i * 1000) })));
    // Two events in the same millisecond keep a stable order through _id.
    await AuditEventModel.insertMany([{ workspaceId, action: 'member.left', at: new Date(base + 10_000) }, { workspaceId, action: 'member.removed', at: new Date(base + 10_000) }]);
    await AuditEventModel.create({ workspaceId: new Types.ObjectId(), action: 'member.joined', at: new Date(base + 20_000) });

    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const conn = await auditLog(workspaceId, { first: 3, after });
      seen.push(...conn.edges.map((e) => e.node.action));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor!;
    }
    expect(seen).toEqual(['member.removed', 'member.left', 'workspace.updated', 'member.role_changed', 'platform.connected', 'member.joined', 'member.invited']);

    const members = await auditLog(workspaceId.toHexString(), { first: 100, actionPrefix: 'member.' });
    expect(members.edges.map((e) => e.node.action)).toEqual(['member.removed', 'member.left', 'member.role_changed', 'member.joined', 'member.invited']);
    expect(await members.totalCount).toBe(5);
  });

  it('prunes events older than a year', async () => {
    const workspaceId = new Types.ObjectId();
    const now = new Date(Date.UTC(2026, 10, 1));
    await AuditEventModel.insertMany([400, 366, 364].map((d) => ({ workspaceId, action: 'member.joined', at: new Date(now.getTime() - d * DAY) })));
    expect(await pruneAuditEvents(now)).toBe(2);
    expect(await AuditEventModel.countDocuments({ workspaceId })).toBe(1);
  });
});

describe('audit log service: failing cases', () => {
  it('refuses a request without an active workspace instead of writing an event nobody can read', async () => {
    await expect(recordAudit({ viewer: { id: new Types.ObjectId().toHexString() } }, AuditAction.MEMBER_LEFT)).rejects.toThrow(/no active workspace/);
  });

  it('a malformed action prefix is BAD_USER_INPUT naming actionPrefix', async () => {
    await expect(auditLog(new Types.ObjectId(), { actionPrefix: '.*' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'actionPrefix' } });
  });
});
