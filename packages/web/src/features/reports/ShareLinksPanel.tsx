import { SHARE_LINK_DEFAULT_DAYS } from '@soash/shared';
import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ReportShareLinksQuery } from '../../gql/graphql';
import { copyText } from '../../lib/clipboard';
import { toFormErrors } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { useModalDialog } from '../../ui/useModalDialog';
import './share.css';

export const ReportShareLinksQueryDoc = graphql(`
  query ReportShareLinks($reportId: ID!) {
    reportShareLinks(reportId: $reportId) {
      id
      label
      expiresAt
      hasPassword
      revokedAt
      viewCount
      lastViewedAt
      createdAt
    }
  }
`);

const CreateShareLinkMutation = graphql(`
  mutation CreateReportShareLink($input: CreateReportShareLinkInput!) {
    createReportShareLink(input: $input) {
      url
      link {
        id
        label
      }
    }
  }
`);

const RevokeShareLinkMutation = graphql(`
  mutation RevokeReportShareLink($id: ID!) {
    revokeReportShareLink(id: $id) {
      id
      revokedAt
    }
  }
`);

type LinkRow = ReportShareLinksQuery['reportShareLinks'][number];

const EXPIRY_CHOICES = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
];

function linkState(l: LinkRow, now: number): { label: string; tone: 'success' | 'neutral' | 'danger' } {
  if (l.revokedAt) return { label: 'Revoked', tone: 'danger' };
  if (new Date(l.expiresAt).getTime() <= now) return { label: 'Expired', tone: 'neutral' };
  return { label: 'Active', tone: 'success' };
}

