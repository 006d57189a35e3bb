import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { SubscriptionTier } from '../../gql/graphql';
import { toFormErrors } from '../../lib/errors';
import { formatMoney } from '../../lib/format';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorState, LoadingBlock } from '../../ui/States';
import { RoleNote } from '../workspaces/RoleNote';
import { usePermissions } from '../workspaces/workspace';

const PlansQuery = graphql(`
  query Plans {
    plans {
      tier
      maxPlatforms
      historyDays
      priceCents
    }
    me {
      id
      subscriptionTier
    }
    billing {
      charges
      provider
    }
  }
`);

const ChangeSubscriptionMutation = graphql(`
  mutation ChangeSubscription($tier: SubscriptionTier!) {
    changeSubscription(tier: $tier) {
      id
      subscriptionTier
      plan {
        tier
        maxPlatforms
        historyDays
      }
    }
  }
`);

export function tierName(tier: string): string {
  return tier.charAt(0) + tier.slice(1).toLowerCase();
}

function price(cents: number): string {
  return cents === 0 ? 'Free' : `${formatMoney(cents)} / month`;
}

/** What a change to a plan costs, said before the change is made. */
export function chargeText(plan: { tier: string; priceCents: number }, billing: { charges: boolean }): string {
  if (!billing.charges) return `No payment provider is set up on this server, so nothing is charged: the ${tierName(plan.tier)} plan is free here and applies at once.`;
  if (plan.priceCents === 0) return `Nothing is charged on the ${tierName(plan.tier)} plan. The change applies at once.`;
  return `You will be charged ${formatMoney(plan.priceCents)} per month for the ${tierName(plan.tier)} plan, starting now. The change applies at once.`;
}

/**
 * The plans with their limits; the current one is marked, the others can be switched to after a
 * confirmation that says what is charged.
 */
export function PlanCard() {
  const [{ data, error }, refetch] = useQuery({ query: PlansQuery });
  const [change, runChange] = useMutation(ChangeSubscriptionMutation);
  const [asked, setAsked] = useState<{ tier: string; priceCents: number } | null>(null);
  // The workspace runs on its owner's plan: only the owner changes it from here.
  const mayChange = usePermissions().can('managePlan');
  if (!data) return error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : <LoadingBlock lines={3} height={40} label="Loading plans" />;
  const current = data.me.subscriptionTier;
  const billing = data.billing;
  return (
    <div className="stack">
      {!mayChange.allowed && (
        <div id="plan-role">
          <RoleNote permission={mayChange} />
          <p className="small muted">This workspace uses its owner’s plan. Your own plan applies to the workspaces you own: switch to one of them to change it.</p>
        </div>
      )}
      <ul className="plans" aria-label="Plans">
        {data.plans.map((p) => {
          const isCurrent = p.tier === current;
          return (
            <li key={p.tier} className={`plan${isCurrent ? ' current' : ''}`} aria-current={isCurrent || undefined}>
              <div className="row" style={{ justifyContent: 'space-between' }}>
                <strong>{tierName(p.tier)}</strong>
                {isCurrent && <Badge tone="primary">Your plan</Badge>}
              </div>
              <div className="plan-price">{price(p.priceCents)}</div>
              <ul className="small muted plan-limits">
                <li>{p.maxPlatforms == null ? 'Unlimited accounts' : `${p.maxPlatforms} connected accounts`}</li>
                <li>{p.historyDays == null ? 'Unlimited history' : `${p.historyDays} days of history`}</li>
              </ul>
              {!isCurrent && (
                <Button size="sm" variant="secondary" loading={change.fetching && change.operation?.variables.tier === p.tier} disabled={change.fetching || !mayChange.allowed} aria-describedby={mayChange.allowed ? undefined : 'plan-role'} onClick={() => setAsked({ tier: p.tier, priceCents: p.priceCents })}>
                  Switch to {tierName(p.tier)}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {change.error && (
        <p className="alert" role="alert">
          {toFormErrors(change.error).form}
        </p>
      )}
      <p className="small muted">
        {billing.charges ? 'Plan changes are charged by the payment provider and take effect at once.' : 'No payment provider is set up on this server: plan changes are free and take effect at once.'}
      </p>
      <ConfirmDialog
        open={asked !== null}
        title={asked ? `Switch to ${tierName(asked.tier)}?` : ''}
        confirmLabel={asked && billing.charges && asked.priceCents > 0 ? `Pay ${formatMoney(asked.priceCents)} / month` : 'Confirm the change'}
        busy={change.fetching}
        onCancel={() => setAsked(null)}
        onConfirm={() => {
          if (!asked) return;
          void runChange({ tier: asked.tier as SubscriptionTier }).then(() => setAsked(null));
        }}
      >
        {asked && chargeText(asked, billing)}
      </ConfirmDialog>
    </div>
  );
}
