import { AuditAction } from '@soash/shared';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AuditLogQuery } from '../../gql/graphql';
import { fieldLabel } from '../../lib/fieldLabels';
import { formatDate } from '../../lib/format';
import { useCursorPages } from '../../lib/useCursorPages';
import { platformLabel } from '../../lib/labels';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { useTimeZone } from '../auth/viewer';
import { roleLabel } from '../workspaces/WorkspaceSwitcher';

export const AuditLogQueryDocument = graphql(`
  query AuditLog($first: Int!, $after: String) {
    auditLog(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          action
          at
          ip
          targetType
          targetId
          details
          actor {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AUDIT_PAGE_SIZE = 20;
/** An empty page holds no types: name the one a change adds, so it refetches. */
const AUDIT_CONTEXT = { additionalTypenames: ['AuditEvent'] };

type AuditEvent = AuditLogQuery['auditLog']['edges'][number]['node'];

function detail(details: unknown, key: string): string | null {
  if (!details || typeof details !== 'object') return null;
  const v = (details as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : typeof v === 'boolean' || typeof v === 'number' ? String(v) : null;
}

/** The platform as people write it (the API records `instagram` or `INSTAGRAM`). */
const platform = (type: string | null) => (type ? platformLabel(type.toUpperCase()) : '');

/** A settings field in words: the form's label, else the identifier split ("onboardingCompleted" → "onboarding completed"). */
function fieldName(field: string): string {
  return fieldLabel(field) ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** An API key as the log names it: “Reporting app” (soash_AbC…_). */
function apiKey(d: (k: string) => string | null): string {
  const name = d('name') ? `“${d('name')}”` : 'a key';
  return d('prefix') ? `${name} (${d('prefix')})` : name;
}

/** A share link as the log names it: “Monthly” (for Acme). */
function shareLink(d: (k: string) => string | null): string {
  const name = d('reportName') ? `“${d('reportName')}”` : '';
  return `${name}${d('label') ? ` (for ${d('label')})` : ''}`.trim() || 'a report';
}

/** An audit event in words ("invited sam@example.com as editor"), from its action and details. */
export function describeAuditEvent(e: Pick<AuditEvent, 'action' | 'details'>): string {
  const d = (k: string) => detail(e.details, k);
  const role = (k: string) => (d(k) ? roleLabel(d(k)).toLowerCase() : 'a member');
  switch (e.action) {
    case AuditAction.MEMBER_INVITED:
      return `invited ${d('email') ?? 'someone'} as ${role('role')}`;
    case AuditAction.INVITATION_RESENT:
      return `resent the invitation to ${d('email') ?? 'someone'}`;
    case AuditAction.INVITATION_REVOKED:
      return `revoked the invitation to ${d('email') ?? 'someone'}`;
    case AuditAction.MEMBER_JOINED:
      return `joined as ${role('role')}`;
    case AuditAction.MEMBER_ROLE_CHANGED:
      return `changed a member’s role from ${role('from')} to ${role('to')}`;
    case AuditAction.MEMBER_REMOVED:
      return `removed a member (${role('role')})`;
    case AuditAction.MEMBER_LEFT:
      return 'left the workspace';
    case AuditAction.OWNERSHIP_TRANSFERRED:
      return 'transferred ownership';
    case AuditAction.PLATFORM_CONNECTED:
      return `connected ${d('sandbox') === 'true' ? 'a sandbox ' : 'a '}${platform(d('platformType'))} account`.replace(/\s+/g, ' ');
    case AuditAction.PLATFORM_DISCONNECTED:
      return `disconnected ${d('platformType') ? `the ${platform(d('platformType'))}` : 'an'} account${d('username') ? ` @${d('username')}` : ''}`;
    case AuditAction.WORKSPACE_CREATED:
      return 'created the workspace';
    case AuditAction.WORKSPACE_UPDATED: {
      const fields = (e.details as { fields?: unknown } | null)?.fields;
      const names = Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string').map(fieldName) : [];
      return names.length ? `changed the workspace settings (${names.join(', ')})` : 'changed the workspace settings';
    }
    case AuditAction.WORKSPACE_DELETED:
      return 'deleted the workspace';
    case AuditAction.API_KEY_CREATED:
      return `created the API key ${apiKey(d)}`;
    case AuditAction.API_KEY_ROTATED:
      return `rotated the API key ${apiKey(d)}${d('overlapHours') && d('overlapHours') !== '0' ? ` (the old secret works ${d('overlapHours')} more hours)` : ''}`;
    case AuditAction.API_KEY_REVOKED:
      return `revoked the API key ${apiKey(d)}`;
    case AuditAction.REPORT_SHARE_LINK_CREATED:
      return `shared the report ${shareLink(d)}${d('protected') === 'true' ? ' (with a password)' : ''}`;
    case AuditAction.REPORT_SHARE_LINK_REVOKED:
      return `revoked the share link of the report ${shareLink(d)}`;
    default:
      return e.action;
  }
}

/** The audit log (owners and admins): newest first, 20 a page, keyset pages. */
export function AuditLogCard() {
  const timeZone = useTimeZone();
  const pages = useCursorPages('audit');
  const [{ data, error, fetching }, refetch] = useQuery({ query: AuditLogQueryDocument, variables: { first: AUDIT_PAGE_SIZE, after: pages.after }, context: AUDIT_CONTEXT });
  const log = data?.auditLog;
  return (
    <Card title="Audit log" labelledBy="members-audit">
      <p className="small muted">Membership, account, settings and API key changes of the last 12 months: who, what, when and from where.</p>
      {!log ? (
        error ? (
          <ErrorState title="The audit log could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <LoadingBlock lines={4} height={20} label="Loading the audit log" />
        )
      ) : log.edges.length === 0 ? (
        <EmptyState title="Nothing recorded yet">Invitations, role changes and connected accounts show up here.</EmptyState>
      ) : (
        <>
          <ol className="audit-list" aria-label="Audit events" aria-busy={fetching || undefined}>
            {log.edges.map(({ node: e }) => (
              <li key={e.id} className="audit-row">
                <time dateTime={e.at} className="small muted">
                  {formatDate(e.at, timeZone, true)}
                </time>
                <span>
                  <strong>{e.actor?.name ?? 'Soash'}</strong> {describeAuditEvent(e)}
                </span>
                {e.ip && <span className="small muted">from {e.ip}</span>}
              </li>
            ))}
          </ol>
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <span className="small muted">
              Page {pages.page} · {log.totalCount} event{log.totalCount === 1 ? '' : 's'}
            </span>
            <span className="row" style={{ gap: 6 }}>
              <Button size="sm" variant="secondary" disabled={pages.page === 1} onClick={pages.previous}>
                Newer
              </Button>
              <Button size="sm" variant="secondary" disabled={!log.pageInfo.hasNextPage || !log.pageInfo.endCursor} onClick={() => log.pageInfo.endCursor && pages.next(log.pageInfo.endCursor)}>
                Older
              </Button>
            </span>
          </div>
        </>
      )}
    </Card>
  );
}
