import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printAppSchema } from '../server/schema.js';

/** Writes packages/api/schema.graphql from the code (`npm run schema`). */
function apiPackageDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@soash/api') return dir;
    dir = dirname(dir);
  }
  throw new Error('packages/api not found');
}

const target = join(apiPackageDir(), 'schema.graphql');
writeFileSync(target, await printAppSchema());
console.log(`wrote ${target}`);
process.exit(0);
