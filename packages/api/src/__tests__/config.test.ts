import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, envSchema, findProjectRoot, loadConfig } from '../config.js';

const key32 = Buffer.alloc(32, 7).toString('base64');

describe('config', () => {
  it('starts with no variables at all outside production, with documented defaults', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    expect(c.PORT).toBe(4000);
    expect(c.publicUrl).toBe('http://localhost:4000');
    expect(c.encryptionKeys).toHaveLength(1);
    expect(c.generatedSecrets).toEqual(['JWT_SECRET', 'TOKEN_ENCRYPTION_KEYS']);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ NODE_ENV: 'test', PUBLIC_URL: '', PORT: ' ' }).PORT).toBe(4000);
  });

  it('names every bad or missing variable at once', () => {
    let err: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain('PORT');
    expect(msg).toContain('LOG_LEVEL');
    expect(msg).toContain('"eighty"');
  });

  it('requires secrets in production and says which', () => {
    const err = (() => {
      try {
        loadConfig({ NODE_ENV: 'production' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err?.problems.join('\n')).toMatch(/JWT_SECRET/);
    expect(err?.problems.join('\n')).toMatch(/TOKEN_ENCRYPTION_KEYS/);
  });

  it('parses rotating encryption keys, first one active', () => {
    const other = Buffer.alloc(32, 9).toString('base64');
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), TOKEN_ENCRYPTION_KEYS: `k2:${key32},k1:${other}` });
    expect(c.encryptionKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(c.encryptionKeys[0]!.key).toHaveLength(32);
  });

  it('rejects keys of the wrong length and duplicate ids', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', TOKEN_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })).toThrow(/32 random bytes/);
    expect(() => loadConfig({ NODE_ENV: 'test', TOKEN_ENCRYPTION_KEYS: `k1:${key32},k1:${key32}` })).toThrow(/appears twice/);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(join(findProjectRoot(), '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const missing = Object.keys(envSchema.shape).filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
  });
});
