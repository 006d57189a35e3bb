import { randomBytes } from 'node:crypto';
import { signAccessToken } from '../auth/jwt.js';
import { loadConfig } from '../config.js';
import { UserModel } from '../modules/users/user.model.js';
import { ensurePersonalWorkspace } from '../modules/workspaces/workspaces.service.js';
import { defused, fireBombs, type BombResult } from '../server/abuse/fire.js';
import { createHttpServer } from '../server/http.js';
import { percentile } from './measure.js';
import { registerSuite, type BenchRow } from './registry.js';

/** Each of the review's odd documents is refused in under 50 ms (median of ROUNDS, over real HTTP). */
const TARGET_MS = 50;
const ROUNDS = 15;

registerSuite({
  name: 'limits',
  description: 'query limits: each abusive document is refused quickly, over real HTTP',
  async run(): Promise<BenchRow[]> {
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
      const user = await UserModel.create({ name: 'Bench', email: `bench-${randomBytes(4).toString('hex')}@example.test`, passwordHash: 'none' });
      await ensurePersonalWorkspace(user);
      const token = signAccessToken(secret, { sub: user._id.toHexString(), role: user.role }, 900);
      await fireBombs(http.url, token); // warm-up
      const rounds: BombResult[][] = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push(await fireBombs(http.url, token));
      return rounds[0]!.map((first, i) => {
        const times = rounds.map((r) => r[i]!.ms);
        const median = percentile(times, 50);
        return {
          suite: 'limits',
          name: first.name,
          p50Ms: median,
          p99Ms: percentile(times, 99),
          runs: ROUNDS,
          target: `refused, p50 ≤ ${TARGET_MS} ms`,
          pass: rounds.every((r) => defused(r[i]!)) && median <= TARGET_MS,
          note: `HTTP ${first.status} ${first.codes.join(',')}`,
        };
      });
    } finally {
      await http.close();
    }
  },
});
