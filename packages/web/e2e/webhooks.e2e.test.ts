import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser';

/**
 * Settings → Webhooks as an owner sees it: add an endpoint (a receiver on 127.0.0.1, which the
 * test server's WEBHOOK_ALLOWED_HOSTS admits), copy the secret shown once, send a test event that
 * the receiver verifies with the standardwebhooks library, and see the delivery in the log.
 */
let browser: Browser;
let page: Page;
let receiver: http.Server;
let receiverUrl = '';
const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
const email = `hooks-${Date.now()}@example.test`;
const password = 'a long password for hooks';

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  browser = await launchBrowser();
  const gql = async (query: string, token?: string) => {
    const r = await fetch(`${inject('baseUrl')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables: { email, password } }),
    });
    return (await r.json()) as { data: Record<string, any> };
  };
  await gql('mutation($email: String!, $password: String!) { register(input: { name: "Hana Hooks", email: $email, password: $password }) { email } }');
  const login = await gql('mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken } }');
  await gql('mutation { completeOnboarding(input: { timezone: "UTC" }) { id } }', login.data.login.accessToken);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${inject('baseUrl')}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

describe('webhooks in the browser', () => {
  it('an owner adds an endpoint, copies its secret, sends a test event the receiver verifies, and sees the delivery', async () => {
    await page.goto(`${inject('baseUrl')}/settings#webhooks`);
    const form = page.getByRole('form', { name: 'Add a webhook endpoint' });
    await form.waitFor({ timeout: 30_000 });
    await form.getByLabel('Endpoint URL').fill(receiverUrl);
    await form.getByLabel('Description').fill('Reporting app');
    await form.getByLabel(/A sync of an account finished/).check();
    await form.getByLabel(/An account must be connected again/).check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const field = page.getByLabel('Signing secret', { exact: true });
    await field.waitFor({ timeout: 30_000 });
    const secret = await field.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await page.getByRole('button', { name: /Done/ }).click();

    await page.getByRole('button', { name: `Send a test event to ${receiverUrl}` }).click();
    await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const event = new Webhook(secret).verify(received[0]!.body, received[0]!.headers as Record<string, string>) as { type: string };
    expect(event.type).toBe('webhook.test');

    await page.getByRole('button', { name: `Deliveries of ${receiverUrl}` }).click();
    const log = page.getByRole('list', { name: 'Deliveries' });
    await expect.poll(async () => ((await log.count()) ? log.innerText() : ''), { timeout: 30_000 }).toContain('webhook.test');
    await expect.poll(() => log.innerText(), { timeout: 30_000 }).toContain('succeeded');
    expect(await page.content()).not.toContain(secret);

    await page.locator('#webhooks').scrollIntoViewIfNeeded();
    await screenshot(page, 'webhooks-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.locator('#webhooks').scrollIntoViewIfNeeded();
    await screenshot(page, 'webhooks-375');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
