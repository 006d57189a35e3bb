/**
 * CSV writing (RFC 4180) that is safe to open in a spreadsheet: a text cell that a spreadsheet
 * would read as a formula (starting with = + - @, or a tab or carriage return, also after leading
 * spaces) is prefixed with a single quote. Numbers we format ourselves are written as numbers.
 */
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  if (FORMULA_START.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s) || /^\s|\s$/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
