import { AlertChannel, AlertDirection, AlertKind, AlertMetric, AlertRecipients } from '@soash/shared';
import { registerEnumType } from 'type-graphql';

/** The shared alert enums as GraphQL enums (names are the UPPER_CASE keys, values the stored strings). */
registerEnumType(AlertKind, {
  name: 'AlertKind',
  description:
    'METRIC_THRESHOLD: a metric is above/below a value. METRIC_CHANGE: a metric changed by at least a percentage against the previous period. HIGH_INSIGHT: a new high-priority insight. REAUTH_NEEDED: an account must be connected again (or soon). SYNC_FAILED: a sync failed.',
});
registerEnumType(AlertMetric, { name: 'AlertMetric', description: "The dashboard's headline numbers an alert can watch (the same metric model). Rates are entered and shown as percentages." });
registerEnumType(AlertDirection, { name: 'AlertDirection', description: 'METRIC_THRESHOLD: ABOVE or BELOW. METRIC_CHANGE: UP, DOWN or EITHER.' });
registerEnumType(AlertChannel, { name: 'AlertChannel', description: 'EMAIL: mail to the recipients (at once or in a daily digest). IN_APP: the notification centre. WEBHOOK: an alert.triggered event.' });
registerEnumType(AlertRecipients, { name: 'AlertRecipients', description: 'EDITORS: every editor, admin and owner of the workspace. CHOSEN: the members listed in recipientIds.' });

export { AlertChannel, AlertDirection, AlertKind, AlertMetric, AlertRecipients };
