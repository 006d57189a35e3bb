import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot } from './browser';

/**
 * A team at work: an owner sets up a brand, invites an editor and a viewer from the Members page;
 * each of them (already registered) opens the invitation link from their development outbox, signs
 * in, accepts and lands in the owner's workspace, and sees what their role allows: the editor tags
 * posts and may sync but neither connects accounts nor invites; the viewer sees every control that
 * changes data disabled or replaced by the reason. The viewer also switches to their own
 * workspace and back. Screenshots (switcher, members page, a gated page; 1440 and 375 px) go to
 * artifacts/.
 */
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
const stamp = Date.now();
const password = 'correct horse battery';
const owner = { name: 'Olivia Owner', email: `e2e-owner-${stamp}@example.com` };
const editor = { name: 'Eddie Editor', email: `e2e-editor-${stamp}@example.com` };
const viewer = { name: 'Vera Viewer', email: `e2e-viewer-${stamp}@example.com` };
const BRAND = 'Team Bakery';
let ownerPage: Page;

const LONG = 45_000;
/** Sync jobs run in the API process after connecting. */
const DATA = 150_000;

async function newPage(label: string, width = 1440): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  const p = await context.newPage();
  p.on('pageerror', (e) => errors.push(`${label} pageerror: ${e.message}`));
  p.on('console', (m) => {
    // Refused operations (a role below the minimum) are failed requests on purpose.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`${label} console: ${m.text()}`);
  });
  return p;
}

