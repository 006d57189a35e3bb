import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { startScheduler, type Scheduler } from '../../../jobs/scheduler.js';
import { runPullJob } from '../../sync/sync.service.js';
import { createTeam } from '../../workspaces/__tests__/team-fixtures.js';
import { useWebhookConfig } from '../webhooks.config.js';
import '../webhooks.jobs.js';
import { startReceiver, type Receiver } from './receiver.js';

/**
 * The whole path with a running worker: a sync emits its events, Agenda runs the deliveries, and a
 * receiver on 127.0.0.1 verifies each with the standardwebhooks library.
 */
let server: TestServer;
let scheduler: Scheduler;
let receiver: Receiver;
beforeAll(async () => {
  server = await startTestServer({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  useWebhookConfig(server.config);
  scheduler = await startScheduler({ processJobs: true, pollMs: 100 });
  receiver = await startReceiver();
});
afterAll(async () => {
  await scheduler?.stop();
  await receiver?.close();
  await server?.close();
});

async function until<T>(what: string, fn: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function subscribe(events: string[]) {
  const team = await createTeam();
  const res = await server.gql(
    'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id } } }',
    { input: { url: receiver.url, events } },
    team.owner.token,
    { 'x-workspace-id': team.workspaceId },
  );
  expect(res.body.errors).toBeUndefined();
  return { team, secret: res.body.data!.createWebhookEndpoint.secret as string };
}

function eventsFor(secret: string, type: string) {
  return receiver.received
    .map((r) => {
      try {
        return { headers: r.headers, event: new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as { type: string; data: Record<string, unknown> } };
      } catch {
        return undefined;
      }
    })
    .filter((r) => r?.event.type === type);
}

describe('webhook events: successful cases', () => {
  it('a completed sync sends signed sync.completed and stats.updated events through the worker', async () => {
    const { team, secret } = await subscribe(['SYNC_COMPLETED', 'STATS_UPDATED']);
    const platform = await createPlatform(team.workspace._id);
    await runPullJob('stats', { platformId: platform._id.toHexString(), kind: 'daily' }, {});
    const [done] = await until('sync.completed', () => {
      const e = eventsFor(secret, 'sync.completed');
      return e.length ? e : undefined;
    });
    expect(done!.event.data).toMatchObject({ platformId: platform._id.toHexString(), platform: 'instagram', kind: 'stats', attempt: 1 });
    const [stats] = await until('stats.updated', () => {
      const e = eventsFor(secret, 'stats.updated');
      return e.length ? e : undefined;
    });
    expect(stats!.event.data).toMatchObject({ platformId: platform._id.toHexString(), days: 3 });
  });

  it('an account that lost access sends platform.needs_reauth and sync.failed', async () => {
    const { team, secret } = await subscribe(['SYNC_FAILED', 'PLATFORM_NEEDS_REAUTH']);
    // A real (not sandbox) account without tokens: the platform refuses it.
    const platform = await createPlatform(team.workspace._id, { sandbox: false });
    await expect(runPullJob('stats', { platformId: platform._id.toHexString(), kind: 'daily' }, {})).rejects.toThrow();
    const [reauth] = await until('platform.needs_reauth', () => {
      const e = eventsFor(secret, 'platform.needs_reauth');
      return e.length ? e : undefined;
    });
    expect(reauth!.event.data).toMatchObject({ platformId: platform._id.toHexString(), platform: 'instagram', username: 'fixture' });
    const [failed] = await until('sync.failed', () => {
      const e = eventsFor(secret, 'sync.failed');
      return e.length ? e : undefined;
    });
    expect(failed!.event.data).toMatchObject({ platformId: platform._id.toHexString(), kind: 'stats' });
    expect(typeof failed!.event.data.error).toBe('string');
  });
});
