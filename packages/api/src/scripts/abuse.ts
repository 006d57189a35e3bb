import { defused, fireBombs } from '../server/abuse/fire.js';

/**
 * `npm run abuse -w @soash/api -- <base URL> [access token]`: fires the review's odd documents
 * (server/abuse/bombs.ts) at a running server and prints how each was answered. Exits 1 when one
 * is not refused with HTTP 400 and a typed code. The token is used for the bombs that need a
 * signed-in user (anonymous otherwise).
 */
const [url = 'http://127.0.0.1:4000', token] = process.argv.slice(2);
const results = await fireBombs(url, token);
let ok = true;
for (const r of results) {
  const good = defused(r);
  ok &&= good;
  console.log(`${good ? 'ok  ' : 'FAIL'} ${r.name.padEnd(32)} HTTP ${r.status} ${r.codes.join(',').padEnd(20)} ${r.ms.toFixed(1).padStart(7)} ms ${String(r.bytes).padStart(7)} B  (was: ${r.was})`);
}
process.exit(ok ? 0 : 1);
