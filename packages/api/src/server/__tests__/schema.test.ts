import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printAppSchema } from '../schema.js';

describe('schema.graphql', () => {
  it('matches the schema built from the code (run `npm run schema` after changing it)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'schema.graphql'), 'utf8');
    expect(committed).toBe(await printAppSchema());
  });
});
