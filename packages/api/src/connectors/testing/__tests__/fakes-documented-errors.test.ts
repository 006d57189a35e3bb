import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeFacebook } from '../../facebook/fake-facebook.server.js';
import { FakeLinkedIn } from '../../linkedin/fake-linkedin.server.js';

/**
 * The Facebook and LinkedIn fakes refuse what the real APIs refuse (each case cites its
 * documentation in the fake): one request per documented error, straight at the fake.
 */
let li: FakeLinkedIn;
let fb: FakeFacebook;
beforeAll(async () => {
  li = await new FakeLinkedIn().start();
  fb = await new FakeFacebook().start();
});
afterAll(async () => {
  await li?.close();
  await fb?.close();
});

/** A LinkedIn member token (through the real OAuth endpoints of the fake). */
async function liToken(member: string): Promise<string> {
  li.consentAs = member;
  const auth = await fetch(`${li.url}/oauth/v2/authorization?client_id=${li.clientId}&redirect_uri=${encodeURIComponent('http://cb.test/')}&state=s`, { redirect: 'manual' });
  const code = new URL(auth.headers.get('location')!).searchParams.get('code')!;
  const res = await fetch(`${li.url}/oauth/v2/accessToken`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: li.clientId, client_secret: li.clientSecret, redirect_uri: 'http://cb.test/' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

function currentVersion(): string {
  const d = new Date();
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const liGet = (path: string, token: string, version: string | null = currentVersion()) =>
  fetch(`${li.url}/rest/${path}`, { headers: { authorization: `Bearer ${token}`, 'x-restli-protocol-version': '2.0.0', ...(version ? { 'linkedin-version': version } : {}) } });

async function fbUserToken(who: string, scope: string): Promise<string> {
  fb.consentAs = who;
  const dialog = await fetch(`${fb.url}/v23.0/dialog/oauth?client_id=${fb.appId}&redirect_uri=${encodeURIComponent('http://cb.test/')}&state=s&scope=${scope}`, { redirect: 'manual' });
  const code = new URL(dialog.headers.get('location')!).searchParams.get('code')!;
  const res = await fetch(`${fb.url}/v23.0/oauth/access_token?client_id=${fb.appId}&client_secret=${fb.appSecret}&redirect_uri=${encodeURIComponent('http://cb.test/')}&code=${code}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('fake LinkedIn: documented errors', () => {
  it('no LinkedIn-Version header: 400 VERSION_MISSING; a sunset or future version: 426 NONEXISTENT_VERSION', async () => {
    li.addOrg('99000001', 1);
    const token = await liToken('99000001');
    const missing = await liGet('organizations/99000001', token, null);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'VERSION_MISSING' });
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - 12);
    const old = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    for (const v of [old, '202506', `${new Date().getUTCFullYear() + 1}01`]) {
      const res = await liGet('organizations/99000001', token, v);
      expect(res.status, v).toBe(426);
      expect(await res.json()).toMatchObject({ code: 'NONEXISTENT_VERSION' });
    }
    expect((await liGet('organizations/99000001', token)).status).toBe(200);
  });

  it('statistics of an organisation where the member is only an ANALYST: 403 ACCESS_DENIED', async () => {
    li.addOrg('99000002', 1);
    li.addMember('analyst-member', [{ orgId: '99000002', role: 'ANALYST' }]);
    const token = await liToken('analyst-member');
    const res = await liGet(`organizationalEntityFollowerStatistics?q=organizationalEntity&organizationalEntity=${encodeURIComponent('urn:li:organization:99000002')}`, token);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'ACCESS_DENIED' });
    // The ACL itself is listed (the adapter filters by role).
    const acls = (await (await liGet('organizationAcls?q=roleAssignee', token)).json()) as { elements: Array<{ role: string }> };
    expect(acls.elements.map((e) => e.role)).toEqual(['ANALYST']);
  });

  it('time-bound statistics starting more than 12 months ago: 400', async () => {
    li.addOrg('99000003', 1);
    const token = await liToken('99000003');
    const start = Date.now() - 400 * 86_400_000;
    const res = await liGet(
      `organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${encodeURIComponent('urn:li:organization:99000003')}&timeIntervals=(timeRange:(start:${start},end:${Date.now()}),timeGranularityType:DAY)`,
      token,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'ILLEGAL_ARGUMENT' });
  });
});

describe('fake Facebook: documented errors', () => {
  it('/me/businesses without business_management: (#200)', async () => {
    fb.addPage('105000000001', 1);
    const token = await fbUserToken('105000000001', 'pages_show_list,read_insights');
    const res = await fetch(`${fb.url}/v23.0/me/businesses?access_token=${token}`);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 200 } });
    // /me/accounts needs pages_show_list, which was granted.
    expect((await fetch(`${fb.url}/v23.0/me/accounts?fields=id,name,access_token&access_token=${token}`)).status).toBe(200);
  });

  it('an unknown Login for Business configuration: 400 at the dialog', async () => {
    const res = await fetch(`${fb.url}/v23.0/dialog/oauth?client_id=${fb.appId}&redirect_uri=${encodeURIComponent('http://cb.test/')}&state=s&config_id=123`, { redirect: 'manual' });
    expect(res.status).toBe(400);
  });

  it('a reel has no post /insights (#100); its video_insights refuse unknown metrics (#100)', async () => {
    fb.addPage('105000000002', 0);
    const reel = fb.addReel('105000000002', { plays: 1, reach: 1, reactions: { REACTION_LIKE: 1 }, comments: 0, shares: 0 });
    const user = await fbUserToken('105000000002', 'pages_show_list,pages_read_engagement,read_insights');
    const pages = (await (await fetch(`${fb.url}/v23.0/me/accounts?fields=id,access_token&access_token=${user}`)).json()) as { data: Array<{ access_token: string }> };
    const token = pages.data[0]!.access_token;
    const insights = await fetch(`${fb.url}/v23.0/${reel.postId}/insights/post_media_view?access_token=${token}`);
    expect(insights.status).toBe(400);
    expect(await insights.json()).toMatchObject({ error: { code: 100 } });
    const unknown = await fetch(`${fb.url}/v23.0/${reel.videoId}/video_insights?metric=post_impressions&access_token=${token}`);
    expect(unknown.status).toBe(400);
    const ok = await fetch(`${fb.url}/v23.0/${reel.videoId}/video_insights?metric=post_video_social_actions&access_token=${token}`);
    expect(((await ok.json()) as { data: Array<{ values: Array<{ value: unknown }> }> }).data[0]!.values[0]!.value).toEqual({ COMMENT: 0, SHARE: 0 });
  });

  it('/me/accounts pages through its cursor: paging.next only while more follow', async () => {
    const ids = ['105000000011', '105000000012', '105000000013'];
    for (const id of ids) fb.addPage(id, 0);
    fb.addUser('pager', { pages: ids, businesses: [] });
    fb.accountsPageSize = 2;
    try {
      const token = await fbUserToken('pager', 'pages_show_list');
      const first = (await (await fetch(`${fb.url}/v23.0/me/accounts?access_token=${token}`)).json()) as { data: unknown[]; paging: { next?: string; cursors: { after: string } } };
      expect(first.data).toHaveLength(2);
      expect(first.paging.next).toBeDefined();
      const second = (await (await fetch(`${fb.url}/v23.0/me/accounts?after=${first.paging.cursors.after}&access_token=${token}`)).json()) as { data: unknown[]; paging: { next?: string } };
      expect(second.data).toHaveLength(1);
      expect(second.paging.next).toBeUndefined();
    } finally {
      fb.accountsPageSize = 25;
    }
  });
});
