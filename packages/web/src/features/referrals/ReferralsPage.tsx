import { useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ReferralsSignupsQuery } from '../../gql/graphql';
import { PageHeader } from '../../layout/AppShell';
import { copyText } from '../../lib/clipboard';
import { toFormErrors } from '../../lib/errors';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../lib/format';
import { useCursorPages } from '../../lib/useCursorPages';
import { useTitle } from '../../lib/useTitle';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { KpiCard } from '../../ui/KpiCard';
import { EmptyState, ErrorState, LoadingBlock, Skeleton } from '../../ui/States';
import { useTimeZone } from '../auth/viewer';
import { tierName } from '../settings/PlanCard';

const MyReferralQuery = graphql(`
  query MyReferral {
    myReferral {
      code
      shareUrl
      commissionRate
      holdDays
      pendingCount
      convertedCount
      paidCount
      earnedCents
      paidCents
    }
  }
`);

const ReferralsSignupsQueryDoc = graphql(`
  query ReferralsSignups($first: Int, $after: String) {
    myReferralSignups(first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          signupDate
          conversionStatus
          convertedTier
          commissionCents
          refereeName
          refereeEmailMasked
          code
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const RotateReferralCodeMutation = graphql(`
  mutation RotateReferralCode {
    rotateReferralCode {
      code
      shareUrl
    }
  }
`);

type Signup = ReferralsSignupsQuery['myReferralSignups']['edges'][number]['node'];

const STATUS: Record<string, { label: string; tone: 'neutral' | 'success' | 'primary' }> = {
  PENDING: { label: 'Signed up', tone: 'neutral' },
  CONVERTED: { label: 'Upgraded', tone: 'primary' },
  PAID: { label: 'Paid out', tone: 'success' },
  REVERSED: { label: 'Refunded', tone: 'neutral' },
};

/** The share link with a copy button (clipboard API, with a fallback and, failing that, a selected field). */
function ShareLink({ url }: { url: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<'idle' | 'copied' | 'manual'>('idle');
  async function copy() {
    const ok = await copyText(url);
    setStatus(ok ? 'copied' : 'manual');
    if (!ok) input.current?.select();
  }
  return (
    <div className="stack" style={{ gap: 6 }}>
      <label htmlFor="share-url" className="field-label">
        Your invitation link
      </label>
      <div className="copy-row">
        <input ref={input} id="share-url" className="input" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <Button onClick={() => void copy()}>{status === 'copied' ? 'Copied' : 'Copy link'}</Button>
      </div>
      <span className="small muted" role="status" aria-live="polite">
        {status === 'copied' ? 'Link copied to the clipboard.' : status === 'manual' ? 'Your browser blocked copying: the link is selected, press Ctrl+C (⌘C on a Mac).' : ''}
      </span>
    </div>
  );
}

function Signups({ timeZone }: { timeZone: string }) {
  const pages = useCursorPages('signups');
  const [{ data, error }, refetch] = useQuery({ query: ReferralsSignupsQueryDoc, variables: { first: 20, after: pages.after } });
  const conn = data?.myReferralSignups;
  if (!conn) return error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : <LoadingBlock lines={4} height={24} label="Loading signups" />;
  if (conn.totalCount === 0) return <EmptyState title="No signups yet">Share your link. People who sign up with it appear here, and you earn a commission when they pay for a plan.</EmptyState>;
  return (
    <div className="stack">
      <DataTable<Signup>
        caption="People who signed up with your link"
        rows={conn.edges.map((e) => e.node)}
        rowKey={(r) => r.id}
        columns={[
          { key: 'name', header: 'Name', render: (r) => <strong>{r.refereeName}</strong> },
          { key: 'email', header: 'Email', render: (r) => r.refereeEmailMasked ?? '–' },
          { key: 'date', header: 'Signed up', render: (r) => formatDate(r.signupDate, timeZone) },
          {
            key: 'status',
            header: 'Status',
            render: (r) => {
              const s = STATUS[r.conversionStatus] ?? { label: r.conversionStatus, tone: 'neutral' as const };
              return (
                <Badge tone={s.tone}>
                  {s.label}
                  {r.convertedTier ? ` · ${tierName(r.convertedTier)}` : ''}
                </Badge>
              );
            },
          },
          { key: 'code', header: 'Code', render: (r) => (r.code ? <code>{r.code}</code> : '–') },
          { key: 'commission', header: 'Commission', numeric: true, render: (r) => formatMoney(r.commissionCents) },
        ]}
      />
      {(pages.page > 1 || conn.pageInfo.hasNextPage) && (
        <nav className="row pager" aria-label="Pages of signups">
          <Button variant="secondary" disabled={pages.page === 1} onClick={pages.previous}>
            ← Previous
          </Button>
          <span className="small muted">Page {pages.page}</span>
          <Button variant="secondary" disabled={!conn.pageInfo.hasNextPage} onClick={() => pages.next(conn.pageInfo.endCursor!)}>
            Next →
          </Button>
        </nav>
      )}
    </div>
  );
}

export function ReferralsPage() {
  useTitle('Referrals');
  const timeZone = useTimeZone();
  const [{ data, error }, refetch] = useQuery({ query: MyReferralQuery });
  const [rotation, rotate] = useMutation(RotateReferralCodeMutation);
  const [confirming, setConfirming] = useState(false);
  const r = data?.myReferral;

  async function confirmRotate() {
    const res = await rotate({});
    setConfirming(false);
    if (!res.error) refetch({ requestPolicy: 'network-only' });
  }

  return (
    <>
      <PageHeader title="Referrals" description="Invite people to Soash and earn a share of their first payment." />
      <div className="stack">
        {!r ? (
          error ? (
            <Card>
              <ErrorState title="Your referral code could not be loaded" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
            </Card>
          ) : (
            <>
              <Card>
                <LoadingBlock lines={3} height={28} label="Loading your referral code" />
              </Card>
              <div className="grid grid-kpi">
                {Array.from({ length: 4 }, (_, i) => (
                  <Skeleton key={i} height={84} />
                ))}
              </div>
            </>
          )
        ) : (
          <>
            <Card title="Your code" labelledBy="ref-code" actions={<code className="ref-code">{r.code}</code>}>
              <div className="stack">
                <ShareLink url={r.shareUrl} />
                <p className="small muted" style={{ margin: 0 }}>
                  You earn {formatPercent(r.commissionRate, 0)} of the first payment of someone who signed up with your link, confirmed their email and paid for a plan. It is held {r.holdDays} days (a refund in that time cancels it) before it can be paid out.{' '}
                  <button type="button" className="link-button" onClick={() => setConfirming(true)}>
                    Get a new code
                  </button>
                </p>
                {rotation.error && (
                  <p className="error small" role="alert">
                    {toFormErrors(rotation.error).form}
                  </p>
                )}
              </div>
            </Card>
            <div className="grid grid-kpi" role="list" aria-label="Referral results">
              <div role="listitem">
                <KpiCard label="Signed up" value={formatNumber(r.pendingCount + r.convertedCount + r.paidCount)} hint="Everyone who signed up with your codes" />
              </div>
              <div role="listitem">
                <KpiCard label="Upgraded" value={formatNumber(r.convertedCount + r.paidCount)} hint="Signups who moved to a paid plan" />
              </div>
              <div role="listitem">
                <KpiCard label="Earned" value={formatMoney(r.earnedCents)} hint="Commission of upgraded signups" />
              </div>
              <div role="listitem">
                <KpiCard label="Paid out" value={formatMoney(r.paidCents)} hint={`${r.paidCount} commission${r.paidCount === 1 ? '' : 's'} paid out`} />
              </div>
            </div>
          </>
        )}
        <Card title="Signups" labelledBy="ref-signups">
          <Signups timeZone={timeZone} />
        </Card>
      </div>
      <ConfirmDialog open={confirming} title="Get a new referral code?" confirmLabel="Get a new code" busy={rotation.fetching} onCancel={() => setConfirming(false)} onConfirm={() => void confirmRotate()}>
        Your current link stops working for new signups. People who already signed up with it stay in your list and still count.
      </ConfirmDialog>
    </>
  );
}