/** A GraphQL call from the test itself (not the browser): registering invitees, reading their outbox. */
async function api<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(`${inject('baseUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

async function register(who: { name: string; email: string }) {
  await api('mutation($input: RegisterInput!) { register(input: $input) { nextStep } }', { input: { name: who.name, email: who.email, password } });
}

/** The invitation link mailed to `who` (the development outbox shows a signed-in addressee their own mail). */
async function invitationLink(who: { email: string }): Promise<string> {
  const { login } = await api<{ login: { accessToken: string } }>('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email: who.email, password } });
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const { myDevOutbox } = await api<{ myDevOutbox: Array<{ link: string | null }> | null }>('{ myDevOutbox { kind link } }', {}, login.accessToken);
        link = myDevOutbox?.map((m) => m.link).find((l): l is string => !!l && l.includes('/invitations/accept?token='));
        return !!link;
      },
      { timeout: LONG },
    )
    .toBe(true);
  return link!;
}

async function heading(p: Page, name: string | RegExp) {
  await p.getByRole('heading', { name, level: 1 }).waitFor({ timeout: LONG });
}

async function nav(p: Page, name: string) {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
  await heading(p, name);
}

function switcher(p: Page) {
  return p.getByRole('button', { name: /switch workspace/ });
}

async function fitsWidth(p: Page, width: number) {
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** Opens the invitation link signed out, signs in there and accepts: lands in the owner's workspace. */
async function acceptAs(who: { name: string; email: string }, label: string): Promise<Page> {
  const link = await invitationLink(who);
  const p = await newPage(label);
  await p.goto(link);
  await heading(p, 'Join a workspace');
  await p.getByRole('link', { name: 'I already have an account: sign in' }).click();
  await heading(p, 'Sign in');
  await p.getByLabel('Email').fill(who.email);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  // Back on the invitation, now signed in.
  await p.getByText(`You are signed in as ${who.email}`).waitFor({ timeout: LONG });
  await p.getByRole('button', { name: 'Accept and open the workspace' }).click();
  await heading(p, 'Overview');
  await expect.poll(() => switcher(p).innerText(), { timeout: LONG }).toContain(BRAND);
  return p;
}

beforeAll(async () => {
  browser = await launchBrowser();
  // The invitees have accounts already; they accept signed in.
  await register(editor);
  await register(viewer);
});
afterAll(async () => {
  if (errors.length) console.error(`browser errors:\n${errors.join('\n')}`);
  await browser?.close();
});

describe('a team: owner, editor and viewer', () => {
  it('the owner signs up, sets the brand up with a sandbox account and sees the switcher', async () => {
    ownerPage = await newPage('owner');
    const p = ownerPage;
    await p.goto(`${inject('baseUrl')}/register`);
    await heading(p, 'Create your account');
    await p.getByLabel('Name').fill(owner.name);
    await p.getByLabel('Email').fill(owner.email);
    await p.getByLabel('Password').fill(password);
    await p.getByLabel('Company (optional)').fill(BRAND);
    await p.getByRole('button', { name: 'Create account' }).click();
    await heading(p, 'Now sign in');
    await p.getByRole('link', { name: 'Sign in' }).click();
    await heading(p, 'Sign in');
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await heading(p, 'Welcome, Olivia');
    await p.getByRole('button', { name: 'Save and continue' }).click();
    await p.getByRole('button', { name: 'Connect a Instagram sandbox account' }).click();
    await p.getByText('Connected:').waitFor({ timeout: LONG });
    await p.getByRole('button', { name: 'Continue' }).click();
    await p.getByRole('button', { name: 'Go to your dashboard' }).click();
    await heading(p, 'Overview');
    const current = switcher(p);
    expect(await current.innerText()).toMatch(new RegExp(`${BRAND}[\\s\\S]*You are owner`));
    // Keyboard: Enter opens the list, Escape closes it and focus stays on the switcher.
    await current.focus();
    await p.keyboard.press('Enter');
    const panel = p.getByRole('group', { name: 'Your workspaces' });
    await panel.waitFor({ timeout: LONG });
    expect(await panel.getByRole('button', { name: new RegExp(BRAND) }).getAttribute('aria-current')).toBe('true');
    await p.getByRole('button', { name: '+ New workspace' }).waitFor();
    await screenshot(p, 'team-01-switcher-1440');
    await p.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached', timeout: LONG });
    expect(await current.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('the owner invites an editor and a viewer from the Members page', async () => {
    const p = ownerPage;
    await nav(p, 'Members');
    const members = p.getByRole('list', { name: 'Members' });
    await members.getByText(`${owner.name} (you)`).waitFor({ timeout: LONG });
    const form = p.getByRole('form', { name: 'Invite someone' });
    for (const [who, role] of [
      [editor, 'editor'],
      [viewer, 'viewer'],
    ] as const) {
      await form.getByLabel('Email').fill(who.email);
      await form.getByLabel('Role').selectOption(role);
      await form.getByRole('button', { name: 'Send invitation' }).click();
      await p.getByText(`Invitation sent to ${who.email}.`, { exact: false }).waitFor({ timeout: LONG });
    }
    const pending = p.getByRole('list', { name: 'Pending invitations' });
    await pending.getByText(viewer.email).waitFor({ timeout: LONG });
    await pending.getByText(editor.email).waitFor({ timeout: LONG });
    await p.getByRole('list', { name: 'Audit events' }).getByText(`invited ${viewer.email} as viewer`).waitFor({ timeout: LONG });
    await screenshot(p, 'team-02-members-1440');
  });

  it('the editor accepts signed in, can tag and sync, but neither connect accounts nor invite', async () => {
    const p = await acceptAs(editor, 'editor');
    expect(await switcher(p).innerText()).toContain('You are editor');
    await nav(p, 'Platforms');
    const card = p.getByRole('article').filter({ hasText: 'Instagram' });
    await card.getByRole('button', { name: /^Sync .+ now$/ }).waitFor({ timeout: LONG });
    expect(await card.getByText('Only editors and above can sync an account now.').count()).toBe(0);
    expect(await card.getByRole('button', { name: /^Disconnect / }).count()).toBe(0);
    await p.getByText('Only admins and the owner can connect or disconnect accounts.').waitFor({ timeout: LONG });
    expect(await p.getByRole('button', { name: /sandbox account$/ }).count()).toBe(0);

    await nav(p, 'Posts');
    // The owner's sandbox history is read in the background: posts appear once it has landed.
    const tag = p.getByRole('button', { name: /^Edit categories of/ }).first();
    const deadline = Date.now() + DATA;
    while (!(await tag.isVisible().catch(() => false))) {
      if (Date.now() > deadline) throw new Error('no posts to tag appeared');
      await p.waitForTimeout(3_000);
      await p.reload();
      await heading(p, 'Posts');
    }
    expect(await p.getByText('Only editors and above can tag posts.').count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Export CSV' }).isDisabled()).toBe(false);

    await nav(p, 'Members');
    await p.getByRole('list', { name: 'Members' }).getByText(`${editor.name} (you)`).waitFor({ timeout: LONG });
    await p.getByText('Only admins and the owner can invite and manage members.').waitFor({ timeout: LONG });
    expect(await p.getByRole('form', { name: 'Invite someone' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Leave workspace' }).count()).toBe(1);
  });

  it('the viewer accepts and sees every control that changes data disabled, with the reason', async () => {
    const p = await acceptAs(viewer, 'viewer');
    expect(await switcher(p).innerText()).toContain('You are viewer');
    await nav(p, 'Platforms');
    const sync = p.getByRole('article').filter({ hasText: 'Instagram' }).getByRole('button', { name: /^Sync .+ now$/ });
    await sync.waitFor({ timeout: LONG });
    expect(await sync.isDisabled()).toBe(true);
    const reasonId = await sync.getAttribute('aria-describedby');
    expect(await p.locator(`[id="${reasonId}"]`).innerText()).toContain('Only editors and above can sync an account now.');
    await p.getByText('Only admins and the owner can connect or disconnect accounts.').waitFor({ timeout: LONG });
    await screenshot(p, 'team-03-viewer-platforms-1440');

    await nav(p, 'Posts');
    await p.getByText(/^Showing 1–\d+ of \d+ posts$/).waitFor({ timeout: DATA });
    await p.getByText('Only editors and above can tag posts.').waitFor({ timeout: LONG });
    expect(await p.getByRole('button', { name: /^Edit categories of/ }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Export CSV' }).isDisabled()).toBe(true);
    await screenshot(p, 'team-04-viewer-posts-1440');

    await nav(p, 'Settings');
    await p.getByText('Only admins and the owner can change the brand profile.').waitFor({ timeout: LONG });
    expect(await p.getByLabel('Brand name').isDisabled()).toBe(true);
    await p.getByText('Only editors and above can manage categories.').waitFor({ timeout: LONG });
    expect(await p.getByRole('form', { name: 'Add a category' }).count()).toBe(0);

    await p.setViewportSize({ width: 375, height: 812 });
    await nav(p, 'Posts').catch(async () => {
      // At 375 px the navigation is a drawer behind "Menu".
      await p.getByRole('button', { name: 'Menu' }).click();
      await nav(p, 'Posts');
    });
    await p.getByText('Only editors and above can tag posts.').waitFor({ timeout: LONG });
    await fitsWidth(p, 375);
    await screenshot(p, 'team-05-viewer-posts-375');
    await p.getByRole('button', { name: 'Menu' }).click();
    await nav(p, 'Members');
    await fitsWidth(p, 375);
    await screenshot(p, 'team-06-members-375');
    await p.getByRole('button', { name: 'Menu' }).click();
    await switcher(p).click();
    await p.getByRole('group', { name: 'Your workspaces' }).waitFor({ timeout: LONG });
    await screenshot(p, 'team-07-switcher-375');
    await p.keyboard.press('Escape');
    await p.setViewportSize({ width: 1440, height: 900 });
  });

  it('the viewer switches to their own workspace and back: nothing of the other stays on screen', async () => {
    const p = await browser.contexts().at(-1)!.pages()[0]!;
    await switcher(p).click();
    await p.getByRole('group', { name: 'Your workspaces' }).getByRole('button', { name: /Vera Viewer's workspace/ }).click();
    // Their own workspace is not set up yet, and they own it: onboarding.
    await heading(p, 'Welcome, Vera');
    await switcher(p).click();
    await p.getByRole('group', { name: 'Your workspaces' }).getByRole('button', { name: new RegExp(BRAND) }).click();
    await heading(p, 'Overview');
    expect(await switcher(p).innerText()).toContain('You are viewer');
  });
});
