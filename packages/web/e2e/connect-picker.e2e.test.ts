import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser';

/**
 * Connecting real (not sandbox) Facebook and LinkedIn accounts through the account picker, in the
 * browser, against the fake platforms the global setup starts (their logins reach several
 * accounts; see packages/api/src/connectors/testing/browser-fakes.ts): sign-in on the platform →
 * callback → "Choose …" page → connected accounts on the Platforms page, within the plan's limit.
 * Screenshots of the picker at 1440 px and 375 px go to artifacts/.
 */
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
const email = `e2e-picker-${Date.now()}@example.com`;
const LONG = 45_000;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The deliberate LIMIT_EXCEEDED answer below is a failed request on purpose.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
});
afterAll(async () => {
  if (errors.length) console.error(`browser errors:\n${errors.join('\n')}`);
  await browser?.close();
});

async function heading(name: string | RegExp) {
  await page.getByRole('heading', { name, level: 1 }).waitFor({ timeout: LONG });
}

describe('connecting accounts through the picker', () => {
  it('registers and reaches the onboarding connect step', async () => {
    await page.goto(`${inject('baseUrl')}/register`);
    await heading('Create your account');
    await page.getByLabel('Name').fill('Pia Picker');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    // Signing up starts no session (the answer is the same for a taken address): sign in.
    await heading('Now sign in');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await heading('Sign in');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading('Welcome, Pia');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { name: 'Connect your first account' }).waitFor({ timeout: LONG });
  });

  it('Facebook: the sign-in comes back to a choice of every Page (both pages of the list and the business Page)', async () => {
    await page.getByRole('button', { name: 'Connect Facebook', exact: true }).click();
    await heading('Choose Facebook Pages');
    expect(new URL(page.url()).pathname).toMatch(/^\/platforms\/connect\/[0-9a-f]{24}$/);
    const list = page.getByRole('list', { name: 'Facebook Pages' });
    await expect.poll(() => list.getByRole('checkbox').count()).toBe(4);
    expect(await list.innerText()).toContain('Owned by Jane’s Bakery Group');
    expect(await page.getByText('0 selected · room for 2 more on your plan').count()).toBe(1);
    await screenshot(page, 'picker-01-facebook-1440');
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'picker-02-facebook-375');
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.getByRole('checkbox', { name: /Fake Page 4/ }).check();
    await page.getByRole('button', { name: 'Connect Page', exact: true }).click();
    // Still onboarding: back on its connect step, with the Page connected.
    await page.getByText('Connected:').waitFor({ timeout: LONG });
    // Named from the picker until the first pull has read the profile (then by its handle).
    expect(await page.getByRole('list', { name: 'Connected accounts' }).innerText()).toMatch(/Fake Page 4|@fakepage0004/);
  });

  it('LinkedIn: only the organisations the member administers are offered, and the plan limit is enforced', async () => {
    await page.getByRole('button', { name: 'Connect LinkedIn', exact: true }).click();
    await heading('Choose LinkedIn company pages');
    const list = page.getByRole('list', { name: 'LinkedIn company pages' });
    await expect.poll(() => list.getByRole('checkbox').count()).toBe(2);
    const text = await list.innerText();
    expect(text).toContain('Super admin');
    expect(text).toContain('Content admin');
    expect(text).not.toContain('Fake Org 3');

    // Two new ones do not fit the free plan's last slot: the page says so, and so does the API.
    await list.getByRole('checkbox').nth(0).check();
    await list.getByRole('checkbox').nth(1).check();
    await page.getByText(/choose fewer/).waitFor();
    await screenshot(page, 'picker-03-linkedin-over-limit');
    await page.getByRole('button', { name: 'Connect 2 company pages' }).click();
    await page.getByRole('alert').filter({ hasText: /room for 1 more/ }).waitFor({ timeout: LONG });

    await list.getByRole('checkbox').nth(1).uncheck();
    await page.getByRole('button', { name: 'Connect company page', exact: true }).click();
    await page.getByRole('list', { name: 'Connected accounts' }).getByText(/Fake Org 1|fake-org-1/).waitFor({ timeout: LONG });
  });

  it('the Platforms page shows both accounts, and their first syncs read the fakes', async () => {
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Go to your dashboard' }).click();
    await heading('Overview');
    await page.goto(`${inject('baseUrl')}/platforms`);
    await heading('Platforms');
    await page.getByText('2 of 2 accounts on the Free plan').waitFor({ timeout: LONG });
    const body = await page.locator('main').innerText();
    expect(body).toContain('Fake Page 4');
    expect(body).toContain('Fake Org 1');
    await screenshot(page, 'picker-04-platforms');
  });

  it('an unknown (or already used) choice says so and leads back', async () => {
    await page.goto(`${inject('baseUrl')}/platforms/connect/000000000000000000000000`);
    await page.getByRole('alert').filter({ hasText: 'no longer available' }).waitFor({ timeout: LONG });
  });

  it('no browser errors', () => {
    expect(errors).toEqual([]);
  });
});
