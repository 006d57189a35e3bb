import { randomBytes } from 'node:crypto';
import { ApiScope } from '@soash/shared';
import { signAccessToken } from '../auth/jwt.js';
import { loadConfig } from '../config.js';
import { ApiKeyModel } from '../modules/api-keys/api-key.model.js';
import { newApiKeySecret, newPublicId } from '../modules/api-keys/api-key-token.js';
import { UserModel } from '../modules/users/user.model.js';
import { ensurePersonalWorkspace } from '../modules/workspaces/workspaces.service.js';
import { createHttpServer } from '../server/http.js';
import { commandsDuring, percentile, withCommandMonitoring } from './measure.js';
import { registerSuite, type BenchRow } from './registry.js';

/**
 * What an API key costs over a session token: the same small query over real HTTP, with a key and
 * with the creator's access token, interleaved in one run. Both re-read the caller's membership and
 * role and update their own bucket (charge, then refund) on every request; a key adds the lookup
 * of the key by its public id (and, at most once a minute, its last-use write, kept out of the
 * measured rounds by the warm-up). The rows give both requests' latency and DB commands (the
 * median request's commands in the note) and the key's ratio to the session. Targets: at most 3
 * extra commands and p50 at most 2× the session's.
 */
const ROUNDS = 60;
const MAX_EXTRA_COMMANDS = 3;
const MAX_RATIO = 2;
const QUERY = '{ platforms { id } }';

registerSuite({
  name: 'api-keys',
  description: 'an API-key request against a session-token request: latency and DB round trips',
  async run(ctx): Promise<BenchRow[]> {
    const rounds = ctx.options.number('runs', ROUNDS);
    const secret = randomBytes(48).toString('base64url');
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      SERVE_WEB: 'false',
      JWT_SECRET: secret,
      TOKEN_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    });
    const http = await createHttpServer(config, { port: 0, host: '127.0.0.1' });
    try {
      const user = await UserModel.create({ name: 'Bench', email: `bench-keys-${randomBytes(4).toString('hex')}@example.test`, passwordHash: 'none' });
      const workspace = await ensurePersonalWorkspace(user);
      const token = signAccessToken(secret, { sub: user._id.toHexString(), role: user.role }, 900);
      const publicId = newPublicId();
      const { key, secretHash } = newApiKeySecret(publicId);
      await ApiKeyModel.create({ workspaceId: workspace._id, name: 'bench', publicId, secretHash, scopes: [ApiScope.PLATFORMS_READ], createdBy: user._id });

      const send = async (bearer: string) => {
        const res = await fetch(`${http.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'x-workspace-id': workspace._id.toHexString() },
          body: JSON.stringify({ query: QUERY }),
        });
        const body = (await res.json()) as { errors?: unknown[] };
        if (!res.ok || body.errors) throw new Error(`bench request failed: HTTP ${res.status} ${JSON.stringify(body.errors)}`);
      };
      const measure = async (bearer: string) => {
        const t0 = performance.now();
        const { commands } = await commandsDuring(() => send(bearer));
        return { ms: performance.now() - t0, commands };
      };
      // Timed with command monitoring on for both (each request's commands are counted as it runs):
      // the ratio compares like with like; one monitoring connection for the whole loop (measure.ts).
      const { session, apiKey } = await withCommandMonitoring(async () => {
        // Warm-up (both paths, and the key's last-use write, which happens at most once a minute).
        for (let i = 0; i < 5; i++) {
          await send(token);
          await send(key);
        }
        const session: { ms: number; commands: string[] }[] = [];
        const apiKey: { ms: number; commands: string[] }[] = [];
        for (let i = 0; i < rounds; i++) {
          // Interleaved, alternating which goes first, so load drifts hit both alike.
          if (i % 2) {
            session.push(await measure(token));
            apiKey.push(await measure(key));
          } else {
            apiKey.push(await measure(key));
            session.push(await measure(token));
          }
        }
        return { session, apiKey };
      });
      const p = (xs: { ms: number }[], q: number) => percentile(xs.map((x) => x.ms), q);
      const cmds = (xs: { commands: string[] }[]) => percentile(xs.map((x) => x.commands.length), 50);
      const sessionCommands = cmds(session);
      const keyCommands = cmds(apiKey);
      const extra = keyCommands - sessionCommands;
      const ratioP50 = p(apiKey, 50) / p(session, 50);
      const ratioP99 = p(apiKey, 99) / p(session, 99);
      const median = (xs: { commands: string[] }[]) => xs.find((x) => x.commands.length === cmds(xs))!.commands;
      return [
        {
          suite: 'api-keys',
          name: 'session token: { platforms { id } }',
          p50Ms: p(session, 50),
          p99Ms: p(session, 99),
          commands: sessionCommands,
          runs: rounds,
          note: median(session).join(', '),
        },
        {
          suite: 'api-keys',
          name: 'API key: the same request',
          p50Ms: p(apiKey, 50),
          p99Ms: p(apiKey, 99),
          commands: keyCommands,
          floorCommands: sessionCommands,
          ratioP50,
          ratioP99,
          runs: rounds,
          target: `≤ ${MAX_EXTRA_COMMANDS} extra commands, p50 ≤ ${MAX_RATIO}× the session's`,
          pass: extra <= MAX_EXTRA_COMMANDS && ratioP50 <= MAX_RATIO,
          note: `${extra} extra: ${median(apiKey).join(', ')}`,
        },
      ];
    } finally {
      await http.close();
    }
  },
});
