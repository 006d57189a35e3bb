import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql, type FragmentType, getFragmentData } from '../../gql';
import { formatDate, formatNumber, formatPercent } from '../../lib/format';
import { accountLabel } from '../../lib/labels';
import { Card } from '../../ui/Card';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';

export const DemographicsFragment = graphql(`
  fragment AudienceDemographics_Demographics on Demographics {
    ageGroups {
      range
      share
    }
    genderSplit {
      female
      male
      other
    }
    locations {
      country
      city
      share
    }
  }
`);

const AudienceQuery = graphql(`
  query OverviewAudience {
    audienceDemographics {
      platforms {
        platformId
        platformType
        date
        followers
        platform {
          id
          username
          displayName
        }
        demographics {
          ...AudienceDemographics_Demographics
        }
      }
      merged {
        ...AudienceDemographics_Demographics
      }
    }
  }
`);

const regionNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;

/** "DE" → "Germany" (the code itself when the browser does not know it). */
export function countryName(code: string): string {
  try {
    return regionNames?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Location shares summed by country, largest first (platforms report cities inside countries). */
export function topCountries(locations: readonly { country: string; share: number }[], limit = 5): { country: string; share: number }[] {
  const by = new Map<string, number>();
  for (const l of locations) by.set(l.country, (by.get(l.country) ?? 0) + l.share);
  return [...by]
    .map(([country, share]) => ({ country, share }))
    .sort((a, b) => b.share - a.share || a.country.localeCompare(b.country))
    .slice(0, limit);
}

function ShareBars({ title, rows }: { title: string; rows: { label: string; share: number }[] }) {
  return (
    <div>
      <h3 className="small" style={{ margin: '0 0 6px', fontWeight: 600 }}>
        {title}
      </h3>
      {rows.length === 0 ? (
        <p className="small muted">Not reported.</p>
      ) : (
        <table className="share-bars">
          <caption className="sr-only">{title}</caption>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>
                  <span className="share-bar" aria-hidden="true">
                    <span style={{ width: `${Math.max(0, Math.min(1, r.share)) * 100}%` }} />
                  </span>
                </td>
                <td className="num">{formatPercent(r.share, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Age, gender and top countries of one account's audience (or all accounts merged). */
export function DemographicsView({ demographics: masked }: { demographics: FragmentType<typeof DemographicsFragment> }) {
  const d = getFragmentData(DemographicsFragment, masked);
  const ages = [...d.ageGroups].sort((a, b) => a.range.localeCompare(b.range, 'en', { numeric: true })).map((a) => ({ label: a.range, share: a.share }));
  const g = d.genderSplit;
  const genders = g
    ? [
        { label: 'Women', share: g.female },
        { label: 'Men', share: g.male },
        { label: 'Other or undisclosed', share: g.other },
      ].filter((x): x is { label: string; share: number } => typeof x.share === 'number')
    : [];
  const countries = topCountries(d.locations).map((c) => ({ label: countryName(c.country), share: c.share }));
  return (
    <div className="audience-grid">
      <ShareBars title="Age" rows={ages} />
      <ShareBars title="Gender" rows={genders} />
      <ShareBars title="Top countries" rows={countries} />
    </div>
  );
}

const ALL = 'all';

/** Who the audience is: per account as each platform reports it, or all accounts merged by followers. */
export function AudienceCard() {
  const [{ data, error }, refetch] = useQuery({ query: AudienceQuery });
  const [selected, setSelected] = useState<string>(ALL);
  const a = data?.audienceDemographics;
  const accounts = a?.platforms ?? [];
  const current = selected === ALL ? null : accounts.find((p) => p.platformId === selected);
  const shown = current ? current.demographics : a?.merged;
  return (
    <Card
      title="Audience"
      labelledBy="audience"
      actions={
        accounts.length > 1 ? (
          <label className="small">
            <span className="sr-only">Audience of</span>
            <select value={current ? current.platformId : ALL} onChange={(e) => setSelected(e.target.value)} aria-label="Audience of">
              <option value={ALL}>All accounts</option>
              {accounts.map((p) => (
                <option key={p.platformId} value={p.platformId}>
                  {accountLabel({ type: p.platformType, username: p.platform?.username, displayName: p.platform?.displayName })}
                </option>
              ))}
            </select>
          </label>
        ) : undefined
      }
    >
      {!a ? (
        error ? (
          <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <LoadingBlock lines={4} height={20} label="Loading the audience" />
        )
      ) : !shown || accounts.length === 0 ? (
        <EmptyState title="No audience data yet">
          Platforms report age, gender and countries for accounts with enough followers; they appear here after the next daily sync.
        </EmptyState>
      ) : (
        <div className="stack">
          <DemographicsView demographics={shown} />
          <p className="small muted">
            {current
              ? `${accountLabel({ type: current.platformType, username: current.platform?.username, displayName: current.platform?.displayName })}: as reported on ${formatDate(`${current.date}T12:00:00Z`, 'UTC')}${
                  current.followers != null ? `, ${formatNumber(current.followers)} followers` : ''
                }.`
              : accounts.length === 1
                ? `As reported on ${formatDate(`${accounts[0]!.date}T12:00:00Z`, 'UTC')}.`
                : `${accounts.length} accounts merged, each weighted by its followers.`}
          </p>
        </div>
      )}
    </Card>
  );
}
