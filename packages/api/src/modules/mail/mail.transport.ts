import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import { encryptSecret } from '../../lib/crypto.js';
import { log } from '../../lib/logger.js';
import { MailMessageModel } from './mail-message.model.js';

export type MailKind = 'verify_email' | 'password_reset' | 'invitation' | 'notice' | 'report' | 'alert';

/** A file sent with a mail (nodemailer's attachment with its bytes in memory). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative of `text` (the plain text part is always sent too). */
  html?: string;
  kind: MailKind;
  attachments?: MailAttachment[];
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

/** Where mail goes: SMTP when SMTP_URL is set, otherwise the development outbox. */
export interface MailTransport {
  readonly name: 'smtp' | 'outbox' | string;
  send(mail: OutgoingMail): Promise<void>;
}

/** "jane@example.com" → "j***@example.com": enough to recognise in a log, not to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export class SmtpTransport implements MailTransport {
  readonly name = 'smtp';
  private readonly transporter: nodemailer.Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transporter = nodemailer.createTransport(url);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      ...(mail.attachments?.length ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) } : {}),
      ...(mail.headers ? { headers: mail.headers } : {}),
    });
    log.info(`mail: sent "${mail.subject}" to ${maskEmail(mail.to)}`, { kind: mail.kind });
  }
}

/**
 * The development outbox: the message is stored with its body encrypted (its links hold tokens)
 * and one line is logged; of attachments, their names, types and sizes are kept (not the bytes). Only the addressee reads it back (signed in, outside production: the
 * `myDevOutbox` query). The log line never carries the body.
 */
export class OutboxTransport implements MailTransport {
  readonly name = 'outbox';

  async send(mail: OutgoingMail): Promise<void> {
    const doc = await MailMessageModel.create({
      to: mail.to,
      subject: mail.subject,
      kind: mail.kind,
      textEnc: encryptSecret(mail.text),
      attachments: (mail.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.content.length })),
    });
    log.info(`mail: "${mail.subject}" for ${maskEmail(mail.to)} kept in the dev outbox (no SMTP_URL); its addressee sees it after signing in`, {
      kind: mail.kind,
      messageId: doc._id.toHexString(),
    });
  }
}

const transports = new Map<string, MailTransport>();
let override: MailTransport | undefined;

/** The transport for this configuration (one per SMTP_URL, created on first use). */
export function mailTransport(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): MailTransport {
  if (override) return override;
  const key = config.SMTP_URL ?? '';
  let t = transports.get(key);
  if (!t) {
    t = config.SMTP_URL ? new SmtpTransport(config.SMTP_URL, config.MAIL_FROM) : new OutboxTransport();
    transports.set(key, t);
  }
  return t;
}

/** Replaces the transport (tests); `undefined` restores the configured one. */
export function setMailTransport(transport: MailTransport | undefined): void {
  override = transport;
}
