import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser';

/**
 * Reports as an owner uses them: create a report, choose its sections and branding in the
 * builder, open it (the dashboard's components with the report's numbers), at 1440 and 375 px.
 */
const LONG = 60_000;
let browser: Browser;
let page: Page;
const email = `reports-${Date.now()}@example.test`;
const password = 'a long password for reports';

async function gql(query: string, token?: string, variables: Record<string, unknown> = {}) {
  const r = await fetch(`${inject('baseUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await r.json()) as { data: Record<string, any>; errors?: unknown[] };
}

beforeAll(async () => {
  browser = await launchBrowser();
  await gql('mutation($email: String!, $password: String!) { register(input: { name: "Rae Reports", email: $email, password: $password }) { email } }', undefined, { email, password });
  const login = await gql('mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken } }', undefined, { email, password });
  const token = login.data.login.accessToken as string;
  await gql('mutation { completeOnboarding(input: { timezone: "Europe/Berlin", brandName: "Rae Bakery" }) { id } }', token);
  // A sandbox account: its first sync fills in posts and follower history.
  const connected = await gql('mutation { connectPlatform(input: { type: INSTAGRAM, sandbox: true }) { platform { id } } }', token);
  expect(connected.errors).toBeUndefined();
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

describe('reports in the browser', () => {
  it('an owner creates a report, orders its sections, brands it and opens it', async () => {
    await page.goto(`${inject('baseUrl')}/reports`);
    await page.getByText('No reports yet').waitFor({ timeout: LONG });
    await screenshot(page, 'reports-01-empty-1440');
    await page.getByLabel('New report').fill('Monthly client report');
    await page.getByRole('button', { name: 'Create' }).click();
    const form = page.getByRole('form', { name: 'Report settings' });
    await form.waitFor({ timeout: LONG });
    await form.getByRole('button', { name: 'Add Best times to post' }).click();
    await form.getByRole('button', { name: 'Move Top posts up' }).click();
    await form.getByLabel('Title').fill('Rae Bakery — monthly');
    await form.getByLabel('Accent colour', { exact: true }).fill('#E0742B');
    await form.getByLabel('Footer').fill('Prepared by the social team');
    await screenshot(page, 'reports-02-builder-1440');
    await form.getByRole('button', { name: 'Save report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rae Bakery — monthly' }).waitFor({ timeout: LONG });
    expect(await page.getByTestId('report-period').innerText()).toContain('times in Europe/Berlin');
    // The sandbox's first sync lands within moments; reload until its posts show.
    for (let i = 0; i < 20 && (await page.locator('.top-posts li').count()) === 0; i++) {
      await page.waitForTimeout(2_000);
      await page.reload();
      await page.getByRole('list', { name: 'Key numbers' }).waitFor({ timeout: LONG });
    }
    expect(await page.locator('.top-posts li').count()).toBeGreaterThan(0);
    const headings = await page.locator('.report-grid .card-header h2, .report-grid section > h2').allInnerTexts();
    expect(headings.slice(0, 5)).toEqual(['Headline numbers', 'Followers', 'Engagement', 'Top posts', 'Accounts']);
    await page.locator('[aria-label^="Engagement rate by weekday and hour"]').waitFor({ timeout: LONG });
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await screenshot(page, 'reports-03-view-1440');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.waitForTimeout(500);
    await screenshot(page, 'reports-04-view-375');
    await page.goto(`${inject('baseUrl')}/reports`);
    await page.getByRole('link', { name: 'Monthly client report' }).waitFor({ timeout: LONG });
    await screenshot(page, 'reports-05-list-375');
  });
});
