import type { CSSProperties, ReactNode } from 'react';
import { graphql, getFragmentData, type FragmentType } from '../../gql';
import type { ReportDocument_ReportDataFragment as ReportDocumentData } from '../../gql/graphql';
import { formatDate, formatPeriod } from '../../lib/format';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { EmptyState } from '../../ui/States';
import { DemographicsView } from '../overview/AudienceCard';
import { BestTimesView } from '../overview/BestTimesCard';
import { KpiGrid } from '../overview/KpiGrid';
import {
  AccountsTableView,
  ContentTypesView,
  EngagementPublishedChart,
  EngagementRateChart,
  FollowersChartView,
  HashtagsTable,
  hasEngagement,
  TopPostsList,
} from '../overview/sections';
import { COMPARISON_LABEL, sectionLabel } from './options';
import { ReportReadyMarker } from './ReportReadyMarker';

/** Everything a report shows: the same fields whether a member opens it (reportData) or a share link does (sharedReport). */
export const ReportDocumentFragment = graphql(`
  fragment ReportDocument_ReportData on ReportData {
    range {
      from
      to
    }
    comparisonRange {
      from
      to
    }
    comparison
    timezone
    generatedAt
    sections
    showSoashMark
    missingPlatformIds
    report {
      name
      branding {
        title
        accentColor
        footer
        logoUrl
      }
    }
    kpis {
      ...OverviewKpis_Overview
    }
    followers {
      granularity
      points {
        bucket
        value
      }
    }
    engagements {
      granularity
      points {
        bucket
        value
      }
    }
    engagementRate {
      granularity
      rateLabel
      points {
        bucket
        value
      }
    }
    accounts {
      platformId
      platformType
      displayName
      followers
      followerGrowth
      posts
      engagements
      engagementRate
      rateLabel
      shareOfEngagements
      platform {
        id
        username
      }
    }
    topPosts {
      rank
      value
      engagementRate
      rateLabel
      activity {
        id
        content
        type
        publishedAt
        platform {
          id
          type
          username
          displayName
        }
      }
    }
    contentTypes {
      contentType
      posts
      postsWithRate
      medianEngagementRate
      rateLabel
    }
    hashtags {
      rateLabel
      hashtags {
        hashtag
        posts
        medianEngagementRate
        lift
      }
    }
    bestTimes {
      ...BestTimesHeatmap_BestTimes
    }
    demographics {
      platforms {
        platformId
      }
      merged {
        ...AudienceDemographics_Demographics
      }
    }
    insights {
      id
      title
      description
      priority
    }
  }
`);

type Data = ReportDocumentData;
type Section = Data['sections'][number];

function Part({ section, children, wide }: { section: Section; children: ReactNode; wide?: boolean }) {
  return (
    <Card title={sectionLabel(section)} labelledBy={`report-${section.toLowerCase()}`} className={wide ? 'report-part report-wide' : 'report-part'}>
      {children}
    </Card>
  );
}

