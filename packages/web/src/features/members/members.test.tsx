import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { WorkspaceChoice } from '../../lib/workspace';
import { callsOf, mockClient, renderRoutes, testWorkspaces } from '../../test/render';
import { describeAuditEvent } from './AuditLogCard';
import { grantableRoles, mayManage, MembersPage } from './MembersPage';

const fail = (message: string, extensions: Record<string, unknown>) => ({ error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] }) });

// testViewer is u1 (Jane Baker).
const MEMBERS = [
  { __typename: 'Member', userId: 'u1', name: 'Jane Baker', email: 'jane@example.com', role: 'OWNER', joinedAt: '2026-01-05T10:00:00Z', isActive: true },
  { __typename: 'Member', userId: 'u2', name: 'Ada Admin', email: 'ada@example.com', role: 'ADMIN', joinedAt: '2026-02-01T10:00:00Z', isActive: true },
  { __typename: 'Member', userId: 'u3', name: 'Eddie Editor', email: 'eddie@example.com', role: 'EDITOR', joinedAt: '2026-02-10T10:00:00Z', isActive: true },
];
const INVITATIONS = [
  { __typename: 'Invitation', id: 'i1', email: 'sam@example.com', role: 'VIEWER', expiresAt: '2026-03-08T10:00:00Z', isExpired: false, createdAt: '2026-03-01T10:00:00Z', invitedBy: { __typename: 'UserSummary', id: 'u1', name: 'Jane Baker' } },
  { __typename: 'Invitation', id: 'i2', email: 'old@example.com', role: 'EDITOR', expiresAt: '2026-02-08T10:00:00Z', isExpired: true, createdAt: '2026-02-01T10:00:00Z', invitedBy: null },
];
const audit = (ids: string[], hasNextPage: boolean) => ({
  data: {
    auditLog: {
      totalCount: 25,
      edges: ids.map((id) => ({
        cursor: `c-${id}`,
        node: { id, action: 'member.invited', at: '2026-03-01T10:00:00Z', ip: '203.0.113.9', targetType: 'invitation', targetId: 'i1', details: { email: `${id}@example.com`, role: 'viewer' }, actor: { id: 'u1', name: 'Jane Baker' } },
      })),
      pageInfo: { hasNextPage, endCursor: hasNextPage ? `end-${ids.at(-1)}` : null },
    },
  },
});

function setup(role: 'OWNER' | 'ADMIN' | 'EDITOR' | 'VIEWER', answer: (name: string, v: Record<string, unknown>) => unknown = () => undefined, viewerId = 'u1') {
  const client = mockClient((name, v) => {
    const a = answer(name, v);
    if (a !== undefined) return a as never;
    if (name === 'Members') return { data: { members: MEMBERS } };
    if (name === 'Invitations') return { data: { invitations: INVITATIONS } };
    if (name === 'AuditLog') return v.after ? audit(['e3'], false) : audit(['e1', 'e2'], true);
    return undefined;
  });
  const choice = new WorkspaceChoice(null, null);
  const workspaces = { ...testWorkspaces(role), workspaces: [{ id: 'w1', name: 'Bakery', viewerRole: role }, { id: 'w2', name: 'Other', viewerRole: 'OWNER' }] } as never;
  const viewer = { id: viewerId, name: 'Jane Baker', email: 'jane@example.com', isVerified: true, role: 'USER', subscriptionTier: 'FREE', plan: { tier: 'FREE', maxPlatforms: 2, historyDays: null }, profile: { id: 'p1', timezone: 'UTC', onboardingCompleted: true, brandName: 'Bakery' } } as never;
  const r = renderRoutes([{ path: '/members', element: <MembersPage /> }, { path: '/', element: <p>overview</p> }], { client, path: '/members', role, choice, workspaces, viewer });
  return { client, ...r };
}

