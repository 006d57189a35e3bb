import { ALERT_MAX_PERIOD_DAYS, ALERT_MAX_QUIET_HOURS, ALERT_MAX_REAUTH_DAYS } from '@soash/shared';
import { ArrayMaxSize, ArrayUnique, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { PageArgs } from '../../../lib/pagination.js';
import { AlertChannel, AlertDirection, AlertKind, AlertMetric, AlertRecipients } from '../alerts.enums.js';

/** The fields a rule is made of; create needs name, kind and channels, update takes any of them. */
@InputType({ description: 'An alert rule. Which fields apply depends on the kind (see AlertRule).' })
export class UpdateAlertRuleInput {
  @Field(() => String, { nullable: true, description: 'At most 100 characters.' })
  @IsOptional()
  @MaxLength(100, { message: 'name: at most 100 characters' })
  name?: string | null;

  @Field(() => AlertKind, { nullable: true })
  @IsOptional()
  kind?: AlertKind | null;

  @Field(() => AlertMetric, { nullable: true, description: 'Metric kinds (required there).' })
  @IsOptional()
  metric?: AlertMetric | null;

  @Field(() => AlertDirection, { nullable: true, description: 'Metric kinds (required there): ABOVE/BELOW for METRIC_THRESHOLD, UP/DOWN/EITHER for METRIC_CHANGE.' })
  @IsOptional()
  direction?: AlertDirection | null;

  @Field(() => Float, { nullable: true, description: 'Metric kinds (required there): the value (rates in percent) or, for METRIC_CHANGE, the change in percent (> 0).' })
  @IsOptional()
  threshold?: number | null;

  @Field(() => Int, { nullable: true, description: `Metric kinds: the last N days (1-${ALERT_MAX_PERIOD_DAYS}, default 7).` })
  @IsOptional()
  @IsInt({ message: 'periodDays must be a whole number' })
  @Min(1, { message: 'periodDays: at least 1' })
  @Max(ALERT_MAX_PERIOD_DAYS, { message: `periodDays: at most ${ALERT_MAX_PERIOD_DAYS}` })
  periodDays?: number | null;

  @Field(() => Int, { nullable: true, description: `REAUTH_NEEDED: days before the deadline (0-${ALERT_MAX_REAUTH_DAYS}, default 7).` })
  @IsOptional()
  @IsInt({ message: 'daysBefore must be a whole number' })
  @Min(0, { message: 'daysBefore: at least 0' })
  @Max(ALERT_MAX_REAUTH_DAYS, { message: `daysBefore: at most ${ALERT_MAX_REAUTH_DAYS}` })
  daysBefore?: number | null;

  @Field(() => [ID], { nullable: true, description: 'The accounts watched; empty: all.' })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'platformIds: at most 50 ids' })
  platformIds?: string[] | null;

  @Field(() => [AlertChannel], { nullable: true, description: 'At least one.' })
  @IsOptional()
  @ArrayUnique({ message: 'channels: each channel once' })
  channels?: AlertChannel[] | null;

  @Field(() => AlertRecipients, { nullable: true, description: 'Default EDITORS.' })
  @IsOptional()
  recipients?: AlertRecipients | null;

  @Field(() => [ID], { nullable: true, description: 'CHOSEN: user ids of members of the workspace.' })
  @IsOptional()
  @ArrayMaxSize(100, { message: 'recipientIds: at most 100 ids' })
  recipientIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: `Hours the rule stays quiet about the same subject after firing (1-${ALERT_MAX_QUIET_HOURS}, default 24).` })
  @IsOptional()
  @IsInt({ message: 'quietHours must be a whole number' })
  @Min(1, { message: 'quietHours: at least 1' })
  @Max(ALERT_MAX_QUIET_HOURS, { message: `quietHours: at most ${ALERT_MAX_QUIET_HOURS}` })
  quietHours?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'EMAIL: one daily digest instead of a mail per alert (default false).' })
  @IsOptional()
  emailDigest?: boolean | null;

  @Field(() => Int, { nullable: true, description: "The digest's hour, 0-23, in the workspace's timezone (default 9)." })
  @IsOptional()
  @IsInt({ message: 'digestHour must be a whole number' })
  @Min(0, { message: 'digestHour: 0-23' })
  @Max(23, { message: 'digestHour: 0-23' })
  digestHour?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  enabled?: boolean | null;
}

@InputType({ description: 'A new alert rule: name, kind and channels are required; the rest as the kind needs.' })
export class CreateAlertRuleInput extends UpdateAlertRuleInput {
  @Field(() => String, { description: 'At most 100 characters.' })
  @MaxLength(100, { message: 'name: at most 100 characters' })
  override name!: string;

  @Field(() => AlertKind)
  override kind!: AlertKind;

  @Field(() => [AlertChannel], { description: 'At least one.' })
  @ArrayUnique({ message: 'channels: each channel once' })
  override channels!: AlertChannel[];
}

@ArgsType()
export class AlertEventsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only this rule's events." })
  @IsOptional()
  ruleId?: string;
}

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  unreadOnly?: boolean;
}
