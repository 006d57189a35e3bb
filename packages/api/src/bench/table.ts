import type { BenchRow } from './registry.js';

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const x = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : `${v.toFixed(2)}×`);

/** A plain-text table (also valid Markdown), one line per row. */
export function formatTable(rows: readonly BenchRow[]): string {
  const head = ['suite', 'benchmark', 'p50 ms', 'p99 ms', 'floor p50', 'floor p99', 'ratio p50', 'ratio p99', 'cmds', 'floor cmds', 'value', 'runs', 'target', 'result'];
  const body = rows.map((r) => [
    r.suite,
    r.name,
    ms(r.p50Ms),
    ms(r.p99Ms),
    ms(r.floorP50Ms),
    ms(r.floorP99Ms),
    x(r.ratioP50),
    x(r.ratioP99),
    r.commands?.toString() ?? '',
    r.floorCommands?.toString() ?? '',
    r.value === undefined ? '' : `${r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(1)} ${r.unit ?? ''}`.trim(),
    r.runs?.toString() ?? '',
    r.target ?? '',
    r.pass === undefined ? (r.note ?? '') : `${r.pass ? 'ok' : 'MISSED'}${r.note ? ` (${r.note.split('\n')[0]})` : ''}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i >= 2 && i <= 11 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i >= 2 && i <= 11 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...body.map(line)].join('\n');
}
