import { SoashClient, SoashError } from './client.js';
import { allPosts, readOverview, readRateLimit } from './partner.js';

/**
 * The partner app from the command line:
 *
 *     SOASH_URL=https://soash.example.com SOASH_API_KEY=soash_… npm start -w @soash/example-partner-node
 *
 * Prints the last 30 days' overview, counts the posts page by page and shows the budget left.
 */
async function main() {
  const base = process.env.SOASH_URL ?? 'http://127.0.0.1:4000';
  const token = process.env.SOASH_API_KEY;
  if (!token) throw new Error('Set SOASH_API_KEY to an API key of the workspace (Settings → API keys)');
  const client = new SoashClient({ endpoint: new URL('/graphql', base).toString(), token });

  const overview = await readOverview(client);
  process.stdout.write(`${overview.range.from} – ${overview.range.to}: ${overview.posts.value ?? 0} posts, ${overview.engagements.value ?? 0} engagements\n`);
  let posts = 0;
  for await (const page of allPosts(client, { pageSize: 50, maxPages: 20 })) posts += page.length;
  process.stdout.write(`${posts} posts read\n`);
  const budget = await readRateLimit(client);
  process.stdout.write(`rate limit: ${budget.remaining} of ${budget.max} points left, ${budget.restoreRate} per second come back\n`);
}

main().catch((err: unknown) => {
  if (err instanceof SoashError) console.error(`${err.code}: ${err.message}`);
  else console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
