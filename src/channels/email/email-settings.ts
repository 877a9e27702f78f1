/** The email channel's process settings, from the environment. */
export interface EmailSettings {
  smtpPort: number;
  smtpHost: string;
  /** Largest inbound mail in bytes (`SMTP_MAX_BYTES`, default 40 MB: a 25 MB attachment, base64-encoded, fits). */
  smtpMaxSize: number;
  smtpTlsCert: string | undefined;
  smtpTlsKey: string | undefined;
  /** How often IMAP mailboxes without IDLE are polled, and a failed one retried. */
  imapPollMs: number;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

export function emailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): EmailSettings {
  return {
    smtpPort: intFromEnv(env, 'SMTP_PORT', 2525),
    smtpHost: env.SMTP_HOST || env.HOST || '0.0.0.0',
    smtpMaxSize: intFromEnv(env, 'SMTP_MAX_BYTES', 40 * 1024 * 1024),
    smtpTlsCert: env.SMTP_TLS_CERT || undefined,
    smtpTlsKey: env.SMTP_TLS_KEY || undefined,
    imapPollMs: intFromEnv(env, 'IMAP_POLL_SECONDS', 60) * 1000,
  };
}

/**
 * The server-wide relay (`SMTP_URL`, e.g. smtps://user:pass@smtp.example.com) that a mailbox without
 * its own outgoing server sends through. Read at each use, like the portal's, so it is never stale.
 */
export const smtpRelayUrl = (env: NodeJS.ProcessEnv = process.env) => env.SMTP_URL || undefined;