describe('member rules (as the API applies them)', () => {
  it('nobody grants above their own role, and owner only by transfer', () => {
    expect(grantableRoles('owner')).toEqual(['admin', 'editor', 'viewer']);
    expect(grantableRoles('admin')).toEqual(['admin', 'editor', 'viewer']);
    expect(grantableRoles('editor')).toEqual(['editor', 'viewer']);
    expect(grantableRoles(null)).toEqual([]);
  });

  it('never the owner; only the owner touches another admin; yourself: step down but leave instead of removing', () => {
    expect(mayManage('admin', 'u2', { userId: 'u1', role: 'OWNER' })).toEqual({ role: false, remove: false });
    expect(mayManage('admin', 'u2', { userId: 'u4', role: 'ADMIN' })).toEqual({ role: false, remove: false });
    expect(mayManage('owner', 'u1', { userId: 'u4', role: 'ADMIN' })).toEqual({ role: true, remove: true });
    expect(mayManage('admin', 'u2', { userId: 'u2', role: 'ADMIN' })).toEqual({ role: true, remove: false });
    expect(mayManage('admin', 'u2', { userId: 'u3', role: 'EDITOR' })).toEqual({ role: true, remove: true });
    expect(mayManage('editor', 'u3', { userId: 'u5', role: 'VIEWER' })).toEqual({ role: false, remove: false });
  });
});

