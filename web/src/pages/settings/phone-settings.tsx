import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CheckboxField, CopyField, DurationField, errorText, FieldRow, Form, FormDialog, OneTimeSecret, SelectField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { button } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { CallbackQueue, PhoneChannel } from '../../lib/types.ts';
import { CALLBACK_QUEUES_KEY, idOrNull, minutesText, NONE, optionOf, useAgentOptions, useAgents, useCallbackQueues, useTeamOptions, webhookUrl } from './settings-data.ts';
import { ActivePill, ActiveToggle, AddButton, cell, ErrorNote, RowActions, SettingsHeader, SubSection, Table } from './settings-ui.tsx';


function CallbackQueueForm({ queue, onDone }: { queue: CallbackQueue | null; onDone: () => void }) {
  const teams = useTeamOptions('No team');
  const agents = useAgentOptions();
  const [d, setD] = useState({ name: queue?.name ?? '', maxWaitMinutes: queue ? Math.round(queue.maxWaitSeconds / 60) : 30, leadUserId: optionOf(queue?.leadUserId), teamId: optionOf(queue?.teamId) });
  const save = useSave('/phone/callback-queues', CALLBACK_QUEUES_KEY, queue?.id, onDone);
  const body = { name: d.name, maxWaitSeconds: (d.maxWaitMinutes ?? 0) * 60, leadUserId: idOrNull(d.leadUserId), teamId: idOrNull(d.teamId) };
  return (
    <Form onSubmit={() => save.mutate(body)} pending={save.isPending} error={save.error} submitLabel={queue ? 'Save queue' : 'Add queue'} onCancel={onDone} fields={['name', 'maxWaitSeconds', 'leadUserId', 'teamId']}>
      <TextField label="Name" name="name" required value={d.name} onChange={(name) => setD({ ...d, name })} />
      <DurationField label="Maximum wait" name="maxWaitSeconds" value={d.maxWaitMinutes} onChange={(maxWaitMinutes) => setD({ ...d, maxWaitMinutes: maxWaitMinutes ?? 0 })} hint="A callback waiting longer is escalated to the lead." />
      <FieldRow>
        <SelectField label="Offered to team" name="teamId" value={d.teamId} onChange={(teamId) => setD({ ...d, teamId })} options={teams.options} />
        <SelectField label="Lead" name="leadUserId" value={d.leadUserId} onChange={(leadUserId) => setD({ ...d, leadUserId })} options={[{ value: NONE, label: 'Nobody' }, ...agents]} />
      </FieldRow>
    </Form>
  );
}

