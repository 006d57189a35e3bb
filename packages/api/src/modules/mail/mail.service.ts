import type { Config } from '../../config.js';
import { decryptSecret } from '../../lib/crypto.js';
import { log } from '../../lib/logger.js';
import type { Context } from '../../server/context.js';
import { viewerUser } from '../users/users.service.js';
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

/**
 * To the owner of an address that someone tried to register again (register answers the same either
 * way, so only the owner learns of it). It carries no token: only where to sign in or reset the
 * password, which also confirms the address.
 */
export function sendSignUpAttemptEmail(config: Config, to: Recipient): Promise<boolean> {
  return deliver(config, {
    to: to.email,
    kind: 'notice',
    subject: 'Someone tried to create a Soash account with your address',
    text: [
      `Hello ${to.name},`,
      '',
      'Someone (maybe you) just tried to create a Soash account with this email address. It already has an account, so nothing was created and nothing on your account changed.',
      '',
      'If it was you, sign in here:',
      `${config.webAppUrl}/login`,
      '',
      'Forgot your password, or never confirmed this address? Reset the password here (that confirms the address too):',
      `${config.webAppUrl}/forgot-password`,
      '',
      'If it was not you, ignore this message: nobody gets into your account with it.',
    ].join('\n'),
  });
}

export interface InvitationMail {
  to: string;
  inviterName: string;
  workspaceName: string;
  role: string;
  token: string;
  validDays: number;
}

/** An invitation into a workspace: the link opens the web app's accept page (sign in or sign up there). */
export function sendInvitationEmail(config: Config, mail: InvitationMail): Promise<boolean> {
  // Names are user input: one line each, so a name cannot add lines to the subject or the body.
  const oneLine = (text: string) => text.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim().slice(0, 120);
  const inviter = oneLine(mail.inviterName);
  const workspace = oneLine(mail.workspaceName);
  const link = webAppLink(config, '/invitations/accept', mail.token);
  return deliver(config, {
    to: mail.to,
    kind: 'invitation',
    subject: `${inviter} invited you to ${workspace} on Soash`,
    text: [
      'Hello,',
      '',
      `${inviter} invited you to join the workspace "${workspace}" on Soash as ${mail.role}.`,
      'Accept the invitation here (sign in with this email address, or create an account with it):',
      link,
      '',
      `The link works once, for ${mail.validDays} days. If you did not expect this invitation, ignore this message.`,
    ].join('\n'),
  });
}

/** To a workspace owner or admin: a webhook endpoint was disabled after a day of failed deliveries. */
export function sendWebhookDisabledEmail(config: Config, to: Recipient, mail: { url: string; workspaceName: string; link: string }): Promise<boolean> {
  const oneLine = (text: string) => text.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim().slice(0, 200);
  const workspace = oneLine(mail.workspaceName);
  return deliver(config, {
    to: to.email,
    kind: 'notice',
    subject: `A webhook endpoint of ${workspace} was disabled`,
    text: [
      `Hello ${to.name},`,
      '',
      `Every delivery to the webhook endpoint ${oneLine(mail.url)} of the workspace "${workspace}" has failed for a day, so Soash stopped sending to it.`,
      'Fix the receiver, then enable the endpoint again in Settings → Webhooks; failed deliveries can be replayed there:',
      mail.link,
    ].join('\n'),
  });
}

/** One alert in an alert mail: the rule's name, the sentence, and a link into the web app. */
export interface AlertMailItem {
  title: string;
  message: string;
  link: string;
  firedAt: Date;
}

/**
 * Alerts of a workspace to one member: a single alert, or the day's digest of several. Names and
 * messages are one line each, so they cannot add lines to the subject or body.
 */
export function sendAlertEmail(config: Config, to: Recipient, mail: { workspaceName: string; items: AlertMailItem[]; digest: boolean }): Promise<boolean> {
  const oneLine = (text: string, max = 300) => text.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim().slice(0, max);
  const workspace = oneLine(mail.workspaceName, 120);
  const first = mail.items[0]!;
  const subject = mail.digest
    ? `${mail.items.length} alert${mail.items.length === 1 ? '' : 's'} in ${workspace} today`
    : `Alert in ${workspace}: ${oneLine(first.title, 100)}`;
  const body = mail.items.flatMap((item) => [`• ${oneLine(item.title, 100)} (${item.firedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)`, `  ${oneLine(item.message, 1000)}`, `  ${item.link}`, '']);
  return deliver(config, {
    to: to.email,
    kind: 'alert',
    subject,
    text: [
      `Hello ${oneLine(to.name, 120)},`,
      '',
      mail.digest ? `These alerts fired in the workspace "${workspace}":` : `An alert fired in the workspace "${workspace}":`,
      '',
      ...body,
      `Change or switch off alerts in Soash under Alerts: ${config.webAppUrl}/alerts`,
    ].join('\n'),
  });
}

/** Whether mail is kept in the development outbox and shown to its addressees (never in production). */
export function devOutboxOpen(config: Pick<Config, 'SMTP_URL' | 'isProduction'>): boolean {
  return !config.SMTP_URL && !config.isProduction;
}

