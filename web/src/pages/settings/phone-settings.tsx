import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CopyField, DurationField, errorText, FieldRow, Form, FormDialog, SelectField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { button } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { CallbackQueue } from '../../lib/types.ts';
import { idOrNull, minutesText, NONE, optionOf, useAgentOptions, useAgents, useTeamOptions, webhookUrl } from './settings-data.ts';
import { AddButton, cell, ErrorNote, RowActions, SettingsHeader, SubSection, Table } from './settings-ui.tsx';

const QUEUES = ['settings', 'callback-queues'];

function CallbackQueueForm({ queue, onDone }: { queue: CallbackQueue | null; onDone: () => void }) {
  const teams = useTeamOptions('No team');
  const agents = useAgentOptions();
  const [d, setD] = useState({ name: queue?.name ?? '', maxWaitMinutes: queue ? Math.round(queue.maxWaitSeconds / 60) : 30, leadUserId: optionOf(queue?.leadUserId), teamId: optionOf(queue?.teamId) });
  const save = useSave('/phone/callback-queues', QUEUES, queue?.id, onDone);
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
  const queues = useQuery({ queryKey: QUEUES, queryFn: () => api.get<{ data: CallbackQueue[] }>('/phone/callback-queues') });
  const teams = useTeamOptions();
  const agents = useAgents().data?.data ?? [];
  const editor = useEditor<CallbackQueue>();
  const remove = useAction((id: number) => api.delete(`/phone/callback-queues/${id}`), QUEUES);
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

interface Connected {
  id: number;
  name: string;
  secret: string;
  webhookPath: string;
}

const EXAMPLE = `POST <webhook address>
X-Tend-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>

{"event": "call.started" | "call.answered" | "call.ended",
 "callId": "…", "direction": "inbound" | "outbound", "phone": "+4930…",
 "agentId": 12, "outcome": "answered", "recordingUrl": "https://…"}`;

export default function PhoneSettings() {
  const [name, setName] = useState('');
  const [connected, setConnected] = useState<Connected | null>(null);
  const create = useSave<{ name: string }, Connected>('/phone/channels', ['settings', 'phone'], null, (c) => {
    setConnected(c);
    setName('');
  });
  return (
    <>
      <SettingsHeader
        title="Phone"
        description="Connect a telephony or CTI system: it reports calls to Tend, which logs them on the caller’s customer record and opens or updates a phone ticket. Agents can also log calls by hand from a ticket."
      />
      <Form layout="inline" label="Connect a telephony provider" onSubmit={() => create.mutate({ name })} pending={create.isPending} error={create.error} submitLabel="Connect" fields={['name']}>
        <TextField className="w-80" label="Provider name" name="name" required value={name} onChange={setName} placeholder="e.g. Office PBX" />
      </Form>
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
      <SubSection title="What the provider sends" description="One signed JSON request per call event; the same callId ties the events of one call together.">
        <pre className="overflow-x-auto rounded-lg bg-white p-4 font-mono text-xs text-stone-700 ring-1 ring-stone-200">{EXAMPLE}</pre>
      </SubSection>
      <CallbackQueues />
    </>
  );
}
