import { generate } from '@graphql-codegen/cli';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codegenConfig } from '../codegen.js';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('generated documents', () => {
  it('src/gql matches the committed schema.graphql and the documents (run `npm run codegen` in examples/partner-node)', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const files = await generate({ ...codegenConfig, silent: true, errorsOnly: true }, false);
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const path = resolve(dir, f.filename);
        expect(readFileSync(path, 'utf8'), relative(dir, path)).toBe(f.content);
      }
    } finally {
      process.chdir(cwd);
    }
  });

  it('the example is typed against the API schema (the generated enum lists every API scope)', () => {
    const schema = readFileSync(join(dir, '..', '..', 'packages', 'api', 'schema.graphql'), 'utf8');
    const generated = readFileSync(join(dir, 'src', 'gql', 'graphql.ts'), 'utf8');
    const scopes = /enum ApiScope \{([^}]*)\}/.exec(schema)![1]!.match(/^\s+([A-Z_]+)$/gm)!.map((s) => s.trim());
    for (const s of scopes) expect(generated).toContain(`'${s}'`);
  });
});
