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
  await browser?.close();
});

async function heading(p: Page, name: string | RegExp) {
  await p.getByRole('heading', { name, level: 1 }).waitFor({ timeout: LONG });
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
    await heading(page, 'Posts');
    // Not verified yet: the notice offers a new link.
    await page.getByRole('region', { name: 'Email confirmation' }).waitFor();
  });

  it('shows an empty posts explorer that says what to do', async () => {
    await page.getByRole('heading', { name: 'No posts yet' }).waitFor({ timeout: LONG });
    await screenshot(page, '02-posts-empty');
  });

  it('saves the brand profile in settings', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await heading(page, 'Settings');
    const brand = page.getByRole('form', { name: 'Brand profile' });
    await brand.getByLabel('Brand name').fill("Jane's Bakery");
    await brand.getByLabel('Brand values').fill('local, fresh');
    await brand.getByLabel('Time zone').selectOption('Europe/Berlin');
    await brand.getByRole('button', { name: 'Save brand profile' }).click();
    await brand.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: LONG });
    await page.reload();
    await heading(page, 'Settings');
    expect(await page.getByRole('form', { name: 'Brand profile' }).getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    await screenshot(page, '03-settings');
  });

  it('signs out and back in', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await heading(page, 'Sign in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor({ timeout: LONG });
    await screenshot(page, '04-login-error');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'Posts');
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
