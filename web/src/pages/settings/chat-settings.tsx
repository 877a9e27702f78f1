import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CheckboxField, ColorField, CopyField, errorText, FieldGroup, FieldRow, Form, FormDialog, OneTimeSecret, SelectField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { api } from '../../lib/api.ts';
import { type ChatChannel, WIDGET_LANGUAGES } from '../../lib/types.ts';
import { idOrNull, optionOf, useCalendarOptions, useCallbackQueueOptions, useTeamOptions } from './settings-data.ts';
import { ActivePill, ActiveToggle, AddButton, cell, ErrorNote, Pill, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEY = ['settings', 'chat'];
const LANGUAGE_LABEL: Record<(typeof WIDGET_LANGUAGES)[number], string> = { auto: 'The visitor’s browser language', en: 'English', de: 'German' };

const DEFAULT_SETTINGS: ChatChannel['settings'] = { color: '#0f766e', greeting: 'Hi! How can we help?', position: 'right', language: 'auto', replyTimeText: '', preChatForm: 'optional', offline: false, businessCalendarId: null, callbackQueueId: null };

function ChatForm({ channel, onDone, onSecret }: { channel: ChatChannel | null; onDone: () => void; onSecret: (secret: string) => void }) {
  const teams = useTeamOptions('No team');
  const calendars = useCalendarOptions('Always (no business hours)');
  const callbackQueues = useCallbackQueueOptions();
  const [d, setD] = useState({ name: channel?.name ?? '', teamId: optionOf(channel?.teamId), active: channel?.active ?? true, settings: channel?.settings ?? DEFAULT_SETTINGS });
  const set = (patch: Partial<ChatChannel['settings']>) => setD({ ...d, settings: { ...d.settings, ...patch } });
  const save = useSave<object, { secret?: string }>('/chat/channels', KEY, channel?.id, (r) => {
    if (r.secret) onSecret(r.secret);
    onDone();
  });
  const body = { name: d.name, teamId: idOrNull(d.teamId), settings: d.settings, ...(channel ? { active: d.active } : {}) };
  return (
    <Form onSubmit={() => save.mutate(body)} pending={save.isPending} error={save.error} submitLabel={channel ? 'Save chat' : 'Add chat'} onCancel={onDone} fields={['name', 'teamId', 'settings']}>
      <FieldRow>
        <TextField label="Name" name="name" required value={d.name} onChange={(name) => setD({ ...d, name })} hint="For you; visitors see it as the widget title." />
        <SelectField label="Chats go to team" name="teamId" value={d.teamId} onChange={(teamId) => setD({ ...d, teamId })} options={teams.options} />
      </FieldRow>
      <FieldGroup title="Look">
        <FieldRow>
          <ColorField label="Colour" name="settings.color" value={d.settings.color} onChange={(color) => set({ color })} />
          <SelectField
            label="Position"
            name="settings.position"
            value={d.settings.position}
            onChange={(position) => set({ position: position as 'left' | 'right' })}
            options={[
              { value: 'right', label: 'Bottom right' },
              { value: 'left', label: 'Bottom left' },
            ]}
          />
          <SelectField label="Language" name="settings.language" value={d.settings.language} onChange={(language) => set({ language: language as ChatChannel['settings']['language'] })} options={WIDGET_LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_LABEL[l] }))} />
        </FieldRow>
        <TextField label="Greeting" name="settings.greeting" value={d.settings.greeting} onChange={(greeting) => set({ greeting })} />
        <TextField label="Reply time" name="settings.replyTimeText" value={d.settings.replyTimeText} onChange={(replyTimeText) => set({ replyTimeText })} placeholder="We usually reply in a few minutes" hint="Shown while you are online." />
        <SelectField
          label="Pre-chat form (name and email)"
          name="settings.preChatForm"
          value={d.settings.preChatForm}
          onChange={(preChatForm) => set({ preChatForm: preChatForm as ChatChannel['settings']['preChatForm'] })}
          options={[
            { value: 'off', label: 'Off' },
            { value: 'optional', label: 'Asked, may be skipped' },
            { value: 'required', label: 'Required before chatting' },
          ]}
        />
      </FieldGroup>
      <FieldGroup title="When it is online" description="Outside these hours, or when switched offline, visitors leave a message that becomes a ticket.">
        <SelectField label="Business hours" name="settings.businessCalendarId" value={optionOf(d.settings.businessCalendarId)} onChange={(v) => set({ businessCalendarId: idOrNull(v) })} options={calendars} />
        <CheckboxField label="Offline now" hint="Take messages only, whatever the hours." checked={d.settings.offline} onChange={(offline) => set({ offline })} />
      </FieldGroup>
      <FieldGroup title="Callbacks" description="Visitors may ask to be called back; the request waits in a phone callback queue until an agent takes it.">
        <SelectField label="Callback queue" name="settings.callbackQueueId" value={optionOf(d.settings.callbackQueueId)} onChange={(v) => set({ callbackQueueId: idOrNull(v) })} options={callbackQueues} hint="Set queues up under Phone." />
      </FieldGroup>
      {channel && <CheckboxField label="Active" hint="An inactive widget tells visitors chat is unavailable and takes nothing; its conversations stay." checked={d.active} onChange={(active) => setD({ ...d, active })} />}
    </Form>
  );
}

