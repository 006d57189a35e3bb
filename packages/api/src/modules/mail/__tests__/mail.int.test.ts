import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { latestMailToken, registerViaApi, uniqueEmail } from '../../../../test/helpers/auth.js';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { configureLogger } from '../../../lib/logger.js';
import { MailMessageModel } from '../mail-message.model.js';
import { mailTransport, maskEmail, setMailTransport, type OutgoingMail } from '../mail.transport.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  setMailTransport(undefined);
  configureLogger({ level: 'silent' });
});

const OUTBOX = 'query($to: String, $after: String) { mailOutbox(to: $to, first: 2, after: $after) { totalCount edges { node { id to subject text kind createdAt } } pageInfo { hasNextPage endCursor } } }';

describe('mail: successful cases', () => {
  it('without SMTP_URL mail goes to the outbox, which admins can read, filter and page through', async () => {
    const email = uniqueEmail('outbox');
    await registerViaApi(server, { email });
    await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: email });
    await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: email });
    const { token } = await createUser({ role: 'admin' });

    const p1 = await server.gql(OUTBOX, { to: email.toUpperCase() }, token);
    expect(p1.body.errors).toBeUndefined();
    const page1 = p1.body.data!.mailOutbox;
    expect(page1.totalCount).toBe(3);
    expect(page1.edges.map((e: { node: OutgoingMail }) => e.node.kind)).toEqual(['password_reset', 'password_reset']);
    const p2 = await server.gql(OUTBOX, { to: email, after: page1.pageInfo.endCursor }, token);
    const last = p2.body.data!.mailOutbox.edges[0].node;
    expect(last).toMatchObject({ kind: 'verify_email', to: email, subject: expect.stringContaining('Confirm') });
    // The link is readable by admins.
    expect(last.text).toContain(`/verify-email?token=${encodeURIComponent(await latestMailToken(email, 'verify_email'))}`);
  });

  it('logs one line per outbox message, never the body or the token', async () => {
    const lines: string[] = [];
    configureLogger({ level: 'info', write: (l) => lines.push(l) });
    const email = uniqueEmail('logged');
    await registerViaApi(server, { email });
    const token = await latestMailToken(email, 'verify_email');
    const mailLines = lines.filter((l) => l.includes('mail:'));
    expect(mailLines).toHaveLength(1);
    expect(mailLines[0]).toContain('dev outbox');
    expect(mailLines[0]).toContain(maskEmail(email));
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).not.toContain(email);
  });

  it('chooses SMTP when SMTP_URL is set, the outbox otherwise', () => {
    expect(mailTransport({ SMTP_URL: 'smtp://user:pass@127.0.0.1:2525', MAIL_FROM: 'Soash <a@b.test>' }).name).toBe('smtp');
    expect(mailTransport({ SMTP_URL: undefined, MAIL_FROM: 'Soash <a@b.test>' }).name).toBe('outbox');
    expect(maskEmail('jane@example.test')).toBe('j***@example.test');
  });
});

describe('mail: failing cases', () => {
  it('a failing transport does not fail sign-up; the user can ask for the mail again', async () => {
    setMailTransport({
      name: 'broken',
      send: async () => {
        throw new Error('connection refused');
      },
    });
    const email = uniqueEmail('nomail');
    const reg = await registerViaApi(server, { email });
    expect(reg.user.email).toBe(email);
    expect(await MailMessageModel.countDocuments({ to: email })).toBe(0);
    setMailTransport(undefined);
    const again = await server.gql('mutation { resendVerificationEmail }', {}, reg.accessToken);
    expect(again.body.data).toEqual({ resendVerificationEmail: true });
    expect(await MailMessageModel.countDocuments({ to: email })).toBe(1);
  });
});
