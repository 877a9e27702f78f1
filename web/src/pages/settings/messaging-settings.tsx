import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CheckboxField, CopyField, errorText, FieldGroup, FieldRow, Form, FormDialog, ReadOnlyField, SecretField, SelectField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { api } from '../../lib/api.ts';
import { MESSAGING_KINDS, type MessagingChannel, type MessagingCredential, type MessagingKind } from '../../lib/types.ts';
import { idOrNull, optionOf, useTeamOptions, webhookUrl } from './settings-data.ts';
import { ChannelTemplates } from './messaging-templates.tsx';
import { ActivePill, AddButton, cell, ErrorNote, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEY = ['settings', 'messaging'];

const KIND: Record<MessagingKind, { label: string; account: string; address: string; credentials: { key: MessagingCredential; label: string }[] }> = {
  twilio_sms: { label: 'SMS (Twilio)', account: 'Twilio account SID', address: 'Your number (+4930…)', credentials: [{ key: 'authToken', label: 'Twilio auth token' }] },
  twilio_whatsapp: { label: 'WhatsApp (Twilio)', account: 'Twilio account SID', address: 'Your WhatsApp number (+4930…)', credentials: [{ key: 'authToken', label: 'Twilio auth token' }] },
  meta_whatsapp: {
    label: 'WhatsApp Cloud (Meta)',
    account: 'Phone number ID',
    address: 'Your WhatsApp number (+4930…)',
    credentials: [
      { key: 'accessToken', label: 'Access token' },
      { key: 'appSecret', label: 'App secret' },
      { key: 'verifyToken', label: 'Webhook verify token' },
    ],
  },
  meta_messenger: {
    label: 'Messenger (Facebook page)',
    account: 'Page ID',
    address: 'Page name',
    credentials: [
      { key: 'accessToken', label: 'Page access token' },
      { key: 'appSecret', label: 'App secret' },
      { key: 'verifyToken', label: 'Webhook verify token' },
    ],
  },
};

function ChannelForm({ channel, onDone }: { channel: MessagingChannel | null; onDone: () => void }) {
  const teams = useTeamOptions('No team');
  const [d, setD] = useState({
    kind: channel?.kind ?? ('twilio_sms' as MessagingKind),
    name: channel?.name ?? '',
    accountId: channel?.accountId ?? '',
    address: channel?.address ?? '',
    apiBaseUrl: channel?.apiBaseUrl ?? '',
    teamId: optionOf(channel?.teamId),
    active: channel?.active ?? true,
    credentials: {} as Partial<Record<MessagingCredential, string>>,
  });
  const kind = KIND[d.kind];
  const save = useSave('/messaging/channels', KEY, channel?.id, onDone);
  // Blank credentials keep those stored; only typed ones are sent, and only the ones this kind uses.
  const credentials = Object.fromEntries(kind.credentials.flatMap(({ key }) => (d.credentials[key] ? [[key, d.credentials[key]]] : [])));
  const body = {
    ...(channel ? {} : { kind: d.kind }),
    name: d.name,
    accountId: d.accountId,
    address: d.address,
    apiBaseUrl: d.apiBaseUrl.trim() || null,
    teamId: idOrNull(d.teamId),
    active: d.active,
    ...(channel && Object.keys(credentials).length === 0 ? {} : { credentials }),
  };
  return (
    <Form onSubmit={() => save.mutate(body)} pending={save.isPending} error={save.error} submitLabel={channel ? 'Save channel' : 'Connect'} onCancel={onDone} fields={['kind', 'name', 'accountId', 'address', 'apiBaseUrl', 'teamId', 'credentials']}>
      <FieldRow>
        {channel ? (
          <ReadOnlyField label="Kind" value={kind.label} hint="Fixed once connected." />
        ) : (
          <SelectField label="Kind" name="kind" value={d.kind} onChange={(k) => setD({ ...d, kind: k as MessagingKind, credentials: {} })} options={MESSAGING_KINDS.map((k) => ({ value: k, label: KIND[k].label }))} />
        )}
        <TextField label="Name" name="name" required value={d.name} onChange={(name) => setD({ ...d, name })} />
      </FieldRow>
      <FieldRow>
        <TextField label={kind.account} name="accountId" required value={d.accountId} onChange={(accountId) => setD({ ...d, accountId })} />
        <TextField label={kind.address} name="address" required value={d.address} onChange={(address) => setD({ ...d, address })} />
      </FieldRow>
      <SelectField label="Conversations go to team" name="teamId" value={d.teamId} onChange={(teamId) => setD({ ...d, teamId })} options={teams.options} />
      <FieldGroup title="Credentials">
        {kind.credentials.map(({ key, label }) => (
          <SecretField
            key={key}
            label={label}
            name={`credentials.${key}`}
            required
            stored={!!channel?.credentialsSet.includes(key)}
            value={d.credentials[key] ?? ''}
            onChange={(value) => setD({ ...d, credentials: { ...d.credentials, [key]: value } })}
          />
        ))}
      </FieldGroup>
      <TextField label="Provider API address (optional)" name="apiBaseUrl" type="url" value={d.apiBaseUrl} onChange={(apiBaseUrl) => setD({ ...d, apiBaseUrl })} hint="Only to reach the provider through a proxy or a test double." />
      <CheckboxField label="Active" checked={d.active} onChange={(active) => setD({ ...d, active })} />
      {channel && <CopyField label="Webhook address for the provider" value={webhookUrl(channel.webhookPath)} />}
    </Form>
  );
}

export default function MessagingSettings() {
  const channels = useQuery({ queryKey: KEY, queryFn: () => api.get<{ data: MessagingChannel[] }>('/messaging/channels') });
  const teams = useTeamOptions();
  const editor = useEditor<MessagingChannel>();
  const remove = useAction((id: number) => api.delete(`/messaging/channels/${id}`), KEY);
  return (
    <>
      <SettingsHeader
        title="SMS & social"
        description="Twilio numbers for SMS and WhatsApp, WhatsApp Cloud numbers and Facebook pages. Point the provider’s webhook at the address shown; replies go out through its API."
        action={<AddButton onClick={editor.create}>Connect channel</AddButton>}
      />
      <ErrorNote message={errorText(remove.error ?? channels.error)} />
      <Table label="Messaging channels" head={['Channel', 'Kind', 'Team', 'Webhook address', '']} empty="No SMS, WhatsApp or Messenger channels yet." loading={channels.isPending}>
        {(channels.data?.data ?? []).map((c) => (
          <tr key={c.id}>
            <td className={cell}>
              <span className="font-medium">{c.name}</span>
              <span className="block text-xs text-stone-500">{c.address}</span>
              <span className="mt-1 block">
                <ActivePill active={c.active} />
              </span>
            </td>
            <td className={`${cell} text-stone-600`}>{KIND[c.kind].label}</td>
            <td className={`${cell} text-stone-600`}>{teams.nameOf(c.teamId)}</td>
            <td className={`${cell} w-80 max-w-80`}>
              <CopyField labelHidden label={`Webhook address for ${c.name}`} value={webhookUrl(c.webhookPath)} />
            </td>
            <td className={cell}>
              <RowActions name={c.name} onEdit={() => editor.edit(c)} remove={{ what: 'channel', consequence: 'Messages to this number or page will no longer arrive. Tickets it created stay.', onConfirm: () => remove.mutate(c.id) }} />
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog wide open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'Connect a channel'}>
        <ChannelForm channel={editor.item} onDone={editor.close} />
        {editor.item && (editor.item.kind === 'twilio_whatsapp' || editor.item.kind === 'meta_whatsapp') && (
          <div className="mt-6 border-t border-stone-200 pt-4">
            <ChannelTemplates channelId={editor.item.id} />
          </div>
        )}
      </FormDialog>
    </>
  );
}
