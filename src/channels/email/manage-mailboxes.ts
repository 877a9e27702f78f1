import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { deleteMailboxRow, insertMailbox, type Mailbox, type MailboxColumns, selectMailbox, selectMailboxes, updateMailboxRow } from './email.queries.ts';
import { smtpRelayUrl } from './email-settings.ts';
import { seal, unseal } from './secret-box.ts';

export interface MailboxInput {
  address?: string;
  name?: string;
  teamId?: number | null;
  inbound?: 'smtp' | 'imap';
  imap?: { host: string; port?: number; tls?: boolean; user: string; password?: string; folder?: string; after?: 'seen' | 'move'; moveTo?: string | null } | null;
  smtp?: { host: string; port?: number; secure?: boolean; user?: string | null; password?: string | null } | null;
  active?: boolean;
}

/** A mailbox as admins see it: whether passwords are set, never the passwords; and how its replies go out. */
export interface MailboxView extends Omit<Mailbox, 'credentials' | 'imapUidValidity' | 'imapLastUid'> {
  hasImapPassword: boolean;
  hasSmtpPassword: boolean;
  outgoing: 'own' | 'relay' | 'none';
}

export interface MailboxSecrets {
  imapPassword?: string;
  smtpPassword?: string;
}

export function mailboxSecrets(key: Buffer, mailbox: Mailbox): MailboxSecrets {
  return mailbox.credentials ? (JSON.parse(unseal(key, mailbox.credentials)) as MailboxSecrets) : {};
}

/** How a mailbox's replies go out: its own SMTP server, else the server-wide SMTP_URL relay, else not at all. */
export const outgoingOf = (mailbox: Mailbox): MailboxView['outgoing'] => (mailbox.smtp.host ? 'own' : smtpRelayUrl() ? 'relay' : 'none');

export function viewOf(key: Buffer, mailbox: Mailbox): MailboxView {
  const { credentials: _sealed, imapUidValidity: _v, imapLastUid: _u, ...rest } = mailbox;
  const secrets = mailboxSecrets(key, mailbox);
  return { ...rest, hasImapPassword: !!secrets.imapPassword, hasSmtpPassword: !!secrets.smtpPassword, outgoing: outgoingOf(mailbox) };
}

function columnsOf(key: Buffer, input: MailboxInput, existing: Mailbox | null): MailboxColumns {
  const columns: MailboxColumns = { name: input.name?.trim(), team_id: input.teamId, inbound: input.inbound, active: input.active };
  if (input.address !== undefined) {
    const address = input.address.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) throw invalid('address', 'address must be an email address');
    columns.address = address;
  }
  const secrets = existing ? mailboxSecrets(key, existing) : {};
  if (input.imap !== undefined) {
    const imap = input.imap;
    Object.assign(columns, {
      imap_host: imap?.host ?? null,
      imap_port: imap ? (imap.port ?? (imap.tls === false ? 143 : 993)) : null,
      imap_tls: imap?.tls ?? true,
      imap_user: imap?.user ?? null,
      imap_folder: imap?.folder ?? 'INBOX',
      imap_after: imap?.after ?? 'seen',
      imap_move_to: imap?.moveTo ?? null,
    });
    if (imap === null) delete secrets.imapPassword;
    else if (imap.password !== undefined) secrets.imapPassword = imap.password;
    if (imap?.after === 'move' && !imap.moveTo) throw invalid('imap.moveTo', 'name the folder to move fetched mail to');
  }
  if (input.smtp !== undefined) {
    const smtp = input.smtp;
    Object.assign(columns, {
      smtp_host: smtp?.host ?? null,
      smtp_port: smtp ? (smtp.port ?? (smtp.secure ? 465 : 587)) : null,
      smtp_secure: smtp?.secure ?? false,
      smtp_user: smtp?.user ?? null,
    });
    if (smtp === null || smtp.password === null) delete secrets.smtpPassword;
    else if (smtp.password !== undefined) secrets.smtpPassword = smtp.password;
  }
  columns.credentials = Object.keys(secrets).length ? seal(key, JSON.stringify(secrets)) : null;
  return columns;
}

function checkImap(mailbox: Mailbox): void {
  if (mailbox.inbound === 'imap' && (!mailbox.imap.host || !mailbox.imap.user)) throw invalid('imap', 'an IMAP mailbox needs imap.host and imap.user');
}

const auditView = (m: Mailbox) => ({ address: m.address, inbound: m.inbound, teamId: m.teamId, imapHost: m.imap.host, smtpHost: m.smtp.host, active: m.active });
const duplicate = (error: unknown) => {
  if ((error as { code?: string }).code === '23505') throw conflict('a mailbox with this address exists', 'address');
  if ((error as { code?: string }).code === '23503') throw invalid('teamId', 'no such team');
  throw error;
};

export async function createMailbox(ctx: Ctx, key: Buffer, input: MailboxInput): Promise<MailboxView> {
  requirePermission(ctx.actor, 'settings.manage');
  if (!input.address) throw invalid('address', 'address is required');
  const columns = columnsOf(key, { inbound: 'smtp', ...input }, null);
  return withTransaction(ctx.db, async (tx) => {
    const mailbox = await insertMailbox(tx, columns).catch(duplicate);
    checkImap(mailbox);
    await recordAudit(tx, ctx.actor, { action: 'email_mailbox.created', entityType: 'email_mailbox', entityId: mailbox.id, after: auditView(mailbox) });
    return viewOf(key, mailbox);
  });
}

export async function updateMailbox(ctx: Ctx, key: Buffer, id: number, input: MailboxInput): Promise<MailboxView> {
  requirePermission(ctx.actor, 'settings.manage');
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectMailbox(tx, id);
    if (!before) throw notFound('mailbox');
    const mailbox = (await updateMailboxRow(tx, id, columnsOf(key, input, before)).catch(duplicate)) as Mailbox;
    checkImap(mailbox);
    await recordAudit(tx, ctx.actor, { action: 'email_mailbox.updated', entityType: 'email_mailbox', entityId: id, before: auditView(before), after: auditView(mailbox) });
    return viewOf(key, mailbox);
  });
}

export async function deleteMailbox(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'settings.manage');
  await withTransaction(ctx.db, async (tx) => {
    const before = await selectMailbox(tx, id);
    if (!before || !(await deleteMailboxRow(tx, id))) throw notFound('mailbox');
    await recordAudit(tx, ctx.actor, { action: 'email_mailbox.deleted', entityType: 'email_mailbox', entityId: id, before: auditView(before) });
  });
}

export async function listMailboxes(ctx: Ctx, key: Buffer): Promise<MailboxView[]> {
  requirePermission(ctx.actor, 'settings.manage');
  return (await selectMailboxes(ctx.db)).map((m) => viewOf(key, m));
}
