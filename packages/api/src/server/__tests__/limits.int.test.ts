import { ERROR_CODES } from '@soash/shared';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCommands } from '../../../test/helpers/commands.js';
import { createUser } from '../../../test/helpers/fixtures.js';
import { startTestServer, type GqlResponse, type TestServer } from '../../../test/helpers/server.js';
import { BOMBS } from '../abuse/bombs.js';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = (await createUser()).token;
});
afterAll(async () => {
  await server.close();
});

type Body = GqlResponse<unknown>['body'];

async function post(s: TestServer, body: unknown, auth?: string): Promise<{ status: number; body: Body; bytes: number }> {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Body, bytes: text.length };
}

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
const lastMonth = `{ range: { from: "${day(29)}", to: "${day(0)}" } }`;
const aliases = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');

describe('query limits: failing cases', () => {
  for (const bomb of BOMBS) {
    it(`${bomb.name} (${bomb.was}) is refused with HTTP 400 and a typed code`, async () => {
      const { status, body, bytes } = await post(server, bomb.body, bomb.signedIn ? token : undefined);
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const e of body.errors ?? []) {
        expect(ERROR_CODES).toContain(e.extensions?.code);
        expect(e.extensions?.code).not.toBe('INTERNAL');
        expect(e.message).not.toMatch(/call stack|TypeError|RangeError|Unexpected error/);
      }
      expect(bytes).toBeLessThan(20_000);
      if (bomb.name.includes('variable')) {
        expect(new Set(body.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
      } else {
        expect(body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: expect.any(Number), limitedBy: expect.any(String) });
      }
    });
  }

  it('a document over the token limit is refused while parsing', async () => {
    const { status, body } = await post(server, { query: `{ ${aliases(4100, () => '__typename')} }` });
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      message: 'Query too complex: more than 4000 tokens.',
      extensions: { code: 'QUERY_TOO_COMPLEX', limitedBy: 'tokens', limit: 4000 },
    });
  });

  it('31 aliases are refused (at most 30), naming the count', async () => {
    const { status, body } = await post(server, { query: `{ ${aliases(31, (i) => `h${i}: health { status }`)} }` });
    expect(status).toBe(400);
    expect(body.errors?.[0]).toEqual({
      message: 'Query too complex: 31 aliases, at most 30 allowed.',
      extensions: { code: 'QUERY_TOO_COMPLEX', limitedBy: 'aliases', limit: 30, found: 31 },
    });
  });

  it('13 levels of nesting are refused (at most 12)', async () => {
    const { status, body } = await post(server, {
      query: `{ __type(name: "Query") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } }`,
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limitedBy: 'depth', limit: 12, found: 13 });
  });

  it('51 directives are refused (at most 50)', async () => {
    const { status, body } = await post(server, { query: `{ ${aliases(51, () => '__typename @skip(if: false)')} }` });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limitedBy: 'directives', limit: 50, found: 51 });
  });

  it('a list of 100 posts with their snapshots and categories is over the cost limit, and nothing runs', async () => {
    const query = '{ activities(first: 100) { edges { node { id metrics { date } categories { name } } } } }';
    const { result, commands } = await countCommands(() => post(server, { query }, token));
    expect(result.status).toBe(400);
    // 100 × (connection 1 + edge 1 + post 1 + 10 snapshots + 10 categories)
    expect(result.body.errors).toEqual([
      {
        message: 'Query too complex: its cost is 2300, at most 2000 is allowed. Ask for smaller pages or fewer fields.',
        extensions: { code: 'QUERY_TOO_COMPLEX', limitedBy: 'cost', cost: 2300, limit: 2000 },
      },
    ]);
    expect(commands).toEqual([]);
  });

  it('page sizes given as variables count too', async () => {
    const query = 'query($n: Int) { activities(first: $n) { edges { node { id metrics { date } categories { name } } } } }';
    const { status, body } = await post(server, { query, variables: { n: 100 } }, token);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 2300 });
  });

  it('20 aliased overviews are over the cost limit before any aggregation runs', async () => {
    const query = `{ ${aliases(20, (i) => `o${i}: overview(input: ${lastMonth}) { posts { value } }`)} }`;
    const { result, commands } = await countCommands(() => post(server, { query }, token));
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limitedBy: 'cost', limit: 2000 });
    expect(result.body.errors?.[0]?.extensions?.cost).toBeGreaterThan(2000);
    expect(commands).toEqual([]);
  });
});

describe('query limits: successful cases', () => {
  it('the same list with 50 posts is under the limit and runs', async () => {
    const { status, body } = await post(server, { query: '{ activities(first: 50) { edges { node { id metrics { date } categories { name } } } } }' }, token);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('30 aliases and an overview with its comparison run', async () => {
    const many = await post(server, { query: `{ ${aliases(30, (i) => `h${i}: health { status }`)} }` });
    expect(many.status).toBe(200);
    const one = await post(server, { query: `{ overview(input: ${lastMonth}) { posts { value previous } } }` }, token);
    expect(one.status).toBe(200);
    expect(one.body.errors).toBeUndefined();
  });

  it("GraphiQL's full introspection query passes every limit", async () => {
    const { status, body } = await post(server, { query: getIntrospectionQuery() }, token);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});

describe('query limits: configuration', () => {
  let strict: TestServer;
  beforeAll(async () => {
    strict = await startTestServer({ GRAPHQL_MAX_COST: '60', GRAPHQL_MAX_ALIASES: '1', GRAPHQL_MAX_DEPTH: '4', GRAPHQL_INTROSPECTION: 'signed-in' });
  });
  afterAll(async () => {
    await strict.close();
  });

  it('the limits come from the environment', async () => {
    const cost = await post(strict, { query: '{ activities(first: 61) { totalCount } }' }, token);
    expect(cost.body.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limitedBy: 'cost', cost: 61, limit: 60 });
    const alias = await post(strict, { query: '{ a: health { status } b: health { status } }' });
    expect(alias.body.errors?.[0]?.extensions).toMatchObject({ limitedBy: 'aliases', limit: 1, found: 2 });
    const depth = await post(strict, { query: '{ activities { edges { node { platform { id } } } } }' }, token);
    expect(depth.body.errors?.[0]?.extensions).toMatchObject({ limitedBy: 'depth', limit: 4, found: 5 });
    expect((await post(strict, { query: '{ health { status } }' })).status).toBe(200);
  });

  it('introspection for signed-in callers only: anonymous callers are told to sign in', async () => {
    const anonymous = await post(strict, { query: '{ __schema { queryType { name } } }' });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.errors).toEqual([{ message: 'Sign in to introspect the schema', extensions: { code: 'UNAUTHENTICATED' } }]);
    const viaFragment = await post(strict, { query: '{ ...F } fragment F on Query { __type(name: "Query") { name } }' });
    expect(viaFragment.body.errors?.[0]?.extensions, JSON.stringify(viaFragment.body)).toEqual({ code: 'UNAUTHENTICATED' });
    const signedIn = await post(strict, { query: '{ __schema { queryType { name } } }' }, token);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('introspection can be turned off for everyone', async () => {
    const off = await startTestServer({ GRAPHQL_INTROSPECTION: 'off' });
    try {
      const res = await post(off, { query: '{ __schema { queryType { name } } }' }, token);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
      expect((await post(off, { query: '{ __typename }' })).status).toBe(200);
    } finally {
      await off.close();
    }
  });
});
