import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../../test/helpers/server.js';

type TrustFn = (addr: string, hop: number) => boolean;

describe('network defaults', () => {
  it('X-Forwarded-For is trusted from no peer by default', async () => {
    // '' is "unset" (the test helper itself trusts loopback, to pose as many clients).
    const server = await startTestServer({ TRUST_PROXY: '' });
    try {
      const trust = server.http.app.get('trust proxy fn') as TrustFn;
      for (const peer of ['127.0.0.1', '::1', '10.0.0.2', '172.18.0.3', '192.168.1.1', '203.0.113.9']) expect(trust(peer, 0), peer).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('TRUST_PROXY names the proxies whose X-Forwarded-For counts', async () => {
    const server = await startTestServer({ TRUST_PROXY: '10.0.0.0/8' });
    try {
      const trust = server.http.app.get('trust proxy fn') as TrustFn;
      expect(trust('10.1.2.3', 0)).toBe(true);
      expect(trust('127.0.0.1', 0)).toBe(false);
      expect(trust('203.0.113.9', 0)).toBe(false);
    } finally {
      await server.close();
    }
  });
});
