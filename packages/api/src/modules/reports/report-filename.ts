import type { ReportData } from './report-data.types.js';

/** soash-report-<name>-<from>_<to>.<ext>, the name reduced to letters, digits and dashes. */
export function reportFilename(data: Pick<ReportData, 'range'> & { report: { name: string } }, ext: string): string {
  const slug =
    data.report.name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .replace(/-+/g, '-')
      .slice(0, 60) || 'report';
  return `soash-report-${slug}-${data.range.from}_${data.range.to}.${ext}`;
}
