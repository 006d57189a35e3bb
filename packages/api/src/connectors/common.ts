import { createHash, randomBytes } from 'node:crypto';
import type { MetricSource } from '../lib/provenance.js';
import type { DayRange } from './types.js';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Midnight UTC of the day `d` falls in. */
export function utcDay(d: Date | number): Date {
  const t = typeof d === 'number' ? d : d.getTime();
  return new Date(Math.floor(t / DAY_MS) * DAY_MS);
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/** Days from `from` to `to`, both included, as UTC midnights. */
export function eachDay(range: DayRange): Date[] {
  const out: Date[] = [];
  for (let t = utcDay(range.from).getTime(); t <= utcDay(range.to).getTime(); t += DAY_MS) out.push(new Date(t));
  return out;
}

/** Splits a range into consecutive ranges of at most `maxDays` days, oldest first. */
export function chunkRange(range: DayRange, maxDays: number): DayRange[] {
  const days = eachDay(range);
  const out: DayRange[] = [];
  for (let i = 0; i < days.length; i += maxDays) {
    const part = days.slice(i, i + maxDays);
    out.push({ from: part[0]!, to: part[part.length - 1]! });
  }
  return out;
}

/** The last `days` whole UTC days up to and including today. */
export function lastDays(days: number, now = new Date()): DayRange {
  const to = utcDay(now);
  return { from: addDays(to, -(Math.max(1, days) - 1)), to };
}

/** YYYY-MM-DD of a UTC day. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function epochSeconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

/** Provenance entries for the fields a platform metric was stored in. */
export function sourcesFor(apiVersion: string, fetchedAt: Date, pairs: Array<[field: string, metric: string]>): MetricSource[] {
  return pairs.map(([field, metric]) => ({ field, metric, apiVersion, fetchedAt }));
}

/** A number from a platform payload, or undefined when it is missing or not numeric. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** PKCE (RFC 7636): a random verifier and its S256 challenge. */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** Expiry from an OAuth `expires_in` (seconds); undefined when absent or 0. */
export function expiryFrom(issuedAt: Date, expiresIn: unknown): Date | undefined {
  const s = num(expiresIn);
  return s && s > 0 ? new Date(issuedAt.getTime() + s * 1000) : undefined;
}

export function withQuery(base: string, query: Record<string, string | number | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

/** Joins a configured base URL and a path without doubling slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
