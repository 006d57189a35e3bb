import { FakeFacebook } from '../facebook/fake-facebook.server.js';
import { FakeLinkedIn } from '../linkedin/fake-linkedin.server.js';

/**
 * The fake Facebook and LinkedIn servers for the browser tests, as a process of its own:
 * `node --import ./test/swc-register.mjs src/connectors/testing/browser-fakes.ts`. It starts
 * both fakes with logins that reach several accounts (so the connect flow goes through the
 * account picker), prints one line of JSON with the environment that points the API at them,
 * and runs until it is stopped.
 *
 * - Facebook: the user manages three Pages, served two per page of `/me/accounts` (so the
 *   adapter has to follow the cursor), and a Business Portfolio owns a fourth.
 * - LinkedIn: the member administers two organizations (ADMINISTRATOR, CONTENT_ADMIN) and is an
 *   ANALYST of a third, which is not offered.
 */
const BROWSER_FB_USER = 'e2e-facebook-user';
const BROWSER_LI_MEMBER = 'e2e-linkedin-member';

async function main(): Promise<void> {
  const facebook = await new FakeFacebook().start();
  for (const id of ['104000000001', '104000000002', '104000000003', '104000000004']) facebook.addPage(id, 6);
  facebook.accountsPageSize = 2;
  facebook.addUser(BROWSER_FB_USER, {
    pages: ['104000000001', '104000000002', '104000000003'],
    businesses: [{ id: '9104000000000', name: 'Jane’s Bakery Group', owned: ['104000000004'], client: [] }],
  });
  facebook.consentAs = BROWSER_FB_USER;

  const linkedin = await new FakeLinkedIn().start();
  for (const id of ['88000001', '88000002', '88000003']) linkedin.addOrg(id, 6);
  linkedin.addMember(BROWSER_LI_MEMBER, [
    { orgId: '88000001', role: 'ADMINISTRATOR' },
    { orgId: '88000002', role: 'CONTENT_ADMIN' },
    { orgId: '88000003', role: 'ANALYST' },
  ]);
  linkedin.consentAs = BROWSER_LI_MEMBER;

  process.stdout.write(`${JSON.stringify({ ...facebook.env(), ...linkedin.env() })}\n`);
  const stop = () => {
    void Promise.allSettled([facebook.close(), linkedin.close()]).then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main().catch((err: unknown) => {
  process.stderr.write(`browser fakes failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
