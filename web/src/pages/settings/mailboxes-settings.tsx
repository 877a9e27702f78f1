import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CheckboxField, errorText, FieldGroup, FieldRow, Form, FormDialog, NumberField, SecretField, SelectField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { relativeTime } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { Mailbox } from '../../lib/types.ts';
import { idOrNull, optionOf, useTeamOptions } from './settings-data.ts';
import { AddButton, cell, ErrorNote, Pill, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEY = ['settings', 'mailboxes'];

function draftOf(m: Mailbox | null) {
  return {
    address: m?.address ?? '',
    name: m?.name ?? '',
    teamId: optionOf(m?.teamId),
    active: m?.active ?? true,
    inbound: m?.inbound ?? 'smtp',
    imap: { host: m?.imap.host ?? '', port: m?.imap.port ?? null, tls: m?.imap.tls ?? true, user: m?.imap.user ?? '', password: '', folder: m?.imap.folder ?? 'INBOX', after: m?.imap.after ?? 'seen', moveTo: m?.imap.moveTo ?? '' },
    smtp: { host: m?.smtp.host ?? '', port: m?.smtp.port ?? null, secure: m?.smtp.secure ?? false, user: m?.smtp.user ?? '', password: '' },
  };
}
type Draft = ReturnType<typeof draftOf>;

/** Only what the form holds: a blank password keeps the stored one (the API never sends it back). */
function bodyOf(d: Draft) {
  const { imap, smtp } = d;
  return {
    address: d.address,
    name: d.name,
    teamId: idOrNull(d.teamId),
    active: d.active,
    inbound: d.inbound,
    imap:
      d.inbound === 'imap'
        ? { host: imap.host, ...(imap.port ? { port: imap.port } : {}), tls: imap.tls, user: imap.user, folder: imap.folder || 'INBOX', after: imap.after, moveTo: imap.after === 'move' ? imap.moveTo : null, ...(imap.password ? { password: imap.password } : {}) }
        : null,
    smtp: smtp.host.trim() ? { host: smtp.host, ...(smtp.port ? { port: smtp.port } : {}), secure: smtp.secure, user: smtp.user || null, ...(smtp.password ? { password: smtp.password } : {}) } : null,
  };
}

function MailboxForm({ mailbox, onDone }: { mailbox: Mailbox | null; onDone: () => void }) {
  const teams = useTeamOptions('No team (unassigned)');
  const [d, setD] = useState(() => draftOf(mailbox));
  const imap = (patch: Partial<Draft['imap']>) => setD({ ...d, imap: { ...d.imap, ...patch } });
  const smtp = (patch: Partial<Draft['smtp']>) => setD({ ...d, smtp: { ...d.smtp, ...patch } });
  const save = useSave('/email/mailboxes', KEY, mailbox?.id, onDone);
  return (
    <Form onSubmit={() => save.mutate(bodyOf(d))} pending={save.isPending} error={save.error} submitLabel={mailbox ? 'Save mailbox' : 'Add mailbox'} onCancel={onDone} fields={['address', 'name', 'teamId', 'imap', 'smtp']}>
      <FieldRow>
        <TextField label="Address" name="address" type="email" required value={d.address} onChange={(address) => setD({ ...d, address })} placeholder="support@example.com" />
        <TextField label="Sender name" name="name" value={d.name} onChange={(name) => setD({ ...d, name })} hint="Shown as the From name on replies." />
      </FieldRow>
      <FieldRow>
        <SelectField label="New tickets go to team" name="teamId" value={d.teamId} onChange={(teamId) => setD({ ...d, teamId })} options={teams.options} />
        <SelectField
          label="How mail arrives"
          value={d.inbound}
          onChange={(inbound) => setD({ ...d, inbound: inbound as Draft['inbound'] })}
          options={[
            { value: 'smtp', label: 'Forwarded to Tend (SMTP)' },
            { value: 'imap', label: 'Fetched from a mailbox (IMAP)' },
          ]}
        />
      </FieldRow>
      {d.inbound === 'smtp' ? (
        <p className="rounded-md bg-stone-50 px-3 py-2 text-xs text-stone-600">Forward this address to Tend’s SMTP listener (or point its MX record at Tend). Mail to the address is filed as soon as Tend accepts it.</p>
      ) : (
        <FieldGroup title="IMAP" description="Tend signs in and fetches new mail; IDLE is used when the server offers it.">
          <FieldRow>
            <TextField label="IMAP host" name="imap.host" required value={d.imap.host} onChange={(host) => imap({ host })} placeholder="imap.example.com" />
            <NumberField label="IMAP port" name="imap.port" value={d.imap.port} onChange={(port) => imap({ port })} min={1} max={65535} placeholder={d.imap.tls ? '993' : '143'} />
          </FieldRow>
          <FieldRow>
            <TextField label="IMAP user" name="imap.user" required value={d.imap.user} onChange={(user) => imap({ user })} autoComplete="off" />
            <SecretField label="IMAP password" name="imap.password" stored={!!mailbox?.hasImapPassword} value={d.imap.password} onChange={(password) => imap({ password })} />
          </FieldRow>
          <CheckboxField label="Use TLS" checked={d.imap.tls} onChange={(tls) => imap({ tls })} />
          <FieldRow>
            <TextField label="Folder" name="imap.folder" value={d.imap.folder} onChange={(folder) => imap({ folder })} />
            <SelectField
              label="After fetching"
              name="imap.after"
              value={d.imap.after}
              onChange={(after) => imap({ after: after as Draft['imap']['after'] })}
              options={[
                { value: 'seen', label: 'Mark as read' },
                { value: 'move', label: 'Move to a folder' },
              ]}
            />
            {d.imap.after === 'move' && <TextField label="Move to folder" name="imap.moveTo" required value={d.imap.moveTo} onChange={(moveTo) => imap({ moveTo })} />}
          </FieldRow>
        </FieldGroup>
      )}
      <FieldGroup title="Outgoing mail (SMTP)" description="Replies from this address are sent through this server. Without one they go through the server-wide relay (SMTP_URL) if Tend has one; the mailbox list shows which.">
        <FieldRow>
          <TextField label="SMTP host" name="smtp.host" value={d.smtp.host} onChange={(host) => smtp({ host })} placeholder="smtp.example.com" />
          <NumberField label="SMTP port" name="smtp.port" value={d.smtp.port} onChange={(port) => smtp({ port })} min={1} max={65535} placeholder={d.smtp.secure ? '465' : '587'} />
        </FieldRow>
        <FieldRow>
          <TextField label="SMTP user" name="smtp.user" value={d.smtp.user} onChange={(user) => smtp({ user })} autoComplete="off" />
          <SecretField label="SMTP password" name="smtp.password" stored={!!mailbox?.hasSmtpPassword} value={d.smtp.password} onChange={(password) => smtp({ password })} />
        </FieldRow>
        <CheckboxField label="TLS from the start (port 465)" hint="Otherwise STARTTLS is used when the server offers it." checked={d.smtp.secure} onChange={(secure) => smtp({ secure })} />
      </FieldGroup>
      <CheckboxField label="Active" hint="A paused mailbox neither receives nor is fetched." checked={d.active} onChange={(active) => setD({ ...d, active })} />
    </Form>
  );
}

export default function MailboxesSettings() {
  const mailboxes = useQuery({ queryKey: KEY, queryFn: () => api.get<{ data: Mailbox[] }>('/email/mailboxes') });
  const teams = useTeamOptions();
  const editor = useEditor<Mailbox>();
  const remove = useAction((id: number) => api.delete(`/email/mailboxes/${id}`), KEY);
  return (
    <>
      <SettingsHeader title="Email mailboxes" description="The addresses customers write to. Each is received over SMTP or fetched over IMAP; passwords are stored encrypted and never shown again." action={<AddButton onClick={editor.create}>Add mailbox</AddButton>} />
      <ErrorNote message={errorText(remove.error ?? mailboxes.error)} />
      <Table label="Mailboxes" head={['Address', 'Arrives by', 'Replies via', 'Team', 'Status', '']} empty="No mailboxes yet." loading={mailboxes.isPending}>
        {(mailboxes.data?.data ?? []).map((m) => (
          <tr key={m.id}>
            <td className={cell}>
              <span className="font-medium">{m.address}</span>
              {m.name && <span className="block text-xs text-stone-500">{m.name}</span>}
            </td>
            <td className={`${cell} text-stone-600`}>{m.inbound === 'imap' ? `IMAP ${m.imap.host ?? ''}` : 'SMTP (forwarded)'}</td>
            <td className={`${cell} text-stone-600`}>{m.outgoing === 'own' ? m.smtp.host : m.outgoing === 'relay' ? 'Server relay (SMTP_URL)' : <Pill tone="amber">Not set</Pill>}</td>
            <td className={`${cell} text-stone-600`}>{teams.nameOf(m.teamId)}</td>
            <td className={cell}>
              {!m.active ? <Pill tone="grey">Paused</Pill> : m.status === 'failed' ? <Pill tone="red">Failing</Pill> : <Pill tone="green">Working</Pill>}
              {m.lastError && (
                <span className="mt-1 block max-w-56 text-xs text-red-700" title={m.lastError}>
                  {m.lastError}
                  {m.lastErrorAt && <span className="text-stone-400"> · {relativeTime(m.lastErrorAt)}</span>}
                </span>
              )}
            </td>
            <td className={cell}>
              <RowActions name={m.address} onEdit={() => editor.edit(m)} remove={{ what: 'mailbox', consequence: 'Mail to this address will no longer be filed. Tickets it created stay.', onConfirm: () => remove.mutate(m.id) }} />
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog wide open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.address}` : 'Add a mailbox'}>
        <MailboxForm mailbox={editor.item} onDone={editor.close} />
      </FormDialog>
    </>
  );
}
