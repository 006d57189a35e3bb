import type { Config } from '../../config.js';
import { log } from '../../lib/logger.js';
import { paginate, type Connection } from '../../lib/pagination.js';
import type { Context } from '../../server/context.js';
import { normalizeEmail } from '../users/user.model.js';
import { requireAdmin } from '../users/users.service.js';
import { MailMessageModel, type MailMessage } from './mail-message.model.js';
import { mailTransport, type OutgoingMail } from './mail.transport.js';

interface Recipient {
  email: string;
  name: string;
}

/** A link into the web app, e.g. `/verify-email?token=…`. */
export function webAppLink(config: Pick<Config, 'webAppUrl'>, path: string, token: string): string {
  return `${config.webAppUrl}${path}?token=${encodeURIComponent(token)}`;
}

/**
 * Sends through the configured transport. A failing transport is logged and reported as false:
 * the caller's action (sign-up, reset request) has already happened and the user can ask again.
 */
async function deliver(config: Config, mail: OutgoingMail): Promise<boolean> {
  try {
    await mailTransport(config).send(mail);
    return true;
  } catch (err) {
    log.error('mail: sending failed', { kind: mail.kind, error: err instanceof Error ? err.message : String(err) });
    return false;
  }
}

export function sendVerificationEmail(config: Config, to: Recipient, token: string, validHours: number): Promise<boolean> {
  const link = webAppLink(config, '/verify-email', token);
  return deliver(config, {
    to: to.email,
    kind: 'verify_email',
    subject: 'Confirm your email address for Soash',
    text: [
      `Hello ${to.name},`,
      '',
      'Please confirm your email address by opening this link:',
      link,
      '',
      `The link works for ${validHours} hours. If you did not create a Soash account, ignore this message.`,
    ].join('\n'),
  });
}

export function sendPasswordResetEmail(config: Config, to: Recipient, token: string, validMinutes: number): Promise<boolean> {
  const link = webAppLink(config, '/reset-password', token);
  return deliver(config, {
    to: to.email,
    kind: 'password_reset',
    subject: 'Reset your Soash password',
    text: [
      `Hello ${to.name},`,
      '',
      'Someone (hopefully you) asked to reset the password of your Soash account. Choose a new one here:',
      link,
      '',
      `The link works once, for ${validMinutes} minutes. If you did not ask for this, ignore this message: your password stays as it is.`,
    ].join('\n'),
  });
}

/** The development outbox, newest first (admins only). */
export async function listOutbox(ctx: Context, args: { to?: string | null; first?: number; after?: string }): Promise<Connection<MailMessage>> {
  await requireAdmin(ctx);
  return paginate({
    model: MailMessageModel,
    filter: args.to ? { to: normalizeEmail(args.to) } : {},
    sortField: 'createdAt',
    direction: 'desc',
    first: args.first,
    after: args.after,
  });
}
