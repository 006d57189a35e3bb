import { ErrorCode } from '@soash/shared';
import { getNamedType, isObjectType, Kind, type GraphQLObjectType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { AppError } from '../../lib/errors.js';

/**
 * What a share link may read: the report page's fields and nothing else. Each type reachable from
 * SharedReport is listed with the fields a client may select ('*': all of its fields, for the
 * numbers-only types); a type or field not listed is refused before anything is read. This keeps
 * what the account, post and insight types offer members (tokens' health, sync errors, categories,
 * daily metrics, evidence) out of reach of a link.
 */
const ALL = '*';
export const SHARED_FIELDS: Readonly<Record<string, readonly string[] | typeof ALL>> = {
  SharedReport: ['expiresAt', 'data'],
  ReportData: ALL,
  CustomReport: ['name', 'branding'],
  ReportBranding: ALL,
  DateRange: ALL,
  Overview: ALL,
  MetricValue: ALL,
  Timeseries: ALL,
  TimeseriesPoint: ALL,
  PlatformBreakdownRow: ALL,
  Platform: ['id', 'type', 'username', 'displayName', 'avatarUrl'],
  TopActivity: ALL,
  Activity: ['id', 'content', 'type', 'publishedAt', 'permalink', 'mediaUrls', 'hashtags', 'engagement', 'engagementRate', 'rateLabel', 'platform'],
  Engagement: ALL,
  ContentTypePerformance: ALL,
  HashtagPerformance: ALL,
  HashtagStat: ALL,
  BestTimes: ALL,
  HeatmapCell: ALL,
  AudienceDemographics: ALL,
  PlatformDemographics: ALL,
  Demographics: ALL,
  AgeGroupShare: ALL,
  GenderSplit: ALL,
  LocationShare: ALL,
  AiInsight: ['id', 'title', 'description', 'priority', 'insightType'],
};

const refused = (path: string) =>
  new AppError(ErrorCode.FORBIDDEN, `A shared report does not offer ${path}`, { field: path });

function check(info: GraphQLResolveInfo, type: GraphQLObjectType, set: SelectionSetNode, path: string): void {
  const allowed = SHARED_FIELDS[type.name];
  if (!allowed) throw refused(path);
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      if (name === '__typename') continue;
      const at = `${path}.${name}`;
      if (allowed !== ALL && !allowed.includes(name)) throw refused(at);
      const field = type.getFields()[name];
      if (!field) throw refused(at);
      const inner = getNamedType(field.type);
      if (sel.selectionSet) {
        if (!isObjectType(inner)) throw refused(at);
        check(info, inner, sel.selectionSet, at);
      }
    } else {
      const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : info.fragments[sel.name.value];
      if (!fragment) throw refused(path);
      const cond = fragment.typeCondition ? info.schema.getType(fragment.typeCondition.name.value) : type;
      if (!cond || !isObjectType(cond) || cond.name !== type.name) throw refused(path);
      check(info, cond, fragment.selectionSet, path);
    }
  }
}

/** Fields of the operation's root selection, through fragments. */
function rootFields(info: GraphQLResolveInfo, set: SelectionSetNode): string[] {
  return set.selections.flatMap((sel) => {
    if (sel.kind === Kind.FIELD) return [sel.name.value];
    const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : info.fragments[sel.name.value];
    return fragment ? rootFields(info, fragment.selectionSet) : ['?'];
  });
}

/**
 * FORBIDDEN (naming the field) unless the operation asks for the shared report alone and, within
 * it, only fields of SHARED_FIELDS. Alone: the request's loaders then read the link's workspace,
 * and no other operation may share them.
 */
export function assertSharedSelection(info: GraphQLResolveInfo): void {
  const fields = rootFields(info, info.operation.selectionSet).filter((f) => f !== '__typename');
  if (fields.length !== 1) throw new AppError(ErrorCode.FORBIDDEN, `${info.fieldName} must be the only field of its operation`, { field: info.fieldName });
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) throw refused(info.fieldName);
  for (const node of info.fieldNodes) if (node.selectionSet) check(info, type, node.selectionSet, info.fieldName);
}