export default function ChatSettings() {
  const channels = useQuery({ queryKey: KEY, queryFn: () => api.get<{ data: ChatChannel[] }>('/chat/channels') });
  const teams = useTeamOptions();
  const editor = useEditor<ChatChannel>();
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useAction((id: number) => api.post<{ secret: string }>(`/chat/channels/${id}/rotate-secret`), KEY, (r) => setSecret(r.secret));
  const setActive = useAction(({ id, active }: { id: number; active: boolean }) => api.patch(`/chat/channels/${id}`, { active }), KEY);
  const remove = useAction((id: number) => api.delete(`/chat/channels/${id}`), KEY);
  return (
    <>
      <SettingsHeader title="Website chat" description="Chat widgets for your websites. Paste a widget’s embed code into the page; sign logged-in users with its identity secret (HMAC-SHA256 of their user id)." action={<AddButton onClick={editor.create}>Add chat</AddButton>} />
      {secret && <OneTimeSecret label="Identity secret" value={secret} onDismiss={() => setSecret(null)} />}
      <ErrorNote message={errorText(rotate.error ?? setActive.error ?? remove.error ?? channels.error)} />
      <Table label="Chat widgets" head={['Widget', 'Team', 'Online', 'Embed code', '']} empty="No chat widgets yet." loading={channels.isPending}>
        {(channels.data?.data ?? []).map((c) => (
          <tr key={c.id}>
            <td className={cell}>
              <span className="flex items-center gap-2 font-medium">
                <span aria-hidden className="size-3 rounded-full" style={{ background: c.settings.color }} /> {c.name}
              </span>
              <span className="mt-1 block">
                <ActivePill active={c.active} />
              </span>
            </td>
            <td className={`${cell} text-stone-600`}>{teams.nameOf(c.teamId)}</td>
            <td className={cell}>
              {!c.active ? <Pill tone="grey">Unavailable</Pill> : c.settings.offline ? <Pill tone="grey">Offline</Pill> : <Pill tone="green">{c.settings.businessCalendarId ? 'In business hours' : 'Always'}</Pill>}
            </td>
            <td className={`${cell} w-64 max-w-64`}>
              <CopyField labelHidden label={`Embed code for ${c.name}`} value={c.embedCode} />
            </td>
            <td className={cell}>
              <RowActions
                name={c.name}
                onEdit={() => editor.edit(c)}
                rotate={{ what: 'identity secret', consequence: 'The old secret stops working at once: signed-in visitors are no longer recognised until your website signs with the new one.', onConfirm: () => rotate.mutate(c.id) }}
                remove={{ what: 'chat widget', consequence: 'Only a widget no visitor has used can be deleted; deactivate one with conversations instead.', onConfirm: () => remove.mutate(c.id) }}
              >
                <ActiveToggle name={c.name} active={c.active} consequence="The widget tells visitors chat is unavailable and takes no messages. Its conversations stay in their tickets." onChange={(active) => setActive.mutate({ id: c.id, active })} />
              </RowActions>
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog wide open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'Add a chat widget'}>
        <ChatForm channel={editor.item} onDone={editor.close} onSecret={setSecret} />
      </FormDialog>
    </>
  );
}
