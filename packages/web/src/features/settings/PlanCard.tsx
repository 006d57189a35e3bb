import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { SubscriptionTier } from '../../gql/graphql';
import { toFormErrors } from '../../lib/errors';
import { formatMoney } from '../../lib/format';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ErrorState, LoadingBlock } from '../../ui/States';

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

/** The plans with their limits; the current one is marked, the others can be switched to. */
export function PlanCard() {
  const [{ data, error }, refetch] = useQuery({ query: PlansQuery });
  const [change, runChange] = useMutation(ChangeSubscriptionMutation);
  if (!data) return error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : <LoadingBlock lines={3} height={40} label="Loading plans" />;
  const current = data.me.subscriptionTier;
  return (
    <div className="stack">
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
                <Button size="sm" variant="secondary" loading={change.fetching && change.operation?.variables.tier === p.tier} disabled={change.fetching} onClick={() => void runChange({ tier: p.tier as SubscriptionTier })}>
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
      <p className="small muted">Payments are handled outside Soash on this server; switching takes effect at once.</p>
    </div>
  );
}
