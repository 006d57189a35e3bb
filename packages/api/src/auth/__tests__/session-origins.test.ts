import { describe, expect, it } from 'vitest';
import { allowedOrigins } from '../session-cookie.js';

describe('allowedOrigins', () => {
  it('a loopback origin allows its twin name (localhost and 127.0.0.1 are this machine), on the same port only', () => {
    const o = allowedOrigins({ publicUrl: 'http://localhost:4000', webAppUrl: 'http://localhost:4000', corsOrigins: [] });
    expect([...o].sort()).toEqual(['http://127.0.0.1:4000', 'http://localhost:4000']);
    expect(o.has('http://127.0.0.1:4001')).toBe(false);
  });

  it('other hosts get no twin, and a value that is not a URL is not an origin', () => {
    const o = allowedOrigins({ publicUrl: 'https://soash.example.com', webAppUrl: 'https://app.example.com/', corsOrigins: ['not a url'] });
    expect([...o].sort()).toEqual(['https://app.example.com', 'https://soash.example.com']);
  });
});
