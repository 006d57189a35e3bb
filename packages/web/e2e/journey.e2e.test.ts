import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser';

/**
 * One user's way through the product, in order, against the built app served by the API (real
 * database, jobs running in the API process): register → onboarding → sandbox account →
 * overview → settings (plan, category) → platforms (second account, live sync) → posts (filter,
 * sort, categories) → a post → insights → referrals → sign out. Each step leaves a screenshot in artifacts/ (overview and posts also at 375 px).
 *
 * Access tokens live 60 s in this run (see global-setup), and a second tab stays open throughout,
 * so the run also goes through several silent refreshes shared by two tabs.
 */
let browser: Browser;
let context: BrowserContext;
let page: Page;
let secondTab: Page;
const errors: string[] = [];
const refreshTokensSent: string[] = [];
const pendingHeaders: Promise<void>[] = [];
const email = `e2e-${Date.now()}@example.com`;
const password = 'correct horse battery';
let shareUrl = '';
let registeredText = '';

/** Generous, event-driven waits: other test runs may share the two CPU cores. */
const LONG = 45_000;
/** Sync jobs and insight runs happen in the API process after connecting. */
const DATA = 150_000;

function watch(p: Page, label: string) {
  p.on('pageerror', (e) => errors.push(`${label} pageerror: ${e.message}`));
  p.on('console', (m) => m.type() === 'error' && errors.push(`${label} console: ${m.text()}`));
}

/**
 * Playwright reads a request's raw headers (with its cookies) from the browser once the response
 * arrives; for a request still in flight when its tab or the browser closes they can no longer
 * be read. Only that case is passed over; any other failure to read them is an error of the run.
 */
function unreadable(r: Request) {
  return (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    if (/Target page, context or browser has been closed/.test(message)) return;
    errors.push(`could not read the headers of ${r.method()} ${r.url()}: ${message}`);
  };
}

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('baseUrl') });
  // Every refresh token the app presents, from any tab: none may be presented twice. The token
  // travels only as the httpOnly cookie of POST /auth/refresh; no GraphQL request carries one.
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/auth/refresh' && r.method() === 'POST') {
      pendingHeaders.push(
        r.allHeaders().then((h) => {
          const m = /(?:^|;\s*)soash_refresh=([^;]+)/.exec(h.cookie ?? '');
          refreshTokensSent.push(m ? decodeURIComponent(m[1]!) : '(no cookie)');
        }, unreadable(r)),
      );
    } else if (url.pathname === '/graphql') {
      pendingHeaders.push(
        r.allHeaders().then((h) => {
          if (/soash_refresh=/.test(h.cookie ?? '')) errors.push('a GraphQL request carried the refresh-token cookie');
        }, unreadable(r)),
      );
      const body = r.postData() ?? '';
      if (/"refreshToken"\s*:\s*"/.test(body)) errors.push('a GraphQL request carried a refresh token');
    }
  });
  page = await context.newPage();
  watch(page, 'tab 1');
});
afterAll(async () => {
  if (errors.length) console.error(`browser errors:\n${errors.join('\n')}`);
  await browser?.close();
});

async function heading(p: Page, name: string | RegExp) {
  await p.getByRole('heading', { name, level: 1 }).waitFor({ timeout: LONG });
}

async function nav(p: Page, name: string) {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}

/**
 * Waits for data that background jobs produce: checks, and reloads the page between checks
 * (the dashboard shows what the API has when a page loads). No fixed sleeps beyond the pause
 * between reloads.
 */
async function untilShown(p: Page, ready: () => Promise<boolean>, timeout = DATA) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`data did not appear within ${timeout / 1000} s on ${p.url()}`);
    await p.waitForTimeout(3_000);
    if (await ready().catch(() => false)) return;
    await p.reload();
    await p.waitForLoadState('networkidle').catch(() => undefined);
  }
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

/**
 * The filter fields show these values: the page has rendered the filters (a change reaches the
 * address first and the page a moment later), so what it shows next answers them.
 */
async function filtersShow(p: Page, fields: Record<string, string>) {
  const form = p.getByRole('search', { name: 'Filter posts' });
  for (const [label, value] of Object.entries(fields)) {
    await expect.poll(() => form.getByLabel(label, { exact: true }).inputValue(), { timeout: LONG }).toBe(value);
  }
}