/** The address of a link just created: shown this once, with a copy button. */
function UrlOnce({ url, onDone }: { url: string; onDone: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="stack" role="status" style={{ gap: 8 }}>
      <p style={{ margin: 0 }}>
        <strong>Copy the link now.</strong> It is shown only this once: Soash keeps only a hash of it.
      </p>
      <div className="row share-url" style={{ gap: 8, alignItems: 'flex-end' }}>
        <TextField label="Share link" value={url} readOnly onFocus={(e) => e.currentTarget.select()} />
        <Button size="sm" onClick={async () => setCopied(await copyText(url))}>
          Copy
        </Button>
      </div>
      {copied === true && <p className="small">Copied to the clipboard.</p>}
      {copied === false && <p className="small">Copying did not work here: select the link and copy it by hand.</p>}
      <div>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

function CreateLinkForm({ reportId, onCreated }: { reportId: string; onCreated: (url: string) => void }) {
  const [label, setLabel] = useState('');
  const [days, setDays] = useState(String(SHARE_LINK_DEFAULT_DAYS));
  const [password, setPassword] = useState('');
  const [state, create] = useMutation(CreateShareLinkMutation);
  const errors = toFormErrors(state.error, ['label', 'expiresAt', 'password']);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const expiresAt = new Date(Date.now() + Number(days) * 86_400_000).toISOString();
    const r = await create({ input: { reportId, label: label.trim() || null, expiresAt, password: password || null } }, { additionalTypenames: ['ReportShareLink'] });
    if (r.data) {
      setLabel('');
      setPassword('');
      onCreated(r.data.createReportShareLink.url);
    }
  }
  return (
    <form className="stack" style={{ gap: 8 }} onSubmit={submit} aria-label="New share link">
      <div className="share-form">
        <TextField label="For (optional)" placeholder="e.g. the client’s name" value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} error={errors.fields.label} />
        <SelectField label="Works for" value={days} onChange={(e) => setDays(e.target.value)} error={errors.fields.expiresAt}>
          {EXPIRY_CHOICES.map((c) => (
            <option key={c.days} value={c.days}>
              {c.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Password (optional)"
          type="password"
          autoComplete="new-password"
          value={password}
          minLength={password ? 8 : undefined}
          maxLength={128}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fields.password}
          hint="At least 8 characters"
        />
      </div>
      {errors.form && (
        <p className="error small" role="alert">
          {errors.form}
        </p>
      )}
      <div>
        <Button type="submit" size="sm" loading={state.fetching}>
          Create link
        </Button>
      </div>
    </form>
  );
}

function LinkItem({ link, timeZone, now }: { link: LinkRow; timeZone: string; now: number }) {
  const [confirming, setConfirming] = useState(false);
  const [state, revoke] = useMutation(RevokeShareLinkMutation);
  const s = linkState(link, now);
  return (
    <li className="share-link">
      <div className="share-link-main">
        <strong>{link.label ?? 'Unnamed link'}</strong> <Badge tone={s.tone}>{s.label}</Badge> {link.hasPassword && <Badge>Password</Badge>}
        <div className="small muted">
          {link.revokedAt ? `Revoked ${formatDate(link.revokedAt, timeZone)}` : `${s.label === 'Expired' ? 'Expired' : 'Expires'} ${formatDate(link.expiresAt, timeZone)}`} ·{' '}
          {link.viewCount === 1 ? '1 view' : `${link.viewCount} views`}
          {link.lastViewedAt ? `, last ${formatDate(link.lastViewedAt, timeZone, true)}` : ''}
        </div>
        {state.error && (
          <p className="error small" role="alert">
            {toFormErrors(state.error).form ?? 'The link could not be revoked.'}
          </p>
        )}
      </div>
      {!link.revokedAt &&
        (confirming ? (
          <div className="row" style={{ gap: 6 }}>
            <span className="small">Stop this link now?</span>
            <Button size="sm" variant="danger" loading={state.fetching} onClick={() => void revoke({ id: link.id }).then(() => setConfirming(false))}>
              Revoke
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </div>
        ) : (
          <Button size="sm" variant="secondary" onClick={() => setConfirming(true)} aria-label={`Revoke ${link.label ?? 'unnamed link'}`}>
            Revoke
          </Button>
        ))}
    </li>
  );
}

/** A report's share links (for editors and above): the list, a new link (its address shown once) and revoking. */
export function ShareLinksPanel({ reportId, timeZone }: { reportId: string; timeZone: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ReportShareLinksQueryDoc, variables: { reportId }, requestPolicy: 'cache-and-network' });
  const [shownUrl, setShownUrl] = useState<string | null>(null);
  const now = Date.now();
  const links = data?.reportShareLinks;
  return (
    <div className="stack" style={{ gap: 12 }}>
      <p className="small muted" style={{ margin: 0 }}>
        Anyone with a link sees this report, read-only and without an account, until the link expires or you revoke it. Nothing else of the workspace can be reached from it.
      </p>
      {shownUrl ? (
        <UrlOnce url={shownUrl} onDone={() => setShownUrl(null)} />
      ) : (
        <CreateLinkForm
          reportId={reportId}
          onCreated={(url) => {
            setShownUrl(url);
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}
      <h3 style={{ margin: '8px 0 0' }}>Links</h3>
      {error ? (
        <ErrorState title="The links could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !links ? (
        fetching ? <LoadingBlock lines={2} label="Loading the links" /> : null
      ) : links.length === 0 ? (
        <EmptyState title="No links yet">Create one above and send it to your client.</EmptyState>
      ) : (
        <ul className="share-links" aria-label="Share links">
          {links.map((l) => (
            <LinkItem key={l.id} link={l} timeZone={timeZone} now={now} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Share" on a report page: opens the share links in a dialog (native <dialog>: Escape closes, focus returns to the button). */
export function ShareLinksButton({ reportId, reportName, timeZone }: { reportId: string; reportName: string; timeZone: string }) {
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);
  const titleId = useId();
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Share
      </Button>
      <dialog
        ref={ref}
        className="dialog share-dialog"
        aria-labelledby={titleId}
        onCancel={(e) => {
          e.preventDefault();
          setOpen(false);
        }}
      >
        <div className="row" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
          <h2 id={titleId} style={{ margin: 0 }}>
            Share “{reportName}”
          </h2>
          <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
            Close
          </Button>
        </div>
        {open && <ShareLinksPanel reportId={reportId} timeZone={timeZone} />}
      </dialog>
    </>
  );
}