function CallbackQueues() {
  const queues = useCallbackQueues();
  const teams = useTeamOptions();
  const agents = useAgents().data?.data ?? [];
  const editor = useEditor<CallbackQueue>();
  const remove = useAction((id: number) => api.delete(`/phone/callback-queues/${id}`), CALLBACK_QUEUES_KEY);
  return (
    <SubSection title="Callback queues" description="Customers (or agents on their behalf) ask to be called back; the request waits here and is offered to free agents in turn.">
      <div className="flex justify-end">
        <AddButton onClick={editor.create}>Add callback queue</AddButton>
      </div>
      <ErrorNote message={errorText(remove.error ?? queues.error)} />
      <Table label="Callback queues" head={['Queue', 'Maximum wait', 'Team', 'Lead', '']} empty="No callback queues yet." loading={queues.isPending}>
        {(queues.data?.data ?? []).map((q) => (
          <tr key={q.id}>
            <td className={`${cell} font-medium`}>{q.name}</td>
            <td className={cell}>{minutesText(Math.round(q.maxWaitSeconds / 60))}</td>
            <td className={`${cell} text-stone-600`}>{teams.nameOf(q.teamId)}</td>
            <td className={`${cell} text-stone-600`}>{agents.find((a) => a.id === q.leadUserId)?.name ?? '—'}</td>
            <td className={cell}>
              <RowActions name={q.name} onEdit={() => editor.edit(q)} remove={{ what: 'callback queue', consequence: 'Its callback requests are deleted with it.', onConfirm: () => remove.mutate(q.id) }} />
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'Add a callback queue'}>
        <CallbackQueueForm queue={editor.item} onDone={editor.close} />
      </FormDialog>
    </SubSection>
  );
}

const CHANNELS = ['settings', 'phone'];

const EXAMPLE = `POST <webhook address>
X-Tend-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>

{"event": "call.started" | "call.answered" | "call.ended",
 "callId": "…", "direction": "inbound" | "outbound", "phone": "+4930…",
 "agentId": 12, "outcome": "answered", "recordingUrl": "https://…"}`;

type Connected = PhoneChannel & { secret: string };

function PhoneChannelForm({ channel, onDone, onConnected }: { channel: PhoneChannel | null; onDone: () => void; onConnected: (c: Connected) => void }) {
  const teams = useTeamOptions('No team');
  const [d, setD] = useState({ name: channel?.name ?? '', teamId: optionOf(channel?.teamId), active: channel?.active ?? true });
  const save = useSave<object, PhoneChannel | Connected>('/phone/channels', CHANNELS, channel?.id, (c) => {
    if ('secret' in c) onConnected(c);
    onDone();
  });
  const body = { name: d.name, teamId: idOrNull(d.teamId), ...(channel ? { active: d.active } : {}) };
  return (
    <Form onSubmit={() => save.mutate(body)} pending={save.isPending} error={save.error} submitLabel={channel ? 'Save channel' : 'Connect'} onCancel={onDone} fields={['name', 'teamId', 'active']}>
      <TextField label="Provider name" name="name" required value={d.name} onChange={(name) => setD({ ...d, name })} placeholder="e.g. Office PBX" />
      <SelectField label="Call tickets go to team" name="teamId" value={d.teamId} onChange={(teamId) => setD({ ...d, teamId })} options={teams.options} />
      {channel && <CheckboxField label="Active" hint="An inactive channel’s call events are refused; calls already logged stay." checked={d.active} onChange={(active) => setD({ ...d, active })} />}
    </Form>
  );
}

function PhoneChannels() {
  const channels = useQuery({ queryKey: CHANNELS, queryFn: () => api.get<{ data: PhoneChannel[] }>('/phone/channels') });
  const teams = useTeamOptions();
  const editor = useEditor<PhoneChannel>();
  const [connected, setConnected] = useState<Connected | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useAction((id: number) => api.post<{ secret: string }>(`/phone/channels/${id}/rotate-secret`), CHANNELS, (r) => setSecret(r.secret));
  const setActive = useAction(({ id, active }: { id: number; active: boolean }) => api.patch(`/phone/channels/${id}`, { active }), CHANNELS);
  const remove = useAction((id: number) => api.delete(`/phone/channels/${id}`), CHANNELS);
  return (
    <SubSection title="Telephony providers" description="Each provider posts signed call events to its own webhook address.">
      <div className="flex justify-end">
        <AddButton onClick={editor.create}>Connect provider</AddButton>
      </div>
      {connected && (
        <div role="status" className="space-y-3 rounded-lg bg-emerald-50 p-4 ring-1 ring-emerald-200">
          <p className="text-sm text-emerald-900">
            <strong>{connected.name}</strong> is connected. Give your provider these two values. Copy the secret now: it will not be shown again.
          </p>
          <CopyField label="Webhook address" value={webhookUrl(connected.webhookPath)} />
          <CopyField label="Signing secret" value={connected.secret} multiline />
          <button type="button" className={button.ghost} onClick={() => setConnected(null)}>
            Done
          </button>
        </div>
      )}
      {secret && <OneTimeSecret label="New signing secret" value={secret} onDismiss={() => setSecret(null)} />}
      <ErrorNote message={errorText(rotate.error ?? setActive.error ?? remove.error ?? channels.error)} />
      <Table label="Telephony providers" head={['Provider', 'Team', 'Webhook address', '']} empty="No telephony provider connected yet." loading={channels.isPending}>
        {(channels.data?.data ?? []).map((c) => (
          <tr key={c.id}>
            <td className={cell}>
              <span className="font-medium">{c.name}</span>
              <span className="mt-1 block">
                <ActivePill active={c.active} />
              </span>
            </td>
            <td className={`${cell} text-stone-600`}>{teams.nameOf(c.teamId)}</td>
            <td className={`${cell} w-64 max-w-64`}>
              <CopyField labelHidden label={`Webhook address for ${c.name}`} value={webhookUrl(c.webhookPath)} />
            </td>
            <td className={cell}>
              <RowActions
                name={c.name}
                onEdit={() => editor.edit(c)}
                rotate={{ what: 'signing secret', consequence: 'The old secret stops working at once: the provider’s call events are refused until it signs with the new one.', onConfirm: () => rotate.mutate(c.id) }}
                remove={{ what: 'telephony provider', consequence: 'Only a provider no call came through can be deleted; deactivate one with calls instead.', onConfirm: () => remove.mutate(c.id) }}
              >
                <ActiveToggle name={c.name} active={c.active} consequence="Its call events are refused from now on. Calls and tickets it logged stay." onChange={(active) => setActive.mutate({ id: c.id, active })} />
              </RowActions>
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'Connect a telephony provider'}>
        <PhoneChannelForm channel={editor.item} onDone={editor.close} onConnected={setConnected} />
      </FormDialog>
    </SubSection>
  );
}

export default function PhoneSettings() {
  return (
    <>
      <SettingsHeader
        title="Phone"
        description="Connect a telephony or CTI system: it reports calls to Tend, which logs them on the caller’s customer record and opens or updates a phone ticket. Agents can also log calls by hand from a ticket."
      />
      <PhoneChannels />
      <SubSection title="What the provider sends" description="One signed JSON request per call event; the same callId ties the events of one call together.">
        <pre className="overflow-x-auto rounded-lg bg-white p-4 font-mono text-xs text-stone-700 ring-1 ring-stone-200">{EXAMPLE}</pre>
      </SubSection>
      <CallbackQueues />
    </>
  );
}
