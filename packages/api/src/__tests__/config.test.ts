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

  it('listens on 127.0.0.1 with the embedded database and on 0.0.0.0 with MONGODB_URI, unless HOST says', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test', MONGODB_URI: 'mongodb://db:27017' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ NODE_ENV: 'test', HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ NODE_ENV: 'test', MONGODB_URI: 'mongodb://db:27017', HOST: '10.0.0.5' }).HOST).toBe('10.0.0.5');
  });

  it('trusts no proxy unless TRUST_PROXY names them, and refuses "trust everyone"', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).trustProxy).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
    expect(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: name the proxies/);
    expect(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'nginx.local' })).toThrow(/TRUST_PROXY/);
  });

  it('introspection: on in development, signed-in callers only in production, unless set', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), TOKEN_ENCRYPTION_KEYS: `k1:${key32}` };
    expect(loadConfig({ ...prod, NODE_ENV: 'development' }).introspection).toBe('on');
    expect(loadConfig(prod).introspection).toBe('signed-in');
    expect(loadConfig({ ...prod, GRAPHQL_INTROSPECTION: 'off' }).introspection).toBe('off');
    expect(loadConfig({ ...prod, GRAPHQL_INTROSPECTION: 'on' }).introspection).toBe('on');
  });

  it('GraphQL limits have defaults and refuse nonsense', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    expect([c.GRAPHQL_MAX_COST, c.GRAPHQL_MAX_DEPTH, c.GRAPHQL_MAX_ALIASES, c.GRAPHQL_MAX_TOKENS, c.GRAPHQL_MAX_DIRECTIVES]).toEqual([2000, 12, 30, 4000, 50]);
    expect(() => loadConfig({ NODE_ENV: 'test', GRAPHQL_MAX_COST: '0' })).toThrow(/GRAPHQL_MAX_COST/);
    expect(() => loadConfig({ NODE_ENV: 'test', GRAPHQL_MAX_TOKENS: 'lots' })).toThrow(/GRAPHQL_MAX_TOKENS/);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(join(findProjectRoot(), '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const missing = Object.keys(envSchema.shape).filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
  });
});
