import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser';

/**
 * Settings → API keys as an owner sees it: create a key with scopes in plain words, copy the
 * secret shown once, see it listed; then GraphiQL's credential field sends that key.
 */
let browser: Browser;
let page: Page;
const email = `keys-${Date.now()}@example.test`;
const password = 'a long password for keys';

beforeAll(async () => {
  browser = await launchBrowser();
  const res = await fetch(`${inject('baseUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($email: String!, $password: String!) { register(input: { name: "Kim Keys", email: $email, password: $password }) { email } }',
      variables: { email, password },
    }),
  });
  expect(res.status).toBe(200);
  // Onboarding done through the API, so Settings opens directly.
  const gql = async (query: string, token?: string) => {
    const r = await fetch(`${inject('baseUrl')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables: { email, password } }),
    });
    return (await r.json()) as { data: Record<string, any> };
  };
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
});

describe('API keys in the browser', () => {
  let secret = '';

  it('an owner creates a key in Settings; the secret is shown once, then only its prefix', async () => {
    await page.goto(`${inject('baseUrl')}/settings#api-keys`);
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.waitFor({ timeout: 30_000 });
    await form.getByLabel('Name').fill('Reporting app');
    await form.getByLabel(/Read connected accounts/).check();
    await form.getByLabel(/Read analytics/).check();
    await form.getByLabel('Expires').selectOption('90');
    await form.getByRole('button', { name: 'Create key' }).click();
    const field = page.getByLabel('API key', { exact: true });
    await field.waitFor({ timeout: 30_000 });
    secret = await field.inputValue();
    expect(secret).toMatch(/^soash_[0-9A-Za-z]{10}_[0-9A-Za-z]{38}$/);
    await page.locator('#api-keys').scrollIntoViewIfNeeded();
    await screenshot(page, 'api-keys-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await screenshot(page, 'api-keys-375');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('button', { name: /Done/ }).click();
    await expect.poll(() => page.getByLabel('API key', { exact: true }).count()).toBe(0);
    const list = page.getByRole('list', { name: 'API keys' });
    await expect.poll(() => list.innerText()).toContain('Reporting app');
    expect(await list.innerText()).toContain(secret.slice(0, 17));
    expect(await page.content()).not.toContain(secret);
  });

  it('GraphiQL sends the key from its credential field', async () => {
    const gp = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await gp.goto(`${inject('baseUrl')}/graphql`);
    await gp.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    const sent = gp.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/graphql') && r.headers().authorization === `Bearer ${secret}`, { timeout: 30_000 });
    await gp.getByLabel('API key or access token').fill(secret);
    await gp.getByLabel('API key or access token').press('Tab');
    const request = await sent;
    const response = await request.response();
    expect(response?.status()).toBe(200);
    await screenshot(gp, 'graphiql-api-key-1440');
    await gp.setViewportSize({ width: 375, height: 812 });
    await screenshot(gp, 'graphiql-api-key-375');
    // Kept for this tab only.
    expect(await gp.evaluate(() => sessionStorage.getItem('soash.graphiql.credential'))).toBe(secret);
    expect(await gp.evaluate(() => localStorage.getItem('soash.graphiql.credential'))).toBeNull();
  });
});