export const DEV_OUTBOX_LIMIT = 20;

/**
 * The viewer's own messages in the development outbox, newest first: this is how a developer
 * without SMTP sees the link a mail would have carried. Only mail addressed to the signed-in
 * viewer's current address; nobody (admins included) reads another person's mail. Null when
 * there is no development outbox (SMTP_URL set, or production).
 */
export async function myDevOutbox(ctx: Context): Promise<MailMessage[] | null> {
  const user = await viewerUser(ctx);
  if (!devOutboxOpen(ctx.config)) return null;
  return MailMessageModel.find({ to: user.email }).sort({ createdAt: -1, _id: -1 }).limit(DEV_OUTBOX_LIMIT).select('+textEnc').lean<MailMessage[]>();
}

/** A stored message's body, decrypted; a message encrypted under a key no longer configured reads as unavailable. */
export function messageText(message: MailMessage): string {
  try {
    return message.textEnc ? decryptSecret(message.textEnc) : '';
  } catch {
    return '(this message can no longer be read: it was encrypted with a key that is not configured any more)';
  }
}

/** The first link into the web app in a message body (what the "check your inbox" notice shows). */
export function messageLink(config: Pick<Config, 'webAppUrl'>, message: MailMessage): string | null {
  for (const m of messageText(message).matchAll(/https?:\/\/\S+/g)) {
    if (m[0].startsWith(`${config.webAppUrl}/`)) return m[0];
  }
  return null;
}

/** One headline number of a scheduled report's summary, already formatted. */
export interface ReportMailKpi {
  label: string;
  value: string;
  /** The change against the comparison period ("+12.5 %"), or null without one. */
  delta: string | null;
}

export interface ReportMail {
  to: string;
  reportName: string;
  workspaceName: string;
  /** "1 Mar – 28 Mar 2026". */
  rangeLabel: string;
  timezone: string;
  kpis: ReportMailKpi[];
  pdf: { filename: string; content: Buffer };
  /** For members: the report in the web app. */
  reportLink?: string;
  /** For outside recipients: the page that removes this address from the schedule, and the one-click endpoint for List-Unsubscribe. */
  unsubscribe?: { pageLink: string; oneClickUrl: string };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * A scheduled report: the PDF attached, a short summary (range, timezone, headline numbers with
 * their change) as HTML and as plain text, the report's link for members, and for outside
 * recipients an unsubscribe link with the List-Unsubscribe headers (one click, RFC 8058).
 */
export function reportMail(mail: ReportMail): OutgoingMail {
  const oneLine = (text: string) => text.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim().slice(0, 120);
  const name = oneLine(mail.reportName);
  const workspace = oneLine(mail.workspaceName);
  const period = `${mail.rangeLabel} (${mail.timezone})`;
  const text = [
    `${name} — ${workspace}`,
    period,
    '',
    ...mail.kpis.map((k) => `${k.label}: ${k.value}${k.delta ? ` (${k.delta})` : ''}`),
    '',
    'The full report is attached as a PDF.',
    ...(mail.reportLink ? ['', 'Open it in Soash:', mail.reportLink, '', 'You get this as a member of the workspace; the report page in Soash lists its schedules.'] : []),
    ...(mail.unsubscribe ? ['', 'To stop getting this report, open:', mail.unsubscribe.pageLink] : []),
  ].join('\n');
  const rows = mail.kpis
    .map(
      (k) =>
        `<tr><td style="padding:6px 12px 6px 0;color:#555">${escapeHtml(k.label)}</td><td style="padding:6px 12px 6px 0;font-weight:600">${escapeHtml(k.value)}</td><td style="padding:6px 0;color:#555">${escapeHtml(k.delta ?? '')}</td></tr>`,
    )
    .join('');
  const html = [
    '<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#111;line-height:1.4">',
    `<h1 style="font-size:20px;margin:0 0 4px">${escapeHtml(name)}</h1>`,
    `<p style="margin:0 0 16px;color:#555">${escapeHtml(workspace)} · ${escapeHtml(period)}</p>`,
    rows ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${rows}</table>` : '',
    '<p>The full report is attached as a PDF.</p>',
    mail.reportLink ? `<p><a href="${escapeHtml(mail.reportLink)}">Open the report in Soash</a></p>` : '',
    mail.unsubscribe
      ? `<p style="font-size:12px;color:#777">You get this report because a Soash user added your address. <a href="${escapeHtml(mail.unsubscribe.pageLink)}">Unsubscribe</a></p>`
      : '',
    '</body></html>',
  ].join('');
  return {
    to: mail.to,
    kind: 'report',
    subject: `${name}: ${mail.rangeLabel}`,
    text,
    html,
    attachments: [{ filename: mail.pdf.filename, contentType: 'application/pdf', content: mail.pdf.content }],
    ...(mail.unsubscribe ? { headers: { 'List-Unsubscribe': `<${mail.unsubscribe.oneClickUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
  };
}
