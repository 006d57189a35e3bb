import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { PageHeader } from '../../layout/AppShell';
import { platformLabel, SYNC_FREQUENCY } from '../../lib/labels';
import { useTitle } from '../../lib/useTitle';
import { Card } from '../../ui/Card';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { useTimeZone } from '../auth/viewer';
import { ConnectPanel } from './ConnectPanel';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions, useWorkspacePlan } from '../workspaces/workspace';
import { connectErrorMessage } from './health';
import { PlatformCard } from './PlatformCard';

export const PlatformsQuery = graphql(`
  query Platforms {
    platforms {
      id
      type
      ...PlatformCard_Platform
    }
    activeWorkspace {
      id
      accountsConnected
    }
  }
`);

/** "2 of 2 accounts on the Free plan" */
export function planUsage(count: number, tier: string, limit: number | null): { text: string; full: boolean } {
  const plan = `${tier.charAt(0)}${tier.slice(1).toLowerCase()} plan`;
  if (limit === null) return { text: `${count} connected · unlimited on the ${plan}`, full: false };
  return { text: `${count} of ${limit} accounts on the ${plan}`, full: count >= limit };
}

export function PlatformsPage() {
  useTitle('Platforms');
  const plan = useWorkspacePlan();
  const timeZone = useTimeZone();
  const [params, setParams] = useSearchParams();
  const [{ data, error }, refetch] = useQuery({ query: PlatformsQuery });
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const connectedId = params.get('connected');
  const connectError = params.get('error');
  const platforms = data?.platforms;
  const mayConnect = usePermissions().can('connectAccounts');
  // The plan's account limit counts the accounts of every workspace the owner owns.
  const usage = planUsage(data?.activeWorkspace?.accountsConnected ?? platforms?.length ?? 0, plan.tier, plan.maxPlatforms ?? null);
  const connectedName = connectedId ? platforms?.find((p) => p.id === connectedId) : undefined;

  const dismiss = () => setParams({}, { replace: true });
  // "Its history is being read now" holds only while it is: the banner goes when that sync ends.
  const onSyncEnded = useCallback(
    (id: string) => {
      if (id === connectedId) setParams({}, { replace: true });
    },
    [connectedId, setParams],
  );
  const onSandbox = (id: string) => {
    setParams({ connected: id }, { replace: true });
    reload();
  };

  return (
    <>
      <PageHeader title="Platforms" description="The social accounts Soash reads, and how they are doing." actions={<span className="small muted">{usage.text}</span>} />
      <div className="stack">
        {connectedId && (
          <div className="alert alert-success notice" role="status">
            <span>
              {connectedName ? `${platformLabel(connectedName.type)} account connected.` : 'Account connected.'} Its history is being read now; numbers appear as
              the sync progresses.
            </span>
            <button type="button" className="link-button" onClick={dismiss}>
              Dismiss
            </button>
          </div>
        )}
        {connectError && (
          <div className="alert notice" role="alert">
            <span>
              {params.get('platform') ? `${platformLabel(params.get('platform')!.toUpperCase())}: ` : ''}
              {connectErrorMessage(connectError)}
            </span>
            <button type="button" className="link-button" onClick={dismiss}>
              Dismiss
            </button>
          </div>
        )}
        {!platforms ? (
          error ? (
            <Card>
              <ErrorState title="Your accounts could not be loaded" error={error} onRetry={reload} />
            </Card>
          ) : (
            <div className="grid grid-2">
              <Card>
                <LoadingBlock lines={5} height={20} label="Loading your accounts" />
              </Card>
              <Card>
                <LoadingBlock lines={5} height={20} />
              </Card>
            </div>
          )
        ) : platforms.length === 0 ? (
          <Card>
            <EmptyState title="No accounts connected yet">
              {mayConnect.allowed ? 'Connect an account below.' : 'An admin or the owner of this workspace can connect one.'} Soash reads its history and then syncs it{' '}
              {SYNC_FREQUENCY}.
            </EmptyState>
          </Card>
        ) : (
          <div className="grid grid-cards">
            {platforms.map((p) => (
              <PlatformCard key={p.id} platform={p} onChanged={reload} onSyncEnded={onSyncEnded} timeZone={timeZone} />
            ))}
          </div>
        )}
        <Card title="Connect an account" labelledBy="connect-title">
          {!mayConnect.allowed ? (
            <RoleNote permission={mayConnect} />
          ) : usage.full ? (
            <p className="alert alert-info">
              Your plan’s account limit is reached. Disconnect an account to connect another one, or <Link to="/settings#plan">change your plan</Link>.
            </p>
          ) : (
            <ConnectPanel onSandboxConnected={onSandbox} />
          )}
        </Card>
      </div>
    </>
  );
}
