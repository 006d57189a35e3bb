import { ASSIGNABLE_ROLES, roleAtLeast, type WorkspaceRole } from '@soash/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { WorkspaceRole as ApiRole } from '../../gql/graphql';
import { PageHeader } from '../../layout/AppShell';
import { useWorkspaceChoice } from '../../lib/auth/SessionProvider';
import { toFormErrors } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { EMAIL_RE, useFormErrors } from '../../lib/useForm';
import { useTitle } from '../../lib/useTitle';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SelectField, TextField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { useTimeZone, useViewer } from '../auth/viewer';
import { roleFromApi } from '../workspaces/permissions';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions, useWorkspaces } from '../workspaces/workspace';
import { roleLabel } from '../workspaces/WorkspaceSwitcher';
import { AuditLogCard } from './AuditLogCard';

export const MembersQuery = graphql(`
  query Members {
    members {
      userId
      name
      email
      role
      joinedAt
      isActive
    }
  }
`);

export const InvitationsQuery = graphql(`
  query Invitations {
    invitations {
      id
      email
      role
      expiresAt
      isExpired
      createdAt
      invitedBy {
        id
        name
      }
    }
  }
`);

const InviteMutation = graphql(`
  mutation Invite($email: String!, $role: WorkspaceRole!) {
    invite(email: $email, role: $role) {
      id
      email
      role
      expiresAt
      isExpired
    }
  }
`);

const ResendInvitationMutation = graphql(`
  mutation ResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      id
      expiresAt
      isExpired
    }
  }
`);

const RevokeInvitationMutation = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
    }
  }
`);

const ChangeRoleMutation = graphql(`
  mutation ChangeRole($userId: ID!, $role: WorkspaceRole!) {
    changeRole(userId: $userId, role: $role) {
      userId
      role
    }
  }
`);

const RemoveMemberMutation = graphql(`
  mutation RemoveMember($userId: ID!) {
    removeMember(userId: $userId) {
      userId
      isActive
    }
  }
`);

const LeaveWorkspaceMutation = graphql(`
  mutation LeaveWorkspace {
    leaveWorkspace
  }
`);

const TransferOwnershipMutation = graphql(`
  mutation TransferOwnership($userId: ID!, $password: String!) {
    transferOwnership(userId: $userId, password: $password) {
      userId
      role
    }
  }