describe('MembersPage: successful cases', () => {
  it('lists members with role and joined date; the owner changes a role and removes a member after confirming', async () => {
    const { client } = setup('OWNER', (name, v) =>
      name === 'ChangeRole' ? { data: { changeRole: { userId: v.userId, role: v.role } } } : name === 'RemoveMember' ? { data: { removeMember: { userId: v.userId, isActive: false } } } : undefined,
    );
    const list = screen.getByRole('list', { name: 'Members' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(within(list).getByText('Joined 5 Jan 2026')).toBeDefined();
    // The owner's own row: a badge, no role choice and no remove.
    expect(screen.queryByLabelText('Role of Jane Baker')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove Jane Baker' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Role of Eddie Editor'), { target: { value: 'VIEWER' } });
    expect(await screen.findByText('Eddie Editor is now viewer.')).toBeDefined();
    expect(callsOf(client, 'ChangeRole')).toEqual([{ userId: 'u3', role: 'VIEWER' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Ada Admin' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove member' }));
    await waitFor(() => expect(callsOf(client, 'RemoveMember')).toEqual([{ userId: 'u2' }]));
  });

  it('invites by email with a role at most the inviter’s own, and says the link was sent', async () => {
    const { client } = setup('ADMIN', (name, v) => (name === 'Invite' ? { data: { invite: { id: 'i9', email: v.email, role: v.role, expiresAt: '2026-03-09T00:00:00Z', isExpired: false } } } : undefined), 'u2');
    const form = screen.getByRole('form', { name: 'Invite someone' });
    const roles = within(form).getByLabelText('Role') as HTMLSelectElement;
    expect([...roles.options].map((o) => o.textContent)).toEqual(['Admin', 'Editor', 'Viewer']);
    expect(roles.value).toBe('editor');
    fireEvent.click(within(form).getByRole('button', { name: 'Send invitation' }));
    expect(await within(form).findByText('Enter an email address, e.g. sam@example.com.')).toBeDefined();
    expect(callsOf(client, 'Invite')).toEqual([]);
    fireEvent.change(within(form).getByLabelText('Email'), { target: { value: ' new@example.com ' } });
    fireEvent.change(roles, { target: { value: 'viewer' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText(/Invitation sent to new@example.com/)).toBeDefined();
    expect(callsOf(client, 'Invite')).toEqual([{ email: 'new@example.com', role: 'VIEWER' }]);
  });

  it('pending invitations show their expiry, and can be resent or revoked (after confirming)', async () => {
    const { client } = setup('OWNER', (name, v) =>
      name === 'ResendInvitation' ? { data: { resendInvitation: { id: v.id, expiresAt: '2026-03-20T00:00:00Z', isExpired: false } } } : name === 'RevokeInvitation' ? { data: { revokeInvitation: { id: v.id } } } : undefined,
    );
    const list = screen.getByRole('list', { name: 'Pending invitations' });
    expect(within(list).getByText(/Expires 8 Mar 2026/)).toBeDefined();
    expect(within(list).getByText('Expired 8 Feb 2026')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Resend the invitation to old@example.com' }));
    expect(await screen.findByText(/A new link was sent to old@example.com/)).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke the invitation to sam@example.com' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke invitation' }));
    await waitFor(() => expect(callsOf(client, 'RevokeInvitation')).toEqual([{ id: 'i1' }]));
    expect(callsOf(client, 'ResendInvitation')).toEqual([{ id: 'i2' }]);
  });

  it('the audit log says what happened in words, and pages with keyset cursors', async () => {
    const { client } = setup('ADMIN', undefined, 'u2');
    const log = screen.getByRole('list', { name: 'Audit events' });
    expect(within(log).getAllByRole('listitem')).toHaveLength(2);
    expect(log.textContent).toContain('Jane Baker invited e1@example.com as viewer');
    expect(log.textContent).toContain('from 203.0.113.9');
    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(callsOf(client, 'AuditLog').at(-1)).toEqual({ first: 20, after: 'end-e2' }));
    expect((screen.getByRole('button', { name: 'Older' }) as HTMLButtonElement).disabled).toBe(true);
    expect(describeAuditEvent({ action: 'member.role_changed', details: { from: 'editor', to: 'viewer' } })).toBe('changed a member’s role from editor to viewer');
    expect(describeAuditEvent({ action: 'platform.connected', details: { platformType: 'tiktok', sandbox: true } })).toBe('connected a sandbox TikTok account');
    expect(describeAuditEvent({ action: 'platform.disconnected', details: { platformType: 'instagram', username: 'bakery' } })).toBe('disconnected the Instagram account @bakery');
    expect(describeAuditEvent({ action: 'api_key.created', details: { name: 'Reporting app', prefix: 'soash_AbCdEfGhIj_', scopes: ['posts:read'] } })).toBe('created the API key “Reporting app” (soash_AbCdEfGhIj_)');
    expect(describeAuditEvent({ action: 'api_key.rotated', details: { name: 'Reporting app', prefix: 'soash_AbCdEfGhIj_', overlapHours: 24 } })).toBe('rotated the API key “Reporting app” (soash_AbCdEfGhIj_) (the old secret works 24 more hours)');
    expect(describeAuditEvent({ action: 'api_key.rotated', details: { name: 'Reporting app', prefix: 'soash_AbCdEfGhIj_', overlapHours: 0 } })).toBe('rotated the API key “Reporting app” (soash_AbCdEfGhIj_)');
    expect(describeAuditEvent({ action: 'api_key.revoked', details: { name: 'Reporting app', prefix: 'soash_AbCdEfGhIj_' } })).toBe('revoked the API key “Reporting app” (soash_AbCdEfGhIj_)');
    expect(describeAuditEvent({ action: 'report_share_link.created', details: { reportName: 'Monthly', label: 'Acme', protected: true } })).toBe('shared the report “Monthly” (for Acme) (with a password)');
    expect(describeAuditEvent({ action: 'report_share_link.revoked', details: { reportName: 'Monthly' } })).toBe('revoked the share link of the report “Monthly”');
    expect(describeAuditEvent({ action: 'workspace.updated', details: { fields: ['brandName', 'onboardingCompleted'] } })).toBe('changed the workspace settings (brand name, onboarding completed)');
  });

  it('the owner transfers ownership with their password, after confirming', async () => {
    const { client } = setup('OWNER', (name, v) => (name === 'TransferOwnership' ? { data: { transferOwnership: { userId: v.userId, role: 'OWNER' } } } : undefined));
    const form = screen.getByRole('form', { name: 'Transfer ownership' });
    fireEvent.click(within(form).getByRole('button', { name: 'Transfer ownership' }));
    expect(await within(form).findByText('Choose the member who becomes the owner.')).toBeDefined();
    fireEvent.change(within(form).getByLabelText('New owner'), { target: { value: 'u2' } });
    fireEvent.change(within(form).getByLabelText('Your password'), { target: { value: 'correct horse' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Transfer ownership' }));
    expect(screen.getByRole('heading', { name: 'Make Ada Admin the owner?' })).toBeDefined();
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Transfer ownership' }));
    await waitFor(() => expect(callsOf(client, 'TransferOwnership')).toEqual([{ userId: 'u2', password: 'correct horse' }]));
  });

  it('the owner deletes the workspace with their password after confirming, then works in another one', async () => {
    const { client, choice, router } = setup('OWNER', (name) => (name === 'DeleteWorkspace' ? { data: { deleteWorkspace: true } } : undefined));
    const form = screen.getByRole('form', { name: 'Delete workspace' });
    fireEvent.click(within(form).getByRole('button', { name: 'Delete workspace' }));
    expect(await within(form).findByText('Enter your password to confirm.')).toBeDefined();
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.change(within(form).getByLabelText('Your password'), { target: { value: 'correct horse' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Delete workspace' }));
    expect(screen.getByRole('heading', { name: 'Delete Bakery?' })).toBeDefined();
    expect(callsOf(client, 'DeleteWorkspace')).toEqual([]);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete workspace' }));
    await waitFor(() => expect(callsOf(client, 'DeleteWorkspace')).toEqual([{ id: 'w1', password: 'correct horse' }]));
    await waitFor(() => expect(choice.get()).toBe('w2'));
    expect(router.state.location.pathname).toBe('/');
  });

  it('only the owner is offered to delete the workspace', () => {
    setup('ADMIN', undefined, 'u2');
    expect(screen.queryByRole('form', { name: 'Delete workspace' })).toBeNull();
  });

  it('a viewer sees the members only, told why, and can leave (then works in another workspace)', async () => {
    const { client, choice, router } = setup('VIEWER', (name) => (name === 'LeaveWorkspace' ? { data: { leaveWorkspace: true } } : undefined), 'u9');
    expect(screen.getByRole('list', { name: 'Members' })).toBeDefined();
    expect(screen.getByText('Only admins and the owner can invite and manage members.')).toBeDefined();
    expect(screen.queryByRole('form', { name: 'Invite someone' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Pending invitations' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Audit events' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Transfer ownership' })).toBeNull();
    expect(screen.queryAllByRole('combobox')).toHaveLength(0);
    expect(callsOf(client, 'Invitations')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Leave workspace' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Leave workspace' }));
    await waitFor(() => expect(choice.get()).toBe('w2'));
    expect(router.state.location.pathname).toBe('/');
  });
});

describe('MembersPage: failing cases', () => {
  it('typed errors are shown in words: an existing member, a wrong password, a refused role change', async () => {
    setup('OWNER', (name) =>
      name === 'Invite'
        ? fail('sam@example.com is already a member of this workspace', { code: 'CONFLICT' })
        : name === 'TransferOwnership'
          ? fail('Password is not correct', { code: 'BAD_USER_INPUT', field: 'password' })
          : name === 'ChangeRole'
            ? fail('Only the owner can change another admin', { code: 'FORBIDDEN' })
            : undefined,
    );
    const invite = screen.getByRole('form', { name: 'Invite someone' });
    fireEvent.change(within(invite).getByLabelText('Email'), { target: { value: 'sam@example.com' } });
    fireEvent.click(within(invite).getByRole('button', { name: 'Send invitation' }));
    expect((await within(invite).findByRole('alert')).textContent).toMatch(/already a member/);

    const transfer = screen.getByRole('form', { name: 'Transfer ownership' });
    fireEvent.change(within(transfer).getByLabelText('New owner'), { target: { value: 'u3' } });
    fireEvent.change(within(transfer).getByLabelText('Your password'), { target: { value: 'nope nope' } });
    fireEvent.click(within(transfer).getByRole('button', { name: 'Transfer ownership' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Transfer ownership' }));
    await waitFor(() => expect(within(transfer).getByLabelText('Your password').getAttribute('aria-invalid')).toBe('true'));

    const select = screen.getByLabelText('Role of Eddie Editor') as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'ADMIN' } });
    expect(await screen.findByText(/Only the owner can change another admin/)).toBeDefined();
    await waitFor(() => expect(select.value).toBe('EDITOR'));
  });

  it('a wrong password for deleting the workspace marks the field and deletes nothing', async () => {
    const { choice, router } = setup('OWNER', (name) => (name === 'DeleteWorkspace' ? fail('Password is not correct', { code: 'BAD_USER_INPUT', field: 'password' }) : undefined));
    const form = screen.getByRole('form', { name: 'Delete workspace' });
    fireEvent.change(within(form).getByLabelText('Your password'), { target: { value: 'nope nope' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Delete workspace' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete workspace' }));
    await waitFor(() => expect(within(form).getByLabelText('Your password').getAttribute('aria-invalid')).toBe('true'));
    expect(choice.get()).toBeNull();
    expect(router.state.location.pathname).toBe('/members');
  });

  it('loading and error states', async () => {
    setup('OWNER', (name) => (name === 'Members' ? fail('Boom', { code: 'INTERNAL' }) : name === 'Invitations' ? 'pending' : name === 'AuditLog' ? { data: { auditLog: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } } : undefined));
    expect(screen.getByText('Members could not be loaded')).toBeDefined();
    expect(screen.getByText('Loading invitations…')).toBeDefined();
    expect(screen.getByText('Nothing recorded yet')).toBeDefined();
  });
});
