import { DAY_MS, localDayOf, zoneOffsetMs } from './time.js';

/**
 * Alerts: rules a workspace sets on its accounts, and where a firing goes (docs/alerts.md).
 *
 * - METRIC_THRESHOLD: a metric over the last `periodDays` days is above / below a value;
 * - METRIC_CHANGE: a metric changed by at least `changePercent` % against the `periodDays` days
 *   before (up, down or either way);
 * - HIGH_INSIGHT: a new insight of HIGH priority was found;
 * - REAUTH_NEEDED: an account must be connected again, or will have to be within `daysBefore` days;
 * - SYNC_FAILED: a sync of an account failed.
 */
export const AlertKind = {
  METRIC_THRESHOLD: 'metric_threshold',
  METRIC_CHANGE: 'metric_change',
  HIGH_INSIGHT: 'high_insight',
  REAUTH_NEEDED: 'reauth_needed',
  SYNC_FAILED: 'sync_failed',
} as const;
export type AlertKind = (typeof AlertKind)[keyof typeof AlertKind];
export const ALERT_KINDS: readonly AlertKind[] = Object.values(AlertKind);

export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, string>> = {
  [AlertKind.METRIC_THRESHOLD]: 'A metric crosses a value',
  [AlertKind.METRIC_CHANGE]: 'A metric changes against the previous period',
  [AlertKind.HIGH_INSIGHT]: 'A high-priority insight is found',
  [AlertKind.REAUTH_NEEDED]: 'An account must be connected again',
  [AlertKind.SYNC_FAILED]: 'A sync fails',
};

/** Whether a kind watches a metric (and so needs `metric` and `periodDays`). */
export function isMetricAlertKind(kind: AlertKind): boolean {
  return kind === AlertKind.METRIC_THRESHOLD || kind === AlertKind.METRIC_CHANGE;
}

/** METRIC_THRESHOLD: ABOVE / BELOW; METRIC_CHANGE: UP / DOWN / EITHER. */
export const AlertDirection = {
  ABOVE: 'above',
  BELOW: 'below',
  UP: 'up',
  DOWN: 'down',
  EITHER: 'either',
} as const;
export type AlertDirection = (typeof AlertDirection)[keyof typeof AlertDirection];

export const AlertChannel = { EMAIL: 'email', IN_APP: 'in_app', WEBHOOK: 'webhook' } as const;
export type AlertChannel = (typeof AlertChannel)[keyof typeof AlertChannel];
export const ALERT_CHANNELS: readonly AlertChannel[] = Object.values(AlertChannel);

export const ALERT_CHANNEL_LABELS: Readonly<Record<AlertChannel, string>> = {
  [AlertChannel.EMAIL]: 'Email',
  [AlertChannel.IN_APP]: 'In the app (the bell)',
  [AlertChannel.WEBHOOK]: 'Webhook (alert.triggered)',
};

/** Who gets a rule's email and in-app notifications: every editor, admin and owner, or chosen members. */
export const AlertRecipients = { EDITORS: 'editors', CHOSEN: 'chosen' } as const;
export type AlertRecipients = (typeof AlertRecipients)[keyof typeof AlertRecipients];

export const ALERT_RULES_PER_WORKSPACE = 50;
export const ALERT_DEFAULT_QUIET_HOURS = 24;
export const ALERT_MAX_QUIET_HOURS = 24 * 30;
export const ALERT_DEFAULT_PERIOD_DAYS = 7;
export const ALERT_MAX_PERIOD_DAYS = 90;
export const ALERT_DEFAULT_REAUTH_DAYS = 7;
export const ALERT_MAX_REAUTH_DAYS = 60;
export const ALERT_DEFAULT_DIGEST_HOUR = 9;

/** The instant the wall clock of `tz` shows `hour`:00 on calendar day `day`; where a DST change skips that hour, the first instant after the gap. */
export function localHourInstant(day: number, hour: number, tz: string): number {
  const wall = day * DAY_MS + hour * 3_600_000;
  const first = wall - zoneOffsetMs(wall, tz);
  return wall - zoneOffsetMs(first, tz);
}

/** The next instant at or after `now` when the wall clock of `tz` shows `hour`:00 (a daily digest's send time). */
export function nextLocalHour(now: number, tz: string, hour: number): number {
  const today = localDayOf(now, tz);
  for (let day = today - 1; day <= today + 2; day++) {
    const at = localHourInstant(day, hour, tz);
    if (at >= now) return at;
  }
  return localHourInstant(today + 1, hour, tz);
}
