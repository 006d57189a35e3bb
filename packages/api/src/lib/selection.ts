import { getNamedType, type GraphQLCompositeType, type GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, simplifyParsedResolveInfoFragmentWithType, type ResolveTree } from 'graphql-parse-resolve-info';

/**
 * The fields a query selects on the object a resolver returns (the items' fields for a list),
 * by field name, fragments and aliases resolved: so a service computes only what is asked for.
 * Undefined when it cannot tell (then everything is computed).
 */
export function selectedFields(info: GraphQLResolveInfo | undefined): ReadonlySet<string> | undefined {
  if (!info) return undefined;
  const parsed = parseResolveInfo(info);
  if (!parsed || !('fieldsByTypeName' in parsed)) return undefined;
  const type = getNamedType(info.returnType) as GraphQLCompositeType;
  const { fields } = simplifyParsedResolveInfoFragmentWithType(parsed as ResolveTree, type);
  return new Set(Object.values(fields as Record<string, ResolveTree>).map((f) => f.name));
}

/**
 * The fields selected under one field of the resolver's result (`hashtags { … }` of a
 * HashtagPerformance), over every alias of it: undefined when it cannot tell.
 */
export function selectedSubfields(info: GraphQLResolveInfo | undefined, field: string): ReadonlySet<string> | undefined {
  if (!info) return undefined;
  const parsed = parseResolveInfo(info);
  if (!parsed || !('fieldsByTypeName' in parsed)) return undefined;
  const type = getNamedType(info.returnType) as GraphQLCompositeType;
  const { fields } = simplifyParsedResolveInfoFragmentWithType(parsed as ResolveTree, type);
  const names = new Set<string>();
  for (const f of Object.values(fields as Record<string, ResolveTree>)) {
    if (f.name !== field) continue;
    for (const byType of Object.values(f.fieldsByTypeName)) for (const sub of Object.values(byType)) names.add(sub.name);
  }
  return names;
}

/** Whether a field is wanted: every field is when the selection is unknown. */
export const wants = (selection: ReadonlySet<string> | undefined, ...names: string[]) => !selection || names.some((n) => selection.has(n));
