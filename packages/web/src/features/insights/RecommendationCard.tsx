import { useId } from 'react';
import { useMutation } from 'urql';
import { graphql, type FragmentType, getFragmentData } from '../../gql';
import { toFormErrors } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { usePermissions } from '../workspaces/workspace';

export const RecommendationCardFragment = graphql(`
  fragment RecommendationCard_ContentRecommendation on ContentRecommendation {
    id
    title
    description
    recommendationType
    score
    feedbackScore
    isUsed
    usedAt
    contentBrief
    insightId
    basis {
      sources
      own {
        posts
      }
      industry {
        industry
        brands
      }
    }
  }
`);

/** Where a recommendation's evidence comes from, in words ("Your 21 posts", "4 other coffee roasting brands"). */
export function evidenceSources(basis: { sources: readonly string[]; own?: { posts: number } | null; industry?: { industry: string; brands: number } | null } | null | undefined): string[] {
  if (!basis) return [];
  const out: string[] = [];
  if (basis.sources.includes('OWN_POSTS') && basis.own) out.push(`Your ${basis.own.posts} ${basis.own.posts === 1 ? 'post' : 'posts'}`);
  if (basis.sources.includes('INDUSTRY') && basis.industry) out.push(`${basis.industry.brands} other ${basis.industry.industry} brands`);
  return out;
}

const RateRecommendationMutation = graphql(`
  mutation RateRecommendation($id: ID!, $score: Int!) {
    rateRecommendation(id: $id, score: $score) {
      id
      feedbackScore
      score
    }
  }
`);

const MarkRecommendationUsedMutation = graphql(`
  mutation MarkRecommendationUsed($id: ID!) {
    markRecommendationUsed(id: $id) {
      id
      isUsed
      usedAt
      score
    }
  }
`);

const TYPE: Record<string, string> = { CONTENT_IDEA: 'Content idea', POSTING_TIME: 'Posting time', HASHTAG: 'Hashtag' };

/** Five radio buttons shown as stars: arrow keys move between them, as for any radio group. */
export function StarRating({ value, onRate, disabled, label }: { value: number | null | undefined; onRate: (score: number) => void; disabled?: boolean; label: string }) {
  const name = useId();
  return (
    <fieldset className="stars" disabled={disabled}>
      <legend className="small muted">
        <span aria-hidden="true">Your rating</span>
        <span className="sr-only">{label}</span>
      </legend>
      {[1, 2, 3, 4, 5].map((n) => (
        <label key={n} className={value != null && n <= value ? 'on' : undefined}>
          <input type="radio" name={name} value={n} checked={value === n} onChange={() => onRate(n)} className="sr-only" />
          <span aria-hidden="true">★</span>
          <span className="sr-only">
            {n} star{n === 1 ? '' : 's'}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** One recommendation: what to do, the brief behind it, a 1-5 rating and "used". */
export function RecommendationCard({ recommendation: masked, timeZone }: { recommendation: FragmentType<typeof RecommendationCardFragment>; timeZone: string }) {
  const r = getFragmentData(RecommendationCardFragment, masked);
  const [rating, rate] = useMutation(RateRecommendationMutation);
  const [use, markUsed] = useMutation(MarkRecommendationUsedMutation);
  // Rating and "used" are for editors and above: others see the rating, read only.
  const mayAct = usePermissions().can('actOnInsights').allowed;
  const error = rating.error ?? use.error;
  return (
    <article className="card insight-card" aria-labelledby={`rec-title-${r.id}`}>
      <div className="row" style={{ gap: 6 }}>
        <Badge tone="primary">{TYPE[r.recommendationType] ?? r.recommendationType}</Badge>
        {r.isUsed && <Badge tone="success">Used{r.usedAt ? ` ${formatDate(r.usedAt, timeZone)}` : ''}</Badge>}
      </div>
      <h3 id={`rec-title-${r.id}`}>{r.title}</h3>
      {evidenceSources(r.basis).length > 0 && <p className="small muted">Evidence: {evidenceSources(r.basis).join(' · ')}</p>}
      {r.description && <p className="muted">{r.description}</p>}
      {r.insightId && (
        <p className="small">
          <a href={`#insight-${r.insightId}`}>The finding behind this</a>
        </p>
      )}
      {r.contentBrief && (
        <details className="evidence">
          <summary>Brief</summary>
          <p className="caption small">{r.contentBrief}</p>
        </details>
      )}
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <StarRating value={rating.data?.rateRecommendation.feedbackScore ?? r.feedbackScore} disabled={rating.fetching || !mayAct} onRate={(score) => void rate({ id: r.id, score })} label={`Rate “${r.title}”`} />
        {mayAct && !r.isUsed && (
          <Button size="sm" variant="secondary" loading={use.fetching} onClick={() => void markUsed({ id: r.id })} aria-label={`Mark “${r.title}” as used`}>
            Mark as used
          </Button>
        )}
      </div>
      {rating.data && !rating.error && (
        <p className="small muted" role="status">
          Thanks: similar recommendations now rank {(rating.data.rateRecommendation.feedbackScore ?? 3) >= 3 ? 'higher' : 'lower'}.
        </p>
      )}
      {error && (
        <p className="error small" role="alert">
          {toFormErrors(error).form}
        </p>
      )}
    </article>
  );
}
