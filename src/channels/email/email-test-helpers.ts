import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
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

/** Tend's SMTP listener on a loopback port, with the job worker that files what it stores. */
export async function listenSmtp(t: TestTend, maxSize = 40 * 1024 * 1024): Promise<SmtpListener> {
  await t.startWorker();
  return startSmtpListener(t.db, { port: 0, host: '127.0.0.1', maxSize }, pino({ level: 'silent' }));
}

/** A real SMTP client talking to the listener over loopback. */
export function smtpClient(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false });
}

/** Sends a raw RFC 5322 mail as-is. */
export function sendRaw(port: number, raw: Buffer | string, from: string, to: string[]) {
  return smtpClient(port).sendMail({ envelope: { from, to }, raw });
}

/**
 * Waits until the filing job has filed the mail that a 250 acknowledged (its answer names the stored
 * row: "stored as #id"), and answers with that answer.
 */
export async function filed<T extends { response: string }>(t: TestTend, sent: Promise<T>): Promise<T> {
  const info = await sent;
  const id = Number(/stored as #(\d+)/.exec(info.response)?.[1]);
  for (const started = Date.now(); ; await sleep(20)) {
    const { rows } = await t.db.query(`SELECT status FROM email_inbound WHERE id = $1`, [id]);
    if (rows[0] && rows[0].status !== 'received') return info;
    if (Date.now() - started > 20_000) throw new Error(`mail #${id} (${info.response}) was not filed within 20 s`);
  }
}
