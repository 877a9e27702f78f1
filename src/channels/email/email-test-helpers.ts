import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import pino from 'pino';
import type { TestTend } from '../../testing/harness.ts';
import { processKey } from './outbound.ts';
import { type SmtpListener, startSmtpListener } from './smtp-listener.ts';

/** Real-world fixtures from /work/shared/datasets/emails (mikel/mail, MIT; mailgun/talon, Apache-2.0). */
export const FIXTURES = '/work/shared/datasets/emails';
export const fixture = (path: string) => readFileSync(`${FIXTURES}/${path}`);

export const testKey = processKey;

export async function addSmtpMailbox(t: TestTend, address: string, teamId: number | null = null): Promise<number> {
  const { rows } = await t.db.query(`INSERT INTO email_mailboxes (address, name, inbound, team_id) VALUES ($1, 'Support', 'smtp', $2) RETURNING id`, [address, teamId]);
  return rows[0].id;
}

export async function listenSmtp(t: TestTend, maxSize = 40 * 1024 * 1024): Promise<SmtpListener> {
  return startSmtpListener(t.db, testKey(), { port: 0, host: '127.0.0.1', maxSize }, pino({ level: 'silent' }));
}

/** A real SMTP client talking to the listener over loopback. */
export function smtpClient(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false });
}

/** Sends a raw RFC 5322 mail as-is. */
export function sendRaw(port: number, raw: Buffer | string, from: string, to: string[]) {
  return smtpClient(port).sendMail({ envelope: { from, to }, raw });
}