`);

type Member = { userId: string; name: string; email: string; role: ApiRole; joinedAt: string; isActive: boolean };

/** Member lists are refetched after every change: name the types an empty answer would hold. */
const MEMBERS_CONTEXT = { additionalTypenames: ['Member', 'Invitation', 'AuditEvent'] };

const toApi = (role: WorkspaceRole) => role.toUpperCase() as ApiRole;

/** The roles the viewer may give (never above their own, never owner: that moves by transfer). */
export function grantableRoles(mine: WorkspaceRole | null): WorkspaceRole[] {
  return mine ? ASSIGNABLE_ROLES.filter((r) => roleAtLeast(mine, r)) : [];
}

/**
 * Whether the viewer may change or remove this member, as the API decides it: never the owner;
 * only the owner touches another admin; yourself: step down (role) but leave instead of removing.
 */
export function mayManage(mine: WorkspaceRole | null, viewerId: string, member: { userId: string; role: ApiRole }): { role: boolean; remove: boolean } {
  const theirs = roleFromApi(member.role);
  if (!mine || !roleAtLeast(mine, 'admin') || theirs === 'owner' || !theirs) return { role: false, remove: false };
  const self = member.userId === viewerId;
  const overAdmin = theirs === 'admin' && mine !== 'owner';
  return { role: self ? mine !== 'owner' : !overAdmin, remove: !self && !overAdmin };
}

function MemberRow({ member, viewerId, mine, onChanged }: { member: Member; viewerId: string; mine: WorkspaceRole | null; onChanged: () => void }) {
  const timeZone = useTimeZone();
  const [change, runChange] = useMutation(ChangeRoleMutation);
  const [removal, runRemove] = useMutation(RemoveMemberMutation);
  const [confirming, setConfirming] = useState(false);
  // The role on screen: the chosen one at once, the API's after the change (the old one if refused).
  const [role, setRole] = useState<ApiRole>(member.role);
  const [saved, setSaved] = useState<ApiRole | null>(null);
  const may = mayManage(mine, viewerId, member);
  const self = member.userId === viewerId;
  const error = change.error ?? removal.error;
  return (
    <li className="member-row">
      <div className="member-who">
        <strong>
          {member.name}
          {self && <span className="muted"> (you)</span>}
        </strong>
        <span className="small muted member-email">{member.email}</span>
      </div>
      <div className="member-role">
        {may.role ? (
          <SelectField
            label={<span className="sr-only">Role of {member.name}</span>}
            value={role}
            disabled={change.fetching}
            onChange={async (e) => {
              const wanted = e.target.value as ApiRole;
              setSaved(null);
              setRole(wanted);
              const r = await runChange({ userId: member.userId, role: wanted }, MEMBERS_CONTEXT);
              if (r.error || !r.data) return setRole(member.role);
              setRole(r.data.changeRole.role);
              setSaved(r.data.changeRole.role);
              onChanged();
            }}
          >
            {/* An admin stepping down keeps their own role on the list. */}
            {grantableRoles(mine).map((r) => (
              <option key={r} value={toApi(r)}>
                {roleLabel(r)}
              </option>
            ))}
          </SelectField>
        ) : (
          <Badge tone={member.role === 'OWNER' ? 'primary' : 'neutral'}>{roleLabel(member.role)}</Badge>
        )}
      </div>
      <span className="small muted member-joined">Joined {formatDate(member.joinedAt, timeZone)}</span>
      <div className="member-actions">
        {may.remove && (
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Remove ${member.name}`}>
            Remove
          </Button>
        )}
      </div>
      {saved && !error && (
        <p className="small delta-up member-note" role="status">
          {self ? 'You are' : `${member.name} is`} now {roleLabel(saved).toLowerCase()}.
        </p>
      )}
      {error && (
        <p className="error small member-note" role="alert">
          {toFormErrors(error).form}
        </p>
      )}
      {may.remove && (
        <ConfirmDialog
          open={confirming}
          title={`Remove ${member.name}?`}
          confirmLabel="Remove member"
          danger
          busy={removal.fetching}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            const r = await runRemove({ userId: member.userId }, MEMBERS_CONTEXT);
            setConfirming(false);
            if (!r.error) onChanged();
          }}
        >
          {member.name} loses access to this workspace at once. Their account stays; you can invite them again later.
        </ConfirmDialog>
      )}
    </li>
  );
}

function InviteForm({ mine, onInvited }: { mine: WorkspaceRole | null; onInvited: () => void }) {
  const roles = grantableRoles(mine);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRole>(roles.includes('editor') ? 'editor' : (roles[0] ?? 'viewer'));
  const [sent, setSent] = useState<string | null>(null);
  const [{ fetching }, invite] = useMutation(InviteMutation);
  const { errors, setErrors, fromApi, clear, formRef } = useFormErrors(['email', 'role']);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSent(null);
    const address = email.trim();
    if (!EMAIL_RE.test(address)) return setErrors({ fields: { email: 'Enter an email address, e.g. sam@example.com.' }, form: null });
    clear();
    const r = await invite({ email: address, role: toApi(role) }, MEMBERS_CONTEXT);
    if (r.error || !r.data) return fromApi(r.error);
    setSent(`Invitation sent to ${r.data.invite.email}. The link works once, for 7 days.`);
    setEmail('');
    onInvited();
  }
  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-label="Invite someone">
      <div className="form-grid invite-grid">
        <TextField label="Email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.fields.email} />
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as WorkspaceRole)} error={errors.fields.role} hint={ROLE_HINTS[role]}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </SelectField>
      </div>
      <FormError message={errors.form} />
      <div className="row">
        <Button type="submit" loading={fetching}>
          Send invitation
        </Button>
        {sent && (
          <span className="small delta-up" role="status">
            {sent}
          </span>
        )}
      </div>
    </form>
  );
}

const ROLE_HINTS: Record<WorkspaceRole, string> = {
  owner: 'Everything, including the plan, deleting the workspace and transferring it.',
  admin: 'Members and invitations, connecting accounts, brand profile; and all an editor does.',
  editor: 'Categories, tagging, sync now, insight actions and exports; and all a viewer does.',
  viewer: 'Reads everything, changes nothing.',
};

