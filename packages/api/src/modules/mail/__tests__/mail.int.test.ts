import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { latestMailToken, registerViaApi, uniqueEmail } from '../../../../test/helpers/auth.js';
import { createUser } from '../../../../test/helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { configureLogger } from '../../../lib/logger.js';
import { MailMessageModel } from '../mail-message.model.js';
import { devOutboxOpen } from '../mail.service.js';
import { mailTransport, maskEmail, setMailTransport } from '../mail.transport.js';

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

const OUTBOX = '{ myDevOutbox { id to subject text link kind createdAt } }';

describe('mail: successful cases', () => {
  it('without SMTP_URL mail goes to the outbox, and each addressee sees only their own mail and link', async () => {
    const email = uniqueEmail('outbox');
    const reg = await registerViaApi(server, { email });
    await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: email });
    const other = await registerViaApi(server);

    const mine = await server.gql(OUTBOX, {}, reg.accessToken);
    expect(mine.body.errors).toBeUndefined();
    const messages = mine.body.data!.myDevOutbox as Array<{ to: string; kind: string; text: string; link: string }>;
    expect(messages.map((m) => m.kind)).toEqual(['password_reset', 'verify_email']);
    expect(messages.every((m) => m.to === email)).toBe(true);
    const verify = messages[1]!;
    expect(verify.link).toBe(`${server.config.webAppUrl}/verify-email?token=${encodeURIComponent(await latestMailToken(email, 'verify_email'))}`);
    expect(verify.text).toContain(verify.link);

    // Another account sees only its own verification mail.
    const theirs = await server.gql(OUTBOX, {}, other.accessToken);
    expect((theirs.body.data!.myDevOutbox as Array<{ to: string }>).map((m) => m.to)).toEqual([other.email]);
  });

  it('admins get no way to read other people\'s mail', async () => {
    const email = uniqueEmail('victim');
    await registerViaApi(server, { email });
    await server.gql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: email });
    const { token } = await createUser({ role: 'admin' });
    // The former admin outbox query is gone from the schema.
    const old = await server.gql('{ mailOutbox(first: 5) { edges { node { text } } } }', {}, token);
    expect(old.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The admin's own outbox holds only mail to the admin.
    const own = await server.gql(OUTBOX, {}, token);
    expect(own.body.data).toEqual({ myDevOutbox: [] });
    const resetToken = await latestMailToken(email, 'password_reset');
    expect(JSON.stringify([old.body, own.body])).not.toContain(resetToken);
  });

  it('the stored message keeps its body encrypted: no link token in the database', async () => {
    const email = uniqueEmail('enc');
    await registerViaApi(server, { email });
    const token = await latestMailToken(email, 'verify_email');
    const raw = await MailMessageModel.collection.findOne({ to: email });
    expect(raw).toMatchObject({ to: email, kind: 'verify_email', textEnc: expect.stringMatching(/^v1\./) });
    expect(raw).not.toHaveProperty('text');
    expect(JSON.stringify(raw)).not.toContain(token);
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
  it('with SMTP_URL or in production the outbox shows nothing (null), and it always needs a sign-in', async () => {
    const anon = await server.gql(OUTBOX);
    expect(anon.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reg = await registerViaApi(server);
    const variants: Array<Record<string, string>> = [{ SMTP_URL: 'smtp://127.0.0.1:2525' }, { NODE_ENV: 'production' }];
    for (const overrides of variants) {
      const other = await startTestServer(overrides);
      try {
        const { body } = await other.gql(OUTBOX, {}, reg.accessToken);
        expect({ ...body, extensions: undefined }, JSON.stringify(overrides)).toEqual({ data: { myDevOutbox: null } });
      } finally {
        await other.close();
      }
    }
    expect(devOutboxOpen({ SMTP_URL: undefined, isProduction: false })).toBe(true);
    expect(devOutboxOpen({ SMTP_URL: undefined, isProduction: true })).toBe(false);
  });


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
