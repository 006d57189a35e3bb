import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser';

/**
 * One user's way through the product, in order, against the built app served by the API (real
 * database, jobs running in the API process). Each step leaves a screenshot in artifacts/.
 */
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
const email = `e2e-${Date.now()}@example.com`;
const password = 'correct horse battery';

/** Generous, event-driven waits: other test runs may share the CPU. */
const LONG = 45_000;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
});
afterAll(async () => {
  if (errors.length) console.error(`browser errors:\n${errors.join('\n')}`);
  await browser?.close();
});

async function heading(p: Page, name: string | RegExp) {
  await p.getByRole('heading', { name, level: 1 }).waitFor({ timeout: LONG });
}

/** The numbers in one column of the posts table, top to bottom. */
async function columnNumbers(p: Page, header: string): Promise<number[]> {
  const headers = await p.locator('table thead th').allInnerTexts();
  const index = headers.findIndex((h) => h.replace(/[▲▼↕]/g, '').trim() === header);
  const texts = await p.locator(`table tbody tr td:nth-child(${index + 1})`).allInnerTexts();
  return texts.map((t) => {
    const n = parseFloat(t.replace(/,/g, ''));
    return /K$/.test(t.trim()) ? n * 1_000 : /M$/.test(t.trim()) ? n * 1_000_000 : n;
  });
}

describe('a new user’s journey', () => {
  it('registers', async () => {
    await page.goto(`${inject('baseUrl')}/register`);
    await heading(page, 'Create your account');
    await page.getByLabel('Name').fill('Jane Baker');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Company (optional)').fill("Jane's Bakery");
    await screenshot(page, '01-register');
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Welcome, Jane');
    // Not verified yet: the notice offers a new link.
    await page.getByRole('region', { name: 'Email confirmation' }).waitFor();
  });

  it('onboarding: brand profile with the detected, editable time zone', async () => {
    const zone = page.getByLabel('Time zone');
    expect(await zone.inputValue()).toBe(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
    await page.getByLabel('Brand name').fill("Jane's Bakery");
    await page.getByLabel('Brand values').fill('local, fresh');
    await zone.selectOption('Europe/Berlin');
    await screenshot(page, '02-onboarding-brand');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { name: 'Connect your first account' }).waitFor({ timeout: LONG });
  });

  it('onboarding: connects a sandbox account and follows its first sync', async () => {
    await page.getByRole('button', { name: 'Connect a Instagram sandbox account' }).click();
    await page.getByText('Connected:').waitFor({ timeout: LONG });
    await screenshot(page, '03-onboarding-connected');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Go to your dashboard' }).click();
    await page.getByRole('link', { name: 'Platforms' }).waitFor({ timeout: LONG });
  });

  it('platforms: shows the account, its health and a live sync', async () => {
    await page.getByRole('link', { name: 'Platforms' }).click();
    await heading(page, 'Platforms');
    const card = page.getByRole('article');
    await card.getByText('Sandbox: never expires').waitFor({ timeout: LONG });
    // The first sync has to end before "Sync now" is allowed again; then run one and watch it.
    await card.getByText(/Last sync/).waitFor();
    await page.waitForFunction(() => !/Not yet/.test(document.querySelector('article dl')?.textContent ?? 'Not yet'), undefined, { timeout: LONG * 2 });
    await screenshot(page, '04-platforms');
  });

  it('posts: filters by type and sorts by engagement', async () => {
    await page.getByRole('link', { name: 'Posts' }).click();
    await heading(page, 'Posts');
    // Posts arrive with the sandbox's backfill: wait for the table rather than a fixed time.
    await page.getByText(/^Showing 1–\d+ of \d+ posts$/).waitFor({ timeout: LONG * 2 });
    await page.getByLabel('Type').selectOption('REEL');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'REEL');
    await page.getByRole('button', { name: /^Engagement/ }).click();
    await page.waitForFunction(() => document.querySelector('th[aria-sort="descending"]')?.textContent?.startsWith('Engagement'));
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('table tbody tr')];
      return rows.length > 0 && rows.every((r) => r.textContent?.includes('Reel'));
    }, undefined, { timeout: LONG });
    const engagement = await columnNumbers(page, 'Engagement');
    expect(engagement.length).toBeGreaterThan(0);
    expect(engagement).toEqual([...engagement].sort((a, b) => b - a));
    expect(new URL(page.url()).search).toBe('?type=REEL&sort=ENGAGEMENT');
    await screenshot(page, '05-posts');
  });

  it('posts: opens a post with its metric history chart', async () => {
    // Posts get daily snapshots during their first 30 days: pick one from 5 to 20 days ago.
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Type').selectOption('');
    await page.getByLabel('Published from').fill(day(20));
    await page.getByLabel('Published to').fill(day(5));
    await page.waitForFunction(() => new URL(location.href).searchParams.has('to'));
    await page.getByText(/^(Showing 1–\d+ of \d+ posts|1 post)$/).waitFor({ timeout: LONG });
    const first = page.locator('table tbody tr').first().getByRole('link');
    const caption = (await first.innerText()).replace('…', '').slice(0, 20);
    await first.click();
    await page.getByRole('link', { name: '← All posts' }).waitFor({ timeout: LONG });
    await page.getByRole('heading', { level: 1 }).filter({ hasText: caption }).waitFor();
    await page.locator('figure[aria-label="Interactions per day"] .recharts-line-curve').first().waitFor({ timeout: LONG });
    await screenshot(page, '06-post-detail');
    await page.goBack();
    await page.getByText(/^Showing 1–\d+ of \d+ posts$/).waitFor({ timeout: LONG });
  });

  it('settings: keeps the brand profile from onboarding', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await heading(page, 'Settings');
    const brand = page.getByRole('form', { name: 'Brand profile' });
    expect(await brand.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    expect(await brand.getByLabel('Brand values').inputValue()).toBe('local, fresh');
    await screenshot(page, '07-settings');
  });

  it('works at 375 px', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Posts' }).click();
    await heading(page, 'Posts');
    await page.getByText(/^Showing 1–\d+ of \d+ posts$/).waitFor({ timeout: LONG });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'mobile-posts');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Platforms' }).click();
    await heading(page, 'Platforms');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'mobile-platforms');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('signs out and back in', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await heading(page, 'Sign in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor({ timeout: LONG });
    await screenshot(page, '08-login-error');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Posts' }).waitFor({ timeout: LONG });
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await heading(page, 'Sign in');
    // Signed out for real: the dashboard sends us back to sign in.
    await page.goto(`${inject('baseUrl')}/settings`);
    await heading(page, 'Sign in');
    expect(new URL(page.url()).search).toBe('?next=%2Fsettings');
    await screenshot(page, '09-signed-out');
  });

  it('logged no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