function InvitationsCard({ onChanged }: { onChanged: () => void }) {
  const timeZone = useTimeZone();
  const [{ data, error }, refetch] = useQuery({ query: InvitationsQuery, context: MEMBERS_CONTEXT });
  const [resend, runResend] = useMutation(ResendInvitationMutation);
  const [revoke, runRevoke] = useMutation(RevokeInvitationMutation);
  const [revoking, setRevoking] = useState<{ id: string; email: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const actionError = resend.error ?? revoke.error;
  return (
    <Card title="Pending invitations" labelledBy="members-invitations">
      {!data ? (
        error ? (
          <ErrorState title="Invitations could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <LoadingBlock lines={2} height={24} label="Loading invitations" />
        )
      ) : data.invitations.length === 0 ? (
        <EmptyState title="No pending invitations">Invitations you send wait here until they are accepted, revoked or expire.</EmptyState>
      ) : (
        <ul className="member-list" aria-label="Pending invitations">
          {data.invitations.map((i) => (
            <li key={i.id} className="member-row">
              <div className="member-who">
                <strong className="member-email">{i.email}</strong>
                <span className="small muted">
                  Invited {formatDate(i.createdAt, timeZone)}
                  {i.invitedBy ? ` by ${i.invitedBy.name}` : ''}
                </span>
              </div>
              <div className="member-role">
                <Badge>{roleLabel(i.role)}</Badge>
              </div>
              <span className={`small member-joined ${i.isExpired ? 'error' : 'muted'}`}>
                {i.isExpired ? `Expired ${formatDate(i.expiresAt, timeZone)}` : `Expires ${formatDate(i.expiresAt, timeZone, true)}`}
              </span>
              <div className="member-actions row" style={{ gap: 4 }}>
                <Button
                  size="sm"
                  variant="secondary"
                  loading={resend.fetching && resend.operation?.variables.id === i.id}
                  aria-label={`Resend the invitation to ${i.email}`}
                  onClick={async () => {
                    setDone(null);
                    const r = await runResend({ id: i.id }, MEMBERS_CONTEXT);
                    if (!r.error) {
                      setDone(`A new link was sent to ${i.email}; the previous one no longer works.`);
                      onChanged();
                    }
                  }}
                >
                  Resend
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Revoke the invitation to ${i.email}`} onClick={() => setRevoking({ id: i.id, email: i.email })}>
                  Revoke
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {done && !actionError && (
        <p className="small delta-up" role="status">
          {done}
        </p>
      )}
      {actionError && (
        <p className="error small" role="alert">
          {toFormErrors(actionError).form}
        </p>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke the invitation to ${revoking.email}?` : ''}
        confirmLabel="Revoke invitation"
        danger
        busy={revoke.fetching}
        onCancel={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          setDone(null);
          const r = await runRevoke({ id: revoking.id }, MEMBERS_CONTEXT);
          setRevoking(null);
          if (!r.error) onChanged();
        }}
      >
        The link stops working at once. You can invite the address again later.
      </ConfirmDialog>
    </Card>
  );
}

function LeaveCard({ workspaceName }: { workspaceName: string }) {
  const [leave, runLeave] = useMutation(LeaveWorkspaceMutation);
  const [confirming, setConfirming] = useState(false);
  const choice = useWorkspaceChoice();
  const { active, workspaces, refresh } = useWorkspaces();
  const navigate = useNavigate();
  return (
    <Card title="Leave this workspace" labelledBy="members-leave" className="card-danger">
      <p className="muted">You lose access to {workspaceName} at once. To come back, someone must invite you again.</p>
      {leave.error && (
        <p className="error small" role="alert">
          {toFormErrors(leave.error).form}
        </p>
      )}
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Leave workspace
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Leave ${workspaceName}?`}
        confirmLabel="Leave workspace"
        danger
        busy={leave.fetching}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const r = await runLeave({});
          setConfirming(false);
          if (r.error) return;
          // Go on in another of the viewer's workspaces (a fresh client and cache), or to the
          // "not in a workspace" screen when this was the last one.
          navigate('/');
          const next = workspaces.find((w) => w.id !== active?.id)?.id ?? null;
          choice.set(next);
          if (!next) refresh();
        }}
      >
        You lose access to its accounts, posts and insights.
      </ConfirmDialog>
    </Card>
  );
}

function TransferCard({ members, viewerId, onDone }: { members: readonly Member[]; viewerId: string; onDone: () => void }) {
  const candidates = members.filter((m) => m.isActive && m.userId !== viewerId);
  const [userId, setUserId] = useState('');
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [{ fetching }, transfer] = useMutation(TransferOwnershipMutation);
  const { errors, setErrors, fromApi, clear, formRef } = useFormErrors(['userId', 'password']);
  const chosen = candidates.find((m) => m.userId === userId);
  function ask(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!chosen) fields.userId = 'Choose the member who becomes the owner.';
    if (!password) fields.password = 'Enter your password to confirm.';
    if (Object.keys(fields).length) return setErrors({ fields, form: null });
    clear();
    setConfirming(true);
  }
  async function run() {
    const r = await transfer({ userId, password }, MEMBERS_CONTEXT);
    setConfirming(false);
    if (r.error) return fromApi(r.error);
    setPassword('');
    onDone();
  }
  return (
    <Card title="Transfer ownership" labelledBy="members-transfer" className="card-danger">
      {candidates.length === 0 ? (
        <p className="muted">Invite someone first: ownership moves to another member of this workspace.</p>
      ) : (
        <form ref={formRef} className="stack" onSubmit={ask} noValidate aria-label="Transfer ownership">
          <p className="muted">The new owner’s plan then applies to this workspace. You stay as an admin.</p>
          <div className="form-grid invite-grid">
            <SelectField label="New owner" value={userId} onChange={(e) => setUserId(e.target.value)} error={errors.fields.userId}>
              <option value="">Choose a member</option>
              {candidates.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name} ({m.email})
                </option>
              ))}
            </SelectField>
            <TextField label="Your password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.fields.password} />
          </div>
          <FormError message={errors.form} />
          <div>
            <Button type="submit" variant="danger">
              Transfer ownership
            </Button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={confirming}
        title={chosen ? `Make ${chosen.name} the owner?` : 'Transfer ownership?'}
        confirmLabel="Transfer ownership"
        danger
        busy={fetching}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void run()}
      >
        Only the owner can change the plan, delete the workspace or transfer it again. You become an admin.
      </ConfirmDialog>
    </Card>
  );
}

/** Settings → Members: who is in the workspace with which role, invitations, ownership and the audit log. */
export function MembersPage() {
  useTitle('Members');
  const viewer = useViewer();
  const { active, refresh } = useWorkspaces();
  const { role: mine, can } = usePermissions();
  const [{ data, error }, refetch] = useQuery({ query: MembersQuery, context: MEMBERS_CONTEXT });
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    refresh();
  };
  const manage = can('manageMembers');
  const name = active?.name ?? 'this workspace';
  return (
    <>
      <PageHeader title="Members" description={`Who works in ${name}, and what each of them can do.`} />
      <div className="stack">
        <Card title="Members" labelledBy="members-list">
          {!data ? (
            error ? (
              <ErrorState title="Members could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
            ) : (
              <LoadingBlock lines={3} height={28} label="Loading members" />
            )
          ) : (
            <ul className="member-list" aria-label="Members">
              {data.members.map((m) => (
                <MemberRow key={m.userId} member={m} viewerId={viewer.id} mine={mine} onChanged={reload} />
              ))}
            </ul>
          )}
          <RoleNote permission={manage} />
        </Card>
        {manage.allowed && (
          <Card title="Invite someone" labelledBy="members-invite">
            <InviteForm mine={mine} onInvited={reload} />
          </Card>
        )}
        {manage.allowed && <InvitationsCard onChanged={reload} />}
        {can('readAuditLog').allowed && <AuditLogCard />}
        {mine === 'owner' && data && <TransferCard members={data.members} viewerId={viewer.id} onDone={reload} />}
        {mine && mine !== 'owner' && <LeaveCard workspaceName={name} />}
      </div>
    </>
  );
}
