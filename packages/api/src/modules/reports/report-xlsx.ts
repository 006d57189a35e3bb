import { localParts, REPORT_SECTION_LABELS } from '@soash/shared';
import ExcelJS from 'exceljs';
import type { Context } from '../../server/context.js';
import type { MetricValue } from '../analytics/analytics.types.js';
import type { ReportData } from './report-data.types.js';
import { ReportSection } from './report.enums.js';
import {
  accountsSection,
  bestTimesSection,
  contentTypesSection,
  demographicsSection,
  hashtagsSection,
  insightsSection,
  kpisSection,
  seriesSection,
  topPostsSection,
} from './reports.service.js';
import { TimeseriesMetric } from '../analytics/analytics.enums.js';

/**
 * A report as an Excel workbook (exceljs): an "About" sheet (the report, its range, comparison
 * and timezone), then one sheet per section in the report's order. Every number is a number cell
 * with a number format (rates and shares as percentages, counts with thousands separators), every
 * date a date cell; nothing numeric is written as text.
 */

export const FMT = {
  count: '#,##0',
  decimal: '#,##0.00',
  percent: '0.00%',
  lift: '0.00"×"',
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm',
} as const;

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A calendar date (YYYY-MM-DD) as a date cell value (Excel dates have no timezone: midnight UTC of that date). */
export function dateCell(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** An instant as the wall-clock time it was in `tz`, as a date cell value. */
export function localDateTimeCell(instant: Date, tz: string): Date {
  const p = localParts(instant.getTime(), tz);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

interface Column {
  header: string;
  key: string;
  width?: number;
  fmt?: string;
}

function sheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Array<Record<string, unknown>>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name.slice(0, 31));
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(12, c.header.length + 2), style: c.fmt ? { numFmt: c.fmt } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(r);
  return ws;
}

const sectionName = (s: ReportSection) => REPORT_SECTION_LABELS[s];

/** The change as a fraction (deltaPercent is in percent). */
const ratio = (m: MetricValue) => (m.deltaPercent === null ? null : m.deltaPercent / 100);

