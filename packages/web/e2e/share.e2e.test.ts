import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser';

/**
 * Client share links end to end: the owner creates a link on a report; a fresh browser (no
 * session, nothing stored) opens it and sees the report's name and its numbers; after revoking,
 * the same address says the link is no longer valid. At 1440 and 375 px.
 */
const LONG = 60_000;
let browser: Browser;
let page: Page;
let token: string;
let reportId: string;
const email = `share-${Date.now()}@example.test`;
const password = 'a long password for sharing';

async function gql(query: string, auth?: string, variables: Record<string, unknown> = {}) {
  const r = await fetch(`${inject('baseUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await r.json()) as { data: Record<string, any>; errors?: unknown[] };
}

beforeAll(async () => {
  browser = await launchBrowser();
  await gql('mutation($email: String!, $password: String!) { register(input: { name: "Sam Share", email: $email, password: $password }) { email } }', undefined, { email, password });
  const login = await gql('mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken } }', undefined, { email, password });
  token = login.data.login.accessToken as string;
  await gql('mutation { completeOnboarding(input: { timezone: "Europe/Berlin", brandName: "Sam Studio" }) { id } }', token);
  expect((await gql('mutation { connectPlatform(input: { type: INSTAGRAM, sandbox: true }) { platform { id } } }', token)).errors).toBeUndefined();
  const created = await gql(
    'mutation { createCustomReport(input: { name: "Client monthly", range: { preset: LAST_28_DAYS }, sections: [KPIS, TOP_POSTS], branding: { title: "Sam Studio for Acme", accentColor: "#1F7A5C", footer: "Prepared by Sam Studio" } }) { id } }',
    token,
  );
  expect(created.errors).toBeUndefined();
  reportId = created.data.createCustomReport.id as string;
  // The sandbox's first sync lands within moments: wait until the report has posts.
  for (let i = 0; i < 30; i++) {
    const d = await gql('query($id: ID!) { reportData(id: $id) { kpis { posts { value } } } }', token, { id: reportId });
    if ((d.data?.reportData?.kpis?.posts?.value ?? 0) > 0) break;
    await new Promise((r) => setTimeout(r, 2_000));
  }
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

describe('share links in the browser', () => {
  it('the owner shares a report; a fresh browser opens it without an account; revoked, the link says so', async () => {
    await page.goto(`${inject('baseUrl')}/reports/${reportId}`);
    await page.getByRole('heading', { level: 1, name: 'Sam Studio for Acme' }).waitFor({ timeout: LONG });
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('No links yet').waitFor({ timeout: LONG });
    await dialog.getByLabel('For (optional)').fill('Acme');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const urlBox = dialog.getByLabel('Share link', { exact: true });
    await urlBox.waitFor({ timeout: LONG });
    const url = await urlBox.inputValue();
    expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
    await dialog.getByRole('list', { name: 'Share links' }).getByText('Acme').waitFor({ timeout: LONG });
    await screenshot(page, 'share-01-dialog-1440');

    const posts = (await gql('query($id: ID!) { reportData(id: $id) { kpis { posts { value } } } }', token, { id: reportId })).data.reportData.kpis.posts.value as number;
    expect(posts).toBeGreaterThan(0);

    // A client: a new browser context, no cookies, no storage, no session.
    const client = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const clientPage = await client.newPage();
    await clientPage.goto(`${inject('baseUrl')}${new URL(url).pathname}`);
    await clientPage.getByRole('heading', { level: 1, name: 'Sam Studio for Acme' }).waitFor({ timeout: LONG });
    const postsCard = clientPage.getByRole('list', { name: 'Key numbers' }).getByRole('listitem').filter({ has: clientPage.locator('.kpi-label', { hasText: /^Posts$/ }) });
    expect(await postsCard.locator('.kpi-value').innerText()).toBe(posts.toLocaleString('en-US'));
    // Read-only: no app navigation, no link into the app.
    expect(await clientPage.locator('a[href^="/"]').count()).toBe(0);
    expect(await clientPage.getByRole('navigation').count()).toBe(0);
    await clientPage.waitForLoadState('networkidle').catch(() => undefined);
    await screenshot(clientPage, 'share-02-shared-1440');
    await clientPage.setViewportSize({ width: 375, height: 800 });
    await clientPage.waitForTimeout(300);
    await screenshot(clientPage, 'share-03-shared-375');

    await dialog.getByRole('button', { name: 'Revoke Acme' }).click();
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await dialog.getByText('Revoked', { exact: true }).waitFor({ timeout: LONG });

    await clientPage.reload();
    await clientPage.getByRole('heading', { name: 'This link is no longer valid' }).waitFor({ timeout: LONG });
    await screenshot(clientPage, 'share-04-revoked-375');
    await client.close();
  });

  it('a protected link asks for its password first', async () => {
    const created = await gql('mutation($id: ID!) { createReportShareLink(input: { reportId: $id, password: "acme board 2026" }) { url } }', token, { id: reportId });
    expect(created.errors).toBeUndefined();
    const client = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const clientPage = await client.newPage();
    await clientPage.goto(`${inject('baseUrl')}${new URL(created.data.createReportShareLink.url as string).pathname}`);
    await clientPage.getByRole('heading', { name: 'This report is protected' }).waitFor({ timeout: LONG });
    await clientPage.getByLabel('Password').fill('not it');
    await clientPage.getByRole('button', { name: 'Open the report' }).click();
    await clientPage.getByText('That password is not right.').waitFor({ timeout: LONG });
    await screenshot(clientPage, 'share-05-password-375');
    await clientPage.getByLabel('Password').fill('acme board 2026');
    await clientPage.getByRole('button', { name: 'Open the report' }).click();
    await clientPage.getByRole('heading', { level: 1, name: 'Sam Studio for Acme' }).waitFor({ timeout: LONG });
    await client.close();
  });
});
