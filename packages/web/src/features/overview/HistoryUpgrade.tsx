import { Link } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDate, formatMoney } from '../../lib/format';
import { tierName } from '../settings/PlanCard';

const HistoryPlansQuery = graphql(`
  query HistoryPlans {
    plans {
      tier
      historyDays
      priceCents
    }
  }
`);

/** The cheapest plan whose history reaches `days` back (null history = unlimited), if any. */
export function planFor<P extends { historyDays?: number | null; priceCents: number }>(plans: readonly P[], days: number): P | null {
  const fits = plans.filter((p) => p.historyDays == null || p.historyDays >= days);
  return fits.sort((a, b) => a.priceCents - b.priceCents)[0] ?? null;
}

/**
 * Said when the plan's history cut the chosen range short: what is shown instead, and the plan
 * that would show the whole range, with a way to switch to it.
 */
export function HistoryUpgrade({
  planName,
  historyDays,
  shownFrom,
  wantedDays,
  rangeName,
}: {
  planName: string;
  historyDays: number;
  /** First day actually shown (YYYY-MM-DD). */
  shownFrom: string;
  /** Days back from today the chosen range needs. */
  wantedDays: number;
  /** The preset's name ("Last 12 months"), or null for a custom range. */
  rangeName: string | null;
}) {
  const [{ data }] = useQuery({ query: HistoryPlansQuery });
  const offer = data ? planFor(data.plans, wantedDays) : null;
  const start = formatDate(`${shownFrom}T12:00:00Z`, 'UTC');
  return (
    <div className="notice upgrade-offer" role="status" style={{ marginTop: 8, marginBottom: 0 }}>
      <p className="small" style={{ margin: 0 }}>
        {rangeName ? `“${rangeName}” needs more history than your ${planName} plan keeps` : `Your ${planName} plan does not reach that far back`} ({historyDays} days), so the range starts on{' '}
        {start}.
        {offer && (
          <>
            {' '}
            The {tierName(offer.tier)} plan keeps {offer.historyDays == null ? 'your whole history' : `${offer.historyDays} days`}
            {offer.priceCents > 0 ? ` (${formatMoney(offer.priceCents)} / month)` : ''}.
          </>
        )}
      </p>
      {offer ? (
        <Link to="/settings#plan" className="btn btn-primary btn-sm">
          Upgrade to {tierName(offer.tier)}
        </Link>
      ) : (
        <Link to="/settings#plan" className="small">
          See plans
        </Link>
      )}
    </div>
  );
}