/** One section of a report, from the numbers reportData gave for it. */
export function ReportSectionView({ section, data, shared = false }: { section: Section; data: Data; shared?: boolean }) {
  switch (section) {
    case 'KPIS':
      return data.kpis ? (
        <section aria-labelledby="report-kpis" className="report-part report-wide">
          <h2 id="report-kpis" className="sr-only">
            {sectionLabel(section)}
          </h2>
          <KpiGrid overview={data.kpis} />
        </section>
      ) : null;
    case 'FOLLOWERS_CHART':
      return data.followers ? (
        <Part section={section}>
          <FollowersChartView points={data.followers.points} granularity={data.followers.granularity} />
        </Part>
      ) : null;
    case 'ENGAGEMENT_CHART':
      return data.engagements && data.engagementRate ? (
        <Part section={section}>
          {hasEngagement(data.engagements.points) ? (
            <div className="stack" style={{ gap: 8 }}>
              <EngagementPublishedChart points={data.engagements.points} granularity={data.engagements.granularity} />
              <EngagementRateChart points={data.engagementRate.points} rateLabel={data.engagementRate.rateLabel} granularity={data.engagementRate.granularity} scope="the report’s accounts" />
            </div>
          ) : (
            <EmptyState title="No engagement in this range">Engagement counts posts published in the range.</EmptyState>
          )}
        </Part>
      ) : null;
    case 'ACCOUNTS_TABLE':
      return data.accounts ? (
        <Part section={section} wide>
          <AccountsTableView rows={data.accounts} />
        </Part>
      ) : null;
    case 'TOP_POSTS':
      return data.topPosts ? (
        <Part section={section}>
          <TopPostsList rows={data.topPosts} timeZone={data.timezone} linked={!shared} />
        </Part>
      ) : null;
    case 'CONTENT_TYPES':
      return data.contentTypes ? (
        <Part section={section}>
          <ContentTypesView types={data.contentTypes} rateLabel={data.contentTypes[0]?.rateLabel ?? ''} />
        </Part>
      ) : null;
    case 'HASHTAGS':
      return data.hashtags ? (
        <Part section={section}>
          {data.hashtags.hashtags.length ? (
            <HashtagsTable tags={data.hashtags.hashtags} rateLabel={data.hashtags.rateLabel} range={shared ? undefined : data.range} />
          ) : (
            <EmptyState title="No hashtag on enough posts">A hashtag is compared once it is on at least 3 posts of the range.</EmptyState>
          )}
        </Part>
      ) : null;
    case 'BEST_TIMES':
      return data.bestTimes ? (
        <Part section={section}>
          <BestTimesView data={data.bestTimes} />
        </Part>
      ) : null;
    case 'DEMOGRAPHICS':
      return data.demographics ? (
        <Part section={section} wide>
          {data.demographics.merged ? (
            <DemographicsView demographics={data.demographics.merged} />
          ) : (
            <EmptyState title="No audience data yet">Platforms report age, gender and countries for accounts with enough followers.</EmptyState>
          )}
        </Part>
      ) : null;
    case 'INSIGHTS':
      return data.insights ? (
        <Part section={section}>
          {data.insights.length === 0 ? (
            <EmptyState title="No insights yet">Insights appear when Soash finds a well-supported pattern in the numbers.</EmptyState>
          ) : (
            <ul className="insight-list">
              {data.insights.map((i) => (
                <li key={i.id}>
                  <strong>{i.title}</strong>
                  {i.priority === 'HIGH' && <Badge tone="primary">High priority</Badge>}
                  {i.description && <p className="small muted">{i.description}</p>}
                </li>
              ))}
            </ul>
          )}
        </Part>
      ) : null;
    default:
      return null;
  }
}

/**
 * A report as a document: the branding (logo, title, accent colour, footer), the period with its
 * comparison and timezone, and the sections in the saved order. `actions` (buttons of the member's
 * page) and `notice` sit in the header; `shared` leaves out every link into the app.
 */
export function ReportDocument({
  report: masked,
  actions,
  notice,
  shared = false,
}: {
  report: FragmentType<typeof ReportDocumentFragment>;
  actions?: ReactNode;
  notice?: ReactNode;
  shared?: boolean;
}) {
  const r = getFragmentData(ReportDocumentFragment, masked);
  const b = r.report.branding;
  const accent = b.accentColor ?? undefined;
  return (
    <article className="report" style={accent ? ({ '--report-accent': accent } as CSSProperties) : undefined} aria-labelledby="report-title">
      <header className="report-header">
        {b.logoUrl && <img className="report-logo" src={b.logoUrl} alt="" referrerPolicy="no-referrer" />}
        <div style={{ minWidth: 0, flex: '1 1 260px' }}>
          <h1 id="report-title">{b.title ?? r.report.name}</h1>
          <p className="muted" data-testid="report-period">
            {formatPeriod(r.range.from, r.range.to)}
            {r.comparisonRange ? `, compared with ${formatPeriod(r.comparisonRange.from, r.comparisonRange.to)}` : ` (${COMPARISON_LABEL[r.comparison].toLowerCase()})`} · times in {r.timezone}
          </p>
        </div>
        {actions && (
          <div className="row no-print" style={{ gap: 6 }}>
            {actions}
          </div>
        )}
      </header>
      {notice}
      {r.missingPlatformIds.length > 0 && (
        <p className="alert" role="status">
          {r.missingPlatformIds.length === 1 ? 'One account of this report is' : `${r.missingPlatformIds.length} accounts of this report are`} no longer connected and left out.
        </p>
      )}
      <div className="report-grid">
        {r.sections.map((s) => (
          <ReportSectionView key={s} section={s} data={r} shared={shared} />
        ))}
      </div>
      <ReportReadyMarker info={{ name: r.report.name, title: b.title ?? r.report.name, range: r.range, timezone: r.timezone }} />
      <footer className="report-footer small muted">
        {b.footer && <p>{b.footer}</p>}
        <p>
          Generated {formatDate(String(r.generatedAt), r.timezone, true)}
          {r.showSoashMark && <> · Made with Soash</>}
        </p>
      </footer>
    </article>
  );
}
