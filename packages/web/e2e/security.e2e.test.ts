import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser';

/**
 * Security headers as a browser applies them: the sign-in page refuses to be framed by another
 * origin, and the app's public pages and GraphiQL run without a single Content-Security-Policy
 * violation (the journey covers the signed-in pages: any violation there is a console error).
 */
let browser: Browser;
let evil: Server;
let evilUrl: string;

beforeAll(async () => {
  browser = await launchBrowser();
  // Another origin (another port) that tries to embed the sign-in page.
  evil = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><title>framing</title><iframe id="victim" src="${inject('baseUrl')}/login" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => evil?.close(r));
});

/** Collects CSP violations (the DOM event and Chromium's console report) on a page. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCsp', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp(v: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

describe('security headers in the browser', () => {
  it('the sign-in page refuses to render in a cross-origin iframe', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) blocked.push(m.text());
    });
    await page.goto(evilUrl);
    const frame = page.frameLocator('#victim');
    // The frame never shows the form: Chromium replaces it with its own error page.
    await page.waitForTimeout(3_000);
    expect(await frame.getByRole('heading', { name: 'Sign in' }).count()).toBe(0);
    expect(await frame.locator('input').count()).toBe(0);
    expect(blocked.join('\n')).toMatch(/frame-ancestors 'none'/);
    await screenshot(page, 'security-framed-login');
  });

  it('the sign-in page renders on its own with no CSP violation', async () => {
    const page = await browser.newPage();
    const violations = await watchCsp(page);
    const res = await page.goto(`${inject('baseUrl')}/login`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res?.headers()['x-content-type-options']).toBe('nosniff');
    expect(res?.headers()['referrer-policy']).toBe('no-referrer');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: /create/i }).first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });

  for (const width of [1440, 375]) {
    it(`GraphiQL loads with no CSP violation and its welcome text fits at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const violations = await watchCsp(page);
      const failed: string[] = [];
      page.on('requestfailed', (r) => failed.push(r.url()));
      await page.goto(`${inject('baseUrl')}/graphql`);
      await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor({ timeout: 30_000 });
      const text = await page.locator('.graphiql-query-editor .CodeMirror').innerText();
      await screenshot(page, `graphiql-${width}`);
      expect(text).toContain('Sign in: run Login');
      expect(text).toContain('API key');
      expect(text).toContain('query Overview($range: DateRangeInput!)');
      const variables = await page.locator('.graphiql-editor-tool .CodeMirror').first().innerText();
      expect(variables).toMatch(/"range"/);
      expect(variables).toMatch(/"from": "\d{4}-\d{2}-\d{2}"/);
      if (width === 1440) {
        // Every welcome line is visible without scrolling sideways.
        const overflow = await page.locator('.graphiql-query-editor .CodeMirror-scroll').evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      }
      expect(violations).toEqual([]);
      expect(failed).toEqual([]);
    });
  }
});