/** The posts table shows the answer for the current filters (not the previous one while loading). */
async function postsSettled(p: Page) {
  await p.getByText(/^(Showing 1–\d+ of \d+ posts|1 post)$/).waitFor({ timeout: LONG });
  await p.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: LONG });
}

/** Escape closes the dialog a control opens, and focus goes back to that control. */
async function escapeReturnsFocus(p: Page, opener: Locator, dialog: string | RegExp) {
  await opener.click();
  const d = p.getByRole('dialog', { name: dialog });
  await d.waitFor({ timeout: LONG });
  await p.keyboard.press('Escape');
  await d.waitFor({ state: 'hidden', timeout: LONG });
  await expect.poll(() => opener.evaluate((el) => el === document.activeElement), { timeout: LONG }).toBe(true);
}

async function fitsWidth(p: Page, width: number) {
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
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
    // Signing up starts no session, and its answer is the same whether the address was free or
    // taken. This server sends no mail (no SMTP_URL), so the next step is to sign in.
    await heading(page, 'Now sign in');
    registeredText = (await page.getByRole('status').innerText()).replace(email, '<email>');
    await screenshot(page, '01b-registered');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await heading(page, 'Sign in');
    expect(await page.getByLabel('Email').inputValue()).toBe(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'Welcome, Jane');
    // Not verified yet: the notice says this server sends no mail and how an admin sets it up, and
    // (a development server) shows this user the link meant for them.
    const notice = page.getByRole('region', { name: 'Email confirmation' });
    await notice.getByText(/does not send mail/).waitFor({ timeout: LONG });
    expect(await notice.getByRole('link', { name: 'how' }).getAttribute('href')).toBe('/docs/api.html#email-links');
    expect(await notice.getByRole('link', { name: 'Confirm my address' }).getAttribute('href')).toMatch(/\/verify-email\?token=/);
  });

  it('signing up with a taken address shows exactly the same page (here at 375 px)', async () => {
    const other = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const p = await other.newPage();
    watch(p, 'taken address');
    await p.goto(`${inject('baseUrl')}/register`);
    await heading(p, 'Create your account');
    await p.getByLabel('Name').fill('Not Jane');
    await p.getByLabel('Email').fill(email);
    await p.getByLabel('Password').fill('another long password');
    await p.getByRole('button', { name: 'Create account' }).click();
    await heading(p, 'Now sign in');
    expect((await p.getByRole('status').innerText()).replace(email, '<email>')).toBe(registeredText);
    await fitsWidth(p, 375);
    await screenshot(p, '01c-registered-375');
    await other.close();
  });

  it('onboarding: brand profile with the detected, editable time zone', async () => {
    const zone = page.getByLabel('Time zone', { exact: true });
    expect(await zone.inputValue()).toBe(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
    // "Company" from registration prefills the brand name.
    expect(await page.getByLabel('Brand name').inputValue()).toBe("Jane's Bakery");
    await page.getByLabel('Brand values').fill('local, fresh');
    // The zone list is searchable and uses current IANA names.
    await page.getByLabel('Find a time zone').fill('kiev');
    expect(await zone.locator('option').allInnerTexts()).toContain('Europe / Kyiv');
    await page.getByLabel('Find a time zone').fill('berlin');
    await zone.selectOption('Europe/Berlin');
    await screenshot(page, '02-onboarding-brand');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { name: 'Connect your first account' }).waitFor({ timeout: LONG });
  });

  it('onboarding: connects a sandbox account and follows its first sync', async () => {
    // No platform app is set up on this server: no Connect button that can only fail.
    await page.getByText('Not set up on this server.').first().waitFor({ timeout: LONG });
    expect(await page.getByRole('button', { name: 'Connect Instagram', exact: true }).count()).toBe(0);
    const guide = page.getByRole('link', { name: 'How an admin sets up Instagram' });
    expect(await guide.getAttribute('href')).toBe('/docs/connectors.html#registering-apps-and-setting-variables');
    const docs = await page.request.get(`${inject('baseUrl')}/docs/connectors.html`);
    expect(docs.ok()).toBe(true);
    expect(await docs.text()).toContain('id="registering-apps-and-setting-variables"');
    await page.getByRole('button', { name: 'Connect a Instagram sandbox account' }).click();
    await page.getByText('Connected:').waitFor({ timeout: LONG });
    // Named after the brand, not a generated fitness studio.
    await page.getByText('Instagram · @janesbakery').waitFor({ timeout: LONG });
    await screenshot(page, '03-onboarding-connected');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Go to your dashboard' }).click();
    await heading(page, 'Overview');
    // A second tab of the same sign-in stays open for the rest of the journey.
    secondTab = await context.newPage();
    watch(secondTab, 'tab 2');
    await secondTab.goto(`${inject('baseUrl')}/platforms`);
    await heading(secondTab, 'Platforms');
  });

  it('overview: KPI cards and non-empty charts once the first sync has landed', async () => {
    const followers = page.locator('figure[aria-label^="Followers per"] .recharts-area-curve');
    const engagement = page.locator('figure[aria-label^="Engagements on posts published"] .recharts-bar-rectangle');
    await untilShown(page, async () => (await followers.count()) > 0 && (await engagement.count()) > 0);
    const posts = page.getByRole('list', { name: 'Key numbers' }).getByRole('listitem').filter({ hasText: /^Posts/ });
    expect(Number((await posts.locator('.kpi-value').innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
    await page.locator('[aria-label^="Engagement rate by weekday and hour"]').waitFor({ timeout: LONG });
    await page.getByRole('heading', { name: 'Top posts' }).waitFor();
    // The heading is there while the list still loads: wait for the list itself.
    await page.locator('.top-posts li').first().waitFor({ timeout: LONG });
    expect(await page.locator('.top-posts li').count()).toBeGreaterThan(0);
    await screenshot(page, '04-overview');
    // The Free plan keeps 90 days: "Last 12 months" says so before and after it is picked, and offers the plan that shows it all.
    const range = page.getByLabel('Range', { exact: true });
    expect(await range.locator('option[value="365d"]').innerText()).toBe('Last 12 months (needs an upgrade)');
    await range.selectOption('365d');
    const offer = page.locator('.upgrade-offer');
    await offer.getByText(/“Last 12 months” needs more history than your Free plan keeps \(90 days\)/).waitFor({ timeout: LONG });
    await offer.getByText(/The Pro plan keeps 730 days/).waitFor({ timeout: LONG });
    await screenshot(page, '04-overview-upgrade');
    await offer.getByRole('link', { name: 'Upgrade to Pro' }).click();
    await heading(page, 'Settings');
    expect(new URL(page.url()).hash).toBe('#plan');
  });

  it('settings: moves to the Pro plan and creates a content category', async () => {
    await nav(page, 'Settings');
    await heading(page, 'Settings');
    expect(await page.getByRole('form', { name: 'Brand profile' }).getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/Berlin');
    // Pro keeps more history, so the next account's first sync reads half a year.
    await escapeReturnsFocus(page, page.getByRole('button', { name: 'Switch to Pro' }), 'Switch to Pro?');
    await page.getByRole('button', { name: 'Switch to Pro' }).click();
    // A confirmation says what is charged (nothing: this server has no payment provider).
    const confirm = page.getByRole('dialog', { name: 'Switch to Pro?' });
    await confirm.getByText(/nothing is charged/).waitFor({ timeout: LONG });
    await confirm.getByRole('button', { name: 'Confirm the change' }).click();
    await page.locator('.plan.current').filter({ hasText: 'Pro' }).waitFor({ timeout: LONG });
    const form = page.getByRole('form', { name: 'Add a category' });
    await form.getByLabel('New category').fill('Behind the scenes');
    await form.getByRole('button', { name: 'Add category' }).click();
    await page.getByRole('list', { name: 'Your categories' }).getByText('Behind the scenes', { exact: true }).waitFor({ timeout: LONG });
    await escapeReturnsFocus(page, page.getByRole('button', { name: 'Delete Behind the scenes' }), 'Delete “Behind the scenes”?');
    await escapeReturnsFocus(page, page.getByRole('button', { name: 'Delete account…' }), 'Delete your account?');
    await screenshot(page, '05-settings');
  });

  it('platforms: connects a second sandbox and follows syncs live', async () => {
    await nav(page, 'Platforms');
    await heading(page, 'Platforms');
    const instagram = page.getByRole('article').filter({ hasText: 'Instagram' });
    await instagram.getByText('Sandbox: never expires').waitFor({ timeout: LONG });
    // Platforms without app credentials on this server say so and offer a sandbox; set-up ones connect.
    const offers = page.getByRole('list', { name: 'Platforms you can connect' });
    const tiktokOffer = offers.getByRole('listitem').filter({ hasText: 'TikTok' });
    await tiktokOffer.getByText('Not set up on this server.').waitFor({ timeout: LONG });
    expect(await tiktokOffer.getByRole('link', { name: 'How an admin sets up TikTok' }).getAttribute('href')).toBe('/docs/connectors.html#registering-apps-and-setting-variables');
    expect(await offers.getByRole('button', { name: 'Connect TikTok', exact: true }).count()).toBe(0);
    await offers.getByRole('button', { name: 'Connect LinkedIn', exact: true }).waitFor();
    expect(await offers.getByRole('listitem').filter({ hasText: 'LinkedIn' }).getByText('Not set up on this server.').count()).toBe(0);
    await escapeReturnsFocus(page, instagram.getByRole('button', { name: /^Disconnect / }), /^Disconnect .+\?$/);
    await page.getByRole('button', { name: 'Connect a TikTok sandbox account' }).click();
    const tiktok = page.getByRole('article').filter({ hasText: 'TikTok' });
    const reading = page.getByText(/TikTok account connected\. Its history is being read now/);
    await reading.or(tiktok).first().waitFor({ timeout: LONG });
    // Its first sync, live from the subscription (unless it already ended), until it has synced.
    await tiktok.getByRole('progressbar').or(tiktok.getByText('Sync finished.')).or(tiktok.getByText(/Last sync\s*(just now|\d+ \w+ ago)/)).first().waitFor({ timeout: LONG });
    await untilShown(page, async () => (await tiktok.getByRole('progressbar').count()) === 0 && !/Not yet/.test(await tiktok.locator('dl').innerText()));
    // "Being read now" holds only while it is.
    await reading.waitFor({ state: 'detached', timeout: LONG });
    const syncNow = instagram.getByRole('button', { name: /^Sync .+ now$/ });
    await syncNow.click();
    await instagram.getByRole('progressbar').or(instagram.getByText('Sync finished.')).first().waitFor({ timeout: LONG });
    // The API's cooldown: "Sync now" stays disabled with a countdown that runs down.
    const timer = instagram.getByRole('timer');
    await timer.waitFor({ timeout: LONG });
    expect(await syncNow.isDisabled()).toBe(true);
    const first = await timer.innerText();
    expect(first).toMatch(/^Possible again in \d+:\d{2}$/);
    await expect.poll(() => timer.innerText(), { timeout: LONG }).not.toBe(first);
    await screenshot(page, '06-platforms');
    await instagram.getByText('Sync finished.').waitFor({ timeout: DATA });
  });

  it('posts: filters by type and sorts by engagement', async () => {
    await nav(page, 'Posts');
    await heading(page, 'Posts');
    await page.getByText(/^Showing 1–\d+ of \d+ posts$/).waitFor({ timeout: LONG });
    await page.getByLabel('Type').selectOption('REEL');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'REEL');
    await page.getByRole('button', { name: /^Engagement/ }).click();
    await page.waitForFunction(() => document.querySelector('th[aria-sort="descending"]')?.textContent?.startsWith('Engagement'));
    await postsSettled(page);
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('table tbody tr')];
        return rows.length > 0 && rows.every((r) => r.textContent?.includes('Reel'));
      },
      undefined,
      { timeout: LONG },
    );
    const engagement = await columnNumbers(page, 'Engagement');
    expect(engagement.length).toBeGreaterThan(0);
    expect(engagement).toEqual([...engagement].sort((a, b) => b - a));
    expect(new URL(page.url()).search).toBe('?type=REEL&sort=ENGAGEMENT');
    await screenshot(page, '07-posts');
  });

  it('posts: pages are in the address, so reload and Back keep them', async () => {
    // Both accounts' posts, best first: more than one page.
    await page.goto(`${inject('baseUrl')}/posts?sort=ENGAGEMENT`);
    await postsSettled(page);
    const firstCaption = await page.locator('table tbody tr').first().getByRole('link').innerText();
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.has('after'));
    await page.getByText('Page 2', { exact: true }).waitFor({ timeout: LONG });
    await page.reload();
    await page.getByText('Page 2', { exact: true }).waitFor({ timeout: LONG });
    await page.getByText(/^Showing 21–\d+ of \d+ posts$/).waitFor({ timeout: LONG });
    expect(new URL(page.url()).searchParams.get('sort')).toBe('ENGAGEMENT');
    await page.goBack();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('after'));
    await postsSettled(page);
    expect(await page.locator('table tbody tr').first().getByRole('link').innerText()).toBe(firstCaption);
  });

  it('posts: tags a post with a category and filters by it', async () => {
    const first = page.locator('table tbody tr').first();
    const edit = first.getByRole('button', { name: /^Edit categories of/ });
    // Escape closes the dialog and focus goes back to the button that opened it.
    await edit.click();
    await page.getByRole('dialog').waitFor();
    expect(await page.getByRole('dialog').getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await edit.evaluate((el) => el === document.activeElement)).toBe(true);
    await edit.click();
    await page.getByRole('dialog').getByRole('checkbox', { name: 'Behind the scenes' }).check();
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await first.getByText('Behind the scenes').waitFor({ timeout: LONG });
    // The row shows the new category before the dialog has closed: wait for it to go, so the
    // filter bar's "Category" is the only field of that name on the page.
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Behind the scenes' });
    await page.getByText('1 post', { exact: true }).waitFor({ timeout: LONG });
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    // "1 post" is still on screen until the page renders the cleared filters.
    await filtersShow(page, { Category: '' });
    await postsSettled(page);
  });

  it('posts: opens a post with its metric history chart', async () => {
    // Posts get daily snapshots during their first 30 days: pick one from 5 to 20 days ago.
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    // Two changes in a row: the second builds on the first even if the page has not caught up.
    await page.getByLabel('Published from').fill(day(20));
    await page.getByLabel('Published to').fill(day(5));
    await page.waitForFunction(
      ([from, to]) => {
        const q = new URL(location.href).searchParams;
        return q.get('from') === from && q.get('to') === to && !q.has('category');
      },
      [day(20), day(5)] as const,
      { timeout: LONG },
    );
    await filtersShow(page, { 'Published from': day(20), 'Published to': day(5), Category: '' });
    await postsSettled(page);
    const link = page.locator('table tbody tr').first().getByRole('link');
    const caption = (await link.innerText()).replace('…', '').slice(0, 20);
    await link.click();
    await page.getByRole('link', { name: '← All posts' }).waitFor({ timeout: LONG });
    await page.getByRole('heading', { level: 1 }).filter({ hasText: caption }).waitFor();
    await page.locator('figure[aria-label="Interactions per day"] .recharts-line-curve').first().waitFor({ timeout: LONG });
    await screenshot(page, '08-post-detail');
  });

  it('insights: marks one as read', async () => {
    await nav(page, 'Insights');
    await heading(page, 'Insights');
    // Insights are computed by a job after each sync.
    const markRead = page.getByRole('button', { name: /^Mark “.+” as read$/ });
    // Sandbox accounts carry real, planted effects within each account (a format, a prime hour,
    // hashtags: connectors/sandbox/generator.ts), so 90 days of history give findings that hold up.
    await untilShown(page, async () => (await markRead.count()) > 0);
    // Each finding leads with its plain sentence and links the posts behind it.
    const card = page.locator('article.insight-card').filter({ has: page.getByRole('link', { name: /^See the posts/ }) }).first();
    await card.getByText('How we know').waitFor({ timeout: LONG });
    expect(await card.getByRole('link', { name: /^See the posts/ }).getAttribute('href')).toMatch(/^\/posts\?.*from=/);
    const before = await markRead.count();
    const label = (await markRead.first().getAttribute('aria-label'))!;
    // Shown as read at once, with an undo toast; Undo brings it back.
    await markRead.first().click();
    await page.getByRole('button', { name: label }).waitFor({ state: 'detached', timeout: LONG });
    const toast = page.locator('.toast');
    await toast.getByText(/^Marked as read/).waitFor();
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: label }).waitFor({ timeout: LONG });
    // Again, and this time it is sent when the toast ends.
    await page.getByRole('button', { name: label }).click();
    await toast.waitFor({ state: 'detached', timeout: LONG });
    expect(await markRead.count()).toBe(before - 1);
    // The tab is in the address: reload keeps it.
    await page.getByRole('button', { name: 'Unread', exact: true }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('show') === 'unread');
    await page.reload();
    await page.getByRole('button', { name: 'Unread', exact: true, pressed: true }).waitFor({ timeout: LONG });
    await page.waitForFunction((n) => document.querySelectorAll('article.insight-card.unread').length === n || document.body.textContent?.includes('No unread insights'), before - 1, {
      timeout: LONG,
    });
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await screenshot(page, '09-insights');
  });

  it('overview: both accounts, with the latest high-priority insights', async () => {
    await nav(page, 'Overview');
    await heading(page, 'Overview');
    await untilShown(page, async () => (await page.getByRole('table', { name: 'Numbers by account' }).getByRole('row').count()) === 3);
    await page.locator('figure[aria-label="Engagements by account"] .recharts-bar-rectangle').first().waitFor({ timeout: LONG });
    await page.locator('figure[aria-label^="Followers per"] .recharts-area-curve').waitFor({ timeout: LONG });
    // Every rate names its denominator; hatched heatmap cells really show their hatching.
    expect(await page.locator('.kpi-note').first().innerText()).toMatch(/^by /);
    const hatched = page.locator('.heatmap-cell.fallback');
    if ((await hatched.count()) > 0) expect(await hatched.first().evaluate((el) => getComputedStyle(el).backgroundImage)).not.toBe('none');
    await page.getByRole('heading', { name: 'Audience' }).waitFor();
    // docs/images/overview.png (in the README) is a copy of this screenshot.
    await screenshot(page, 'overview');
  });

  it('overview: a long range adds no blank scroll, and a hashtag opens its posts in the same range', async () => {
    await page.getByLabel('Range', { exact: true }).selectOption('365d');
    await page.locator('figure[aria-label^="Followers per month"] .recharts-area-curve').waitFor({ timeout: LONG });
    // Every section has the year's answer: sections keep the previous range's numbers (dimmed,
    // aria-busy) until theirs arrives, and the hashtag links carry the range of what they show.
    const content = page.getByRole('region', { name: 'What works' });
    await page.waitForFunction(() => !document.querySelector('#main [aria-busy="true"]'), undefined, { timeout: LONG });
    await content.getByRole('table', { name: 'Hashtags by lift' }).getByRole('link').first().waitFor({ timeout: LONG });
    const blank = await page.evaluate(() => {
      const main = document.getElementById('main')!;
      return document.documentElement.scrollHeight - (main.getBoundingClientRect().bottom + window.scrollY);
    });
    expect(blank).toBeLessThanOrEqual(2);
    const tag = content.getByRole('table', { name: 'Hashtags by lift' }).getByRole('link').first();
    const overview = new URL(page.url());
    const href = (await tag.getAttribute('href'))!;
    const link = new URL(href, page.url());
    const hashtag = link.searchParams.get('hashtag');
    expect(hashtag).toBeTruthy();
    // The link carries the year shown, not the 28 days before.
    const from = link.searchParams.get('from')!;
    const to = link.searchParams.get('to')!;
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBeGreaterThanOrEqual(364);
    await tag.click();
    await heading(page, 'Posts');
    const posts = new URL(page.url());
    expect(posts.searchParams.get('hashtag')).toBe(hashtag);
    expect(posts.searchParams.get('from')).toBe(from);
    expect(posts.searchParams.get('to')).toBe(to);
    await filtersShow(page, { Hashtag: hashtag!, 'Published from': from, 'Published to': to });
    await postsSettled(page);
    await page.goBack();
    await heading(page, 'Overview');
    expect(new URL(page.url()).search).toBe(overview.search);
  });

  it('referrals: copies the invitation link', async () => {
    await nav(page, 'Referrals');
    await heading(page, 'Referrals');
    const input = page.getByLabel('Your invitation link');
    await page.getByRole('button', { name: 'Copy link' }).waitFor({ timeout: LONG });
    shareUrl = await input.inputValue();
    expect(shareUrl).toMatch(/\/register\?ref=[A-Z0-9]+-REF$/);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link copied to the clipboard.').waitFor({ timeout: LONG });
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shareUrl);
    // Escape keeps the code (nothing rotated) and focus.
    await escapeReturnsFocus(page, page.getByRole('button', { name: 'Get a new code' }), 'Get a new referral code?');
    expect(await input.inputValue()).toBe(shareUrl);
    await screenshot(page, '10-referrals');
  });

  it('referrals: someone signs up with the link and shows up in the list', async () => {
    const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const p = await other.newPage();
    watch(p, 'invitee');
    // The link points at the server's public URL; open the same path on this run's server.
    const link = new URL(shareUrl);
    await p.goto(`${inject('baseUrl')}${link.pathname}${link.search}`);
    await heading(p, 'Create your account');
    expect(await p.getByLabel('Referral code (optional)').inputValue()).toBe(link.searchParams.get('ref'));
    await p.getByLabel('Name').fill('Sam Porter');
    await p.getByLabel('Email').fill(`invitee-${Date.now()}@example.com`);
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Create account' }).click();
    await heading(p, 'Now sign in');
    await p.getByRole('link', { name: 'Sign in' }).click();
    await heading(p, 'Sign in');
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await heading(p, 'Welcome, Sam');
    await other.close();
    await page.reload();
    await page.getByRole('cell', { name: 'Sam P.' }).waitFor({ timeout: LONG });
    expect(await page.getByRole('list', { name: 'Referral results' }).getByRole('listitem').first().innerText()).toMatch(/Signed up\s*1/);
  });

  it('works at 375 px', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${inject('baseUrl')}/`);
    await heading(page, 'Overview');
    await page.locator('figure[aria-label^="Followers per"] .recharts-area-curve').waitFor({ timeout: LONG });
    await fitsWidth(page, 375);
    // The by-account table is wider than a phone: it says it scrolls.
    await page.getByRole('region', { name: 'Numbers by account (scrolls sideways)' }).waitFor({ timeout: LONG });
    await page.getByText('More columns: scroll sideways →').first().waitFor();
    await screenshot(page, 'mobile-overview');
    await page.getByRole('button', { name: 'Menu' }).click();
    await nav(page, 'Posts');
    await heading(page, 'Posts');
    await page.getByText(/^Showing 1–\d+ of \d+ posts$/).waitFor({ timeout: LONG });
    // Phones get a card list with the numbers, not a table cut to two columns.
    await page.locator('.post-cards .post-card').first().waitFor({ timeout: LONG });
    expect(await page.locator('.posts-table').isVisible()).toBe(false);
    expect(await page.locator('.post-card').first().innerText()).toMatch(/Engagement/);
    await fitsWidth(page, 375);
    await screenshot(page, 'mobile-posts');
    for (const [path, title] of [
      ['/platforms', 'Platforms'],
      ['/insights', 'Insights'],
      ['/referrals', 'Referrals'],
      ['/settings', 'Settings'],
    ] as const) {
      await page.goto(`${inject('baseUrl')}${path}`);
      await heading(page, title);
      await page.waitForLoadState('networkidle');
      await fitsWidth(page, 375);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('kept both tabs signed in through silent refreshes, never presenting a refresh token twice', async () => {
    await Promise.all(pendingHeaders);
    expect(refreshTokensSent.length).toBeGreaterThan(0);
    expect(refreshTokensSent).not.toContain('(no cookie)');
    expect(new Set(refreshTokensSent).size).toBe(refreshTokensSent.length);
    // Nothing a script can read holds a refresh token: not storage, not document.cookie.
    const readable = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
    for (const token of refreshTokensSent) expect(readable).not.toContain(token);
    expect(readable).not.toContain('soash_refresh');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'soash_refresh')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth/refresh' });
    await nav(secondTab, 'Overview');
    await heading(secondTab, 'Overview');
    await secondTab.close();
  });

  it('signs out and back in', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await heading(page, 'Sign in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor({ timeout: LONG });
    await screenshot(page, '11-login-error');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'Overview');
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await heading(page, 'Sign in');
    // Signed out for real: the dashboard sends us back to sign in.
    await page.goto(`${inject('baseUrl')}/settings`);
    await heading(page, 'Sign in');
    expect(new URL(page.url()).search).toBe('?next=%2Fsettings');
    await screenshot(page, '12-signed-out');
  });

  it('logged no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
