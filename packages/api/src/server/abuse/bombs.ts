/**
 * The odd documents from the security review, as reproducible requests. The abuse tests
 * (server/__tests__/limits.int.test.ts), the bench and `npm run abuse` fire these at a server;
 * each must be refused before execution with HTTP 400 and a typed code.
 */
export interface Bomb {
  name: string;
  /** What it did before the limits existed. */
  was: string;
  body: { query: string; variables?: Record<string, unknown>; operationName?: string };
  /** Sent with a signed-in user's token (anonymous otherwise). */
  signedIn?: boolean;
}

/** The 30 days up to today, within every plan's history. */
function lastMonth(): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return `{ range: { from: "${day(new Date(Date.now() - 29 * 86_400_000))}", to: "${day(new Date())}" } }`;
}

function repeat(n: number, f: (i: number) => string, sep = ' '): string {
  return Array.from({ length: n }, (_, i) => f(i)).join(sep);
}

export const BOMBS: Bomb[] = [
  {
    name: '1000 aliased __schema',
    was: '240 KB request, 81.7 MB response, RSS to 920 MB',
    body: {
      query: `{ ${repeat(1000, (i) => `s${i}: __schema { types { name fields { name type { name kind ofType { name kind } } } } }`)} }`,
    },
  },
  {
    name: '1000 aliases of overview',
    was: 'ran 58 s and slowed every other user',
    signedIn: true,
    body: { query: `{ ${repeat(1000, (i) => `o${i}: overview(input: ${lastMonth()}) { posts { value } reach { value } }`)} }` },
  },
  {
    name: '10 000-fragment chain',
    was: 'HTTP 500',
    body: {
      query: `{ ...F0 } ${repeat(10_000, (i) => (i < 9_999 ? `fragment F${i} on Query { ...F${i + 1} }` : `fragment F${i} on Query { __typename }`))}`,
    },
  },
  {
    name: '5 000 nested inline fragments',
    was: '"Maximum call stack size exceeded"',
    body: { query: `{ ${'... on Query { '.repeat(5_000)}__typename${' }'.repeat(5_000)} }` },
  },
  {
    name: 'more than 50 variable errors',
    was: 'INTERNAL',
    body: {
      query: 'query ($types: [ContentType!]) { activities(filter: { types: $types }) { totalCount } }',
      variables: { types: Array.from({ length: 60 }, (_, i) => `NOT_A_TYPE_${i}`) },
    },
  },
  {
    name: '80 levels of nesting',
    was: 'unbounded',
    body: { query: `{ __type(name: "Query") { ${'fields { type { '.repeat(40)}name${' } }'.repeat(40)} } }` },
  },
  {
    name: '1000 directives on one field',
    was: 'one validation error per directive',
    body: { query: `{ health ${'@include(if: true) '.repeat(1000)}{ status } }` },
  },
];
