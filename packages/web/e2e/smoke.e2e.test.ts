import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the built app, served by the API', () => {
  it('loads in a browser and sends a visitor to the sign-in page', async () => {
    const page = await browser.newPage();
    await page.goto(inject('baseUrl'));
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login');
  });

  it('serves GraphiQL that renders offline', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(`${inject('baseUrl')}/graphql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
    await screenshot(page, 'graphiql');
    expect(failed).toEqual([]);
  });
});
