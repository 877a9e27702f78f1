import { useState } from 'react';
import { CopyField, Form, TextField, useSave } from '../../components/forms/index.ts';
import { button } from '../../components/ui.tsx';
import { webhookUrl } from './settings-data.ts';
import { SettingsHeader, SubSection } from './settings-ui.tsx';

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
    </>
  );
}
