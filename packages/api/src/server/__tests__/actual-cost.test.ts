import { GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { actualCost } from '../plugins/index.js';

const Point = new GraphQLObjectType({ name: 'Point', fields: { bucket: { type: GraphQLString }, value: { type: GraphQLInt } } });
const Series = new GraphQLObjectType({ name: 'Series', fields: { points: { type: new GraphQLList(Point) } } });
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      series: { type: Series, extensions: { complexity: 10 } },
      plain: { type: Series },
      name: { type: GraphQLString },
    },
  }),
});

/** An answer as GraphQL builds it: objects without a prototype. */
const obj = (o: Record<string, unknown>) => Object.assign(Object.create(null) as Record<string, unknown>, o);
const series = (n: number) => obj({ points: Array.from({ length: n }, (_, i) => obj({ bucket: `b${i}`, value: i })) });

describe('actualCost: what a response cost', () => {
  it('counts every object of the answer (list items, not lists) plus the declared cost of each root field that answered', () => {
    const doc = parse('{ series { points { bucket value } } plain { points { bucket } } name }');
    // series: 1 + 5 points + 10 declared; plain: 1 + 2 points; a scalar costs nothing.
    expect(actualCost(schema, doc, undefined, obj({ series: series(5), plain: series(2), name: 'x' }), 1000)).toBe(19);
    // A root field that answered null adds nothing, declared or counted.
    expect(actualCost(schema, doc, undefined, obj({ series: null, plain: series(2), name: null }), 1000)).toBe(3);
    // Nested lists and aliases count the same way.
    const aliased = parse('{ a: series { points { value } } b: series { points { value } } }');
    expect(actualCost(schema, aliased, undefined, obj({ a: series(3), b: obj({ points: [[obj({ value: 1 })], [obj({ value: 2 }), null]] }) }), 1000)).toBe(4 + 10 + 3 + 10);
  });

  it('never more than was charged, never less than 1, and 1 for an answer without data', () => {
    const doc = parse('{ series { points { value } } }');
    expect(actualCost(schema, doc, undefined, obj({ series: series(10_000) }), 50)).toBe(50);
    // Even when the declared cost alone is more than the charge.
    expect(actualCost(schema, doc, undefined, obj({ series: series(3) }), 5)).toBe(5);
    expect(actualCost(schema, parse('{ name }'), undefined, obj({ name: 'x' }), 7)).toBe(1);
    expect(actualCost(schema, doc, undefined, null, 7)).toBe(1);
    expect(actualCost(schema, doc, undefined, null, 0)).toBe(0);
  });
});
