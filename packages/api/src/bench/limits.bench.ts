import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { signAccessToken } from '../auth/jwt.js';
import { loadConfig } from '../config.js';
import { connectDatabase, ensureIndexes } from '../db/connection.js';
import type { DatabaseServer } from '../db/harness.js';
import { UserModel } from '../modules/users/user.model.js';
import { defused, fireBombs } from '../server/abuse/fire.js';
import { createHttpServer } from '../server/http.js';

/** Each of the review's odd documents is refused in under 50 ms (median of ROUNDS, over real HTTP). */
const TARGET_MS = 50;
const ROUNDS = 15;

export async function runLimitsBench(server: DatabaseServer): Promise<boolean> {
  await connectDatabase(server.uri, { dbName: `soash_bench_${randomBytes(4).toString('hex')}` });
  await ensureIndexes();
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
    const token = signAccessToken(secret, { sub: user._id.toHexString(), role: user.role }, 900);
    await fireBombs(http.url, token); // warm-up
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await fireBombs(http.url, token));
    console.log(`\nquery limits benchmark: each bomb ${ROUNDS} times over HTTP, median time to the refusal`);
    let ok = true;
    for (const [i, first] of rounds[0]!.entries()) {
      const times = rounds.map((r) => r[i]!.ms).sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      const good = rounds.every((r) => defused(r[i]!)) && median <= TARGET_MS;
      ok &&= good;
      console.log(
        `${good ? 'ok  ' : 'FAIL'} ${first.name.padEnd(60)} ${median.toFixed(1).padStart(7)} ms (target ≤ ${TARGET_MS} ms) HTTP ${first.status} ${first.codes.join(',')}`,
      );
    }
    return ok;
  } finally {
    await http.close();
    await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
  }
}
