import nodemailer from 'nodemailer';
import { smtpRelayUrl } from '../channels/email/index.ts';
import { AppError } from '../platform/errors.ts';

/**
 * How the portal mails sign-in links, from the environment: `PORTAL_SMTP_URL`
 * (e.g. smtps://user:pass@smtp.example.com), else the server-wide `SMTP_URL`, and `PORTAL_MAIL_FROM`.
 * Read on each send so that a change needs no restart of anything but the variable's owner.
 */
export interface PortalMailSettings {
  smtpUrl: string | undefined;
  from: string;
}

export function portalMailSettings(publicUrl: string, env: NodeJS.ProcessEnv = process.env): PortalMailSettings {
  return { smtpUrl: env.PORTAL_SMTP_URL || smtpRelayUrl(env), from: env.PORTAL_MAIL_FROM || `support@${new URL(publicUrl).hostname}` };
}

export async function sendPortalMail(settings: PortalMailSettings, mail: { to: string; subject: string; text: string; html: string; fromName: string }): Promise<void> {
  if (!settings.smtpUrl) throw new AppError('unavailable', 'sign-in by email is not set up here (PORTAL_SMTP_URL or SMTP_URL)');
  const transport = nodemailer.createTransport(settings.smtpUrl, { connectionTimeout: 15_000 } as object);
  try {
    await transport.sendMail({ from: { name: mail.fromName, address: settings.from }, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  } finally {
    transport.close();
  }
}