export async function reportWorkbook(ctx: Context, data: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Soash';
  wb.created = data.generatedAt;
  const about = wb.addWorksheet('About');
  about.columns = [
    { header: 'Field', key: 'k', width: 22 },
    { header: 'Value', key: 'v', width: 48 },
  ];
  about.getRow(1).font = { bold: true };
  const b = data.report.branding;
  const aboutRows: Array<[string, unknown, string?]> = [
    ['Report', b.title ?? data.report.name],
    ['From', dateCell(data.range.from), FMT.date],
    ['To', dateCell(data.range.to), FMT.date],
    ['Compared with (from)', data.comparisonRange ? dateCell(data.comparisonRange.from) : 'no comparison', data.comparisonRange ? FMT.date : undefined],
    ['Compared with (to)', data.comparisonRange ? dateCell(data.comparisonRange.to) : 'no comparison', data.comparisonRange ? FMT.date : undefined],
    ['Timezone', data.timezone],
    ['Generated (local time)', localDateTimeCell(data.generatedAt, data.timezone), FMT.dateTime],
    ['Sections', data.sections.map(sectionName).join(', ')],
  ];
  if (b.footer) aboutRows.push(['Footer', b.footer]);
  for (const [k, v, fmt] of aboutRows) {
    const row = about.addRow({ k, v });
    if (fmt) row.getCell('v').numFmt = fmt;
  }

  for (const section of data.sections) {
    const name = sectionName(section);
    switch (section) {
      case ReportSection.KPIS: {
        const o = (await kpisSection(data))!;
        const rows: Array<[string, MetricValue, string]> = [
          ['Followers', o.followers, FMT.count],
          ['Follower growth', o.followerGrowth, FMT.count],
          ['Follower growth %', { ...o.followerGrowthPercent, value: o.followerGrowthPercent.value === null ? null : o.followerGrowthPercent.value / 100, previous: o.followerGrowthPercent.previous === null ? null : o.followerGrowthPercent.previous / 100, delta: o.followerGrowthPercent.delta === null ? null : o.followerGrowthPercent.delta / 100 }, FMT.percent],
          ['Posts', o.posts, FMT.count],
          ['Impressions', o.impressions, FMT.count],
          ['Views', o.views, FMT.count],
          ['Reach', o.reach, FMT.count],
          ['Engagements', o.engagements, FMT.count],
          [`Engagement rate (${o.rateLabel})`, o.engagementRate, FMT.percent],
        ];
        const ws = sheet(
          wb,
          name,
          [
            { header: 'Metric', key: 'metric', width: 44 },
            { header: 'Value', key: 'value' },
            { header: 'Previous period', key: 'previous', width: 16 },
            { header: 'Change', key: 'delta' },
            { header: 'Change %', key: 'change', fmt: '0.0%' },
          ],
          [],
        );
        for (const [metric, m, fmt] of rows) {
          const row = ws.addRow({ metric, value: m.value, previous: m.previous, delta: m.delta, change: ratio(m) });
          for (const key of ['value', 'previous', 'delta']) row.getCell(key).numFmt = fmt;
        }
        break;
      }
      case ReportSection.FOLLOWERS_CHART: {
        const t = (await seriesSection(data, ReportSection.FOLLOWERS_CHART, TimeseriesMetric.FOLLOWERS))!;
        sheet(
          wb,
          name,
          [
            { header: 'From', key: 'from', fmt: FMT.date },
            { header: 'To', key: 'to', fmt: FMT.date },
            { header: 'Followers', key: 'value', fmt: FMT.count },
          ],
          t.points.map((p) => ({ from: dateCell(p.startDate), to: dateCell(p.endDate), value: p.value })),
        );
        break;
      }
      case ReportSection.ENGAGEMENT_CHART: {
        const [e, r] = await Promise.all([
          seriesSection(data, ReportSection.ENGAGEMENT_CHART, TimeseriesMetric.ENGAGEMENTS),
          seriesSection(data, ReportSection.ENGAGEMENT_CHART, TimeseriesMetric.ENGAGEMENT_RATE),
        ]);
        const rate = new Map(r!.points.map((p) => [p.bucket, p.value]));
        sheet(
          wb,
          name,
          [
            { header: 'From', key: 'from', fmt: FMT.date },
            { header: 'To', key: 'to', fmt: FMT.date },
            { header: 'Engagements', key: 'engagements', fmt: FMT.count, width: 14 },
            { header: `Engagement rate (${r!.rateLabel})`, key: 'rate', fmt: FMT.percent, width: 40 },
          ],
          e!.points.map((p) => ({ from: dateCell(p.startDate), to: dateCell(p.endDate), engagements: p.value, rate: rate.get(p.bucket) ?? null })),
        );
        break;
      }
      case ReportSection.ACCOUNTS_TABLE: {
        const rows = (await accountsSection(data))!;
        const platforms = await Promise.all(rows.map((row) => ctx.loaders.platformById.load(row.platformId.toHexString())));
        sheet(
          wb,
          name,
          [
            { header: 'Account', key: 'account', width: 28 },
            { header: 'Platform', key: 'platform' },
            { header: 'Followers', key: 'followers', fmt: FMT.count },
            { header: 'Follower growth', key: 'growth', fmt: FMT.count, width: 16 },
            { header: 'Posts', key: 'posts', fmt: FMT.count },
            { header: 'Engagements', key: 'engagements', fmt: FMT.count, width: 14 },
            { header: 'Impressions', key: 'impressions', fmt: FMT.count, width: 14 },
            { header: 'Reach', key: 'reach', fmt: FMT.count },
            { header: 'Views', key: 'views', fmt: FMT.count },
            { header: 'Engagement rate', key: 'rate', fmt: FMT.percent, width: 16 },
            { header: 'Engagement rate by', key: 'basis', width: 30 },
            { header: 'Share of engagements', key: 'share', fmt: FMT.percent, width: 20 },
          ],
          rows.map((row, i) => ({
            account: platforms[i]?.username ?? row.displayName ?? row.platformId.toHexString(),
            platform: row.platformType,
            followers: row.followers,
            growth: row.followerGrowth,
            posts: row.posts,
            engagements: row.engagements,
            impressions: row.impressions,
            reach: row.reach,
            views: row.views,
            rate: row.engagementRate,
            basis: row.rateLabel,
            share: row.shareOfEngagements,
          })),
        );
        break;
      }
      case ReportSection.TOP_POSTS: {
        const rows = (await topPostsSection(data))!;
        const platforms = await Promise.all(rows.map((r) => ctx.loaders.platformById.load(r.activity.platformId.toHexString())));
        sheet(
          wb,
          name,
          [
            { header: 'Rank', key: 'rank', fmt: FMT.count, width: 6 },
            { header: `Published (${data.timezone})`, key: 'published', fmt: FMT.dateTime, width: 22 },
            { header: 'Account', key: 'account', width: 24 },
            { header: 'Type', key: 'type' },
            { header: 'Caption', key: 'caption', width: 60 },
            { header: 'Engagements', key: 'engagements', fmt: FMT.count, width: 14 },
            { header: 'Engagement rate', key: 'rate', fmt: FMT.percent, width: 16 },
            { header: 'Engagement rate by', key: 'basis', width: 30 },
            { header: 'Link', key: 'link', width: 40 },
          ],
          rows.map((r, i) => ({
            rank: r.rank,
            published: r.activity.publishedAt ? localDateTimeCell(r.activity.publishedAt, data.timezone) : null,
            account: platforms[i]?.username ?? '',
            type: r.activity.type,
            caption: (r.activity.content ?? '').slice(0, 500),
            engagements: r.value,
            rate: r.engagementRate,
            basis: r.rateLabel,
            link: r.activity.permalink ?? '',
          })),
        );
        break;
      }
      case ReportSection.CONTENT_TYPES: {
        const rows = (await contentTypesSection(data))!;
        sheet(
          wb,
          name,
          [
            { header: 'Content type', key: 'type', width: 16 },
            { header: 'Posts', key: 'posts', fmt: FMT.count },
            { header: 'Share of posts', key: 'share', fmt: FMT.percent, width: 14 },
            { header: 'Engagements', key: 'engagements', fmt: FMT.count, width: 14 },
            { header: 'Average engagements', key: 'avg', fmt: FMT.decimal, width: 20 },
            { header: 'Engagement rate', key: 'rate', fmt: FMT.percent, width: 16 },
            { header: 'Median engagement rate', key: 'median', fmt: FMT.percent, width: 22 },
            { header: 'Lift vs typical post', key: 'lift', fmt: FMT.lift, width: 20 },
          ],
          rows.map((r) => ({ type: r.contentType, posts: r.posts, share: r.shareOfPosts, engagements: r.engagements, avg: r.averageEngagements, rate: r.engagementRate, median: r.medianEngagementRate, lift: r.lift })),
        );
        break;
      }
      case ReportSection.HASHTAGS: {
        const h = (await hashtagsSection(data))!;
        sheet(
          wb,
          name,
          [
            { header: 'Hashtag', key: 'tag', width: 24 },
            { header: 'Posts', key: 'posts', fmt: FMT.count },
            { header: 'Median engagement rate', key: 'median', fmt: FMT.percent, width: 22 },
            { header: 'Lift vs typical post', key: 'lift', fmt: FMT.lift, width: 20 },
            { header: 'Posts beating their account median', key: 'success', fmt: FMT.percent, width: 32 },
            { header: 'Average engagements', key: 'avg', fmt: FMT.decimal, width: 20 },
          ],
          h.hashtags.map((t) => ({ tag: `#${t.hashtag}`, posts: t.posts, median: t.medianEngagementRate, lift: t.lift, success: t.successRate, avg: t.averageEngagements })),
        );
        break;
      }
      case ReportSection.BEST_TIMES: {
        const bt = (await bestTimesSection(data))!;
        sheet(
          wb,
          name,
          [
            { header: 'Weekday', key: 'day', width: 12 },
            { header: `Hour (${bt.timezone})`, key: 'hour', fmt: '00":00"', width: 20 },
            { header: 'Posts', key: 'posts', fmt: FMT.count },
            { header: 'Expected engagement rate', key: 'value', fmt: FMT.percent, width: 24 },
            { header: 'Low (95 %)', key: 'low', fmt: FMT.percent },
            { header: 'High (95 %)', key: 'high', fmt: FMT.percent },
            { header: 'Based on', key: 'source' },
          ],
          bt.cells.map((c) => ({ day: WEEKDAYS[c.dayOfWeek - 1], hour: c.hour, posts: c.posts, value: c.value, low: c.low, high: c.high, source: c.source.toLowerCase() })),
        );
        break;
      }
      case ReportSection.DEMOGRAPHICS: {
        const d = (await demographicsSection(data))!;
        const m = d.merged;
        const rows: Array<Record<string, unknown>> = [];
        for (const a of m?.ageGroups ?? []) rows.push({ dimension: 'Age', group: a.range, share: a.share });
        if (m?.genderSplit) {
          for (const [k, label] of [
            ['female', 'Women'],
            ['male', 'Men'],
            ['other', 'Other or undisclosed'],
          ] as const) {
            const v = m.genderSplit[k];
            if (typeof v === 'number') rows.push({ dimension: 'Gender', group: label, share: v });
          }
        }
        for (const l of m?.locations ?? []) rows.push({ dimension: 'Location', group: [l.city, l.country].filter(Boolean).join(', '), share: l.share });
        sheet(
          wb,
          name,
          [
            { header: 'Dimension', key: 'dimension' },
            { header: 'Group', key: 'group', width: 28 },
            { header: 'Share of audience', key: 'share', fmt: FMT.percent, width: 18 },
          ],
          rows,
        );
        break;
      }
      case ReportSection.INSIGHTS: {
        const items = (await insightsSection(data))!;
        sheet(
          wb,
          name,
          [
            { header: 'Insight', key: 'title', width: 48 },
            { header: 'Priority', key: 'priority' },
            { header: 'What it means', key: 'description', width: 90 },
          ],
          items.map((i) => ({ title: i.title, priority: i.priority, description: i.description ?? '' })),
        );
        break;
      }
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
