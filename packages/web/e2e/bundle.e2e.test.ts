import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const BUDGET_BYTES = 300 * 1024;

/** Static imports of a built chunk ("./x.js" specifiers; dynamic import() calls are not followed). */
function staticImports(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) out.add(m[1]!);
  for (const m of code.matchAll(/\bfrom\s*["'](\.\/[^"']+\.js)["']/g)) out.add(m[1]!);
  return [...out];
}

/** Everything the browser downloads before the first page can render: the entry, its preloads and their static imports. */
function initialChunks(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) =>
    m[1]!.replace(/^\//, ''),
  );
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const spec of staticImports(code)) queue.push(join(dirname(file), spec));
  }
  return [...seen];
}

describe('bundle budget (production build)', () => {
  it('exists', () => {
    expect(existsSync(join(dist, 'index.html')), 'run the web build first').toBe(true);
  });

  it(`loads at most ${BUDGET_BYTES / 1024} KB of gzipped JavaScript before the first page`, () => {
    const files = initialChunks();
    const sizes = files.map((f) => ({ f, gz: gzipSync(readFileSync(join(dist, f))).length }));
    const total = sizes.reduce((s, x) => s + x.gz, 0);
    console.log(`initial JS: ${(total / 1024).toFixed(1)} KB gzip in ${files.length} files\n${sizes.map((x) => `  ${x.f} ${(x.gz / 1024).toFixed(1)} KB`).join('\n')}`);
    expect(files.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('keeps the chart library out of the first download (pages load it when needed)', () => {
    for (const f of initialChunks()) expect(readFileSync(join(dist, f), 'utf8'), f).not.toMatch(/recharts-(wrapper|surface|tooltip)/);
  });
});
