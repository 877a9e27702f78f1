import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { History, Send } from 'lucide-react';
import { useState } from 'react';
import { CheckboxField, CheckboxGroup, errorText, Form, FormDialog, OneTimeSecret, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { button, fullTime, relativeTime } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { Page, Webhook, WebhookDelivery } from '../../lib/types.ts';
import { ActivePill, AddButton, cell, ErrorNote, Pill, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEY = ['settings', 'webhooks'];
const ALL = '*';
const EVENTS = [
  { value: 'ticket.created', label: 'Ticket created' },
  { value: 'ticket.updated', label: 'Ticket updated' },
  { value: 'message.created', label: 'Message added' },
  { value: 'sla.warning', label: 'SLA about to breach' },
  { value: 'sla.breached', label: 'SLA breached' },
  { value: 'routing.max_wait_exceeded', label: 'Waited too long in a queue' },
];

function WebhookForm({ webhook, onDone, onSecret }: { webhook: Webhook | null; onDone: () => void; onSecret: (secret: string) => void }) {
  const [d, setD] = useState({ url: webhook?.url ?? 'https://', description: webhook?.description ?? '', active: webhook?.active ?? true, events: webhook?.events ?? [ALL] });
  const all = d.events.includes(ALL);
  const save = useSave<object, { secret?: string }>('/webhooks', KEY, webhook?.id, (r) => {
    if (r.secret) onSecret(r.secret);
    onDone();
  });
  return (
    <Form onSubmit={() => save.mutate(d)} pending={save.isPending} error={save.error} submitLabel={webhook ? 'Save webhook' : 'Add webhook'} onCancel={onDone} fields={['url', 'events', 'description']}>
      <TextField label="URL" name="url" type="url" required value={d.url} onChange={(url) => setD({ ...d, url })} hint="Tend POSTs signed JSON here and retries with backoff until it answers 2xx." />
      <TextField label="Description" name="description" value={d.description} onChange={(description) => setD({ ...d, description })} />
      <CheckboxField label="Every event, including kinds added later" checked={all} onChange={(on) => setD({ ...d, events: on ? [ALL] : [] })} />
      {!all && <CheckboxGroup legend="Events" name="events" columns={2} options={EVENTS} value={d.events} onChange={(events) => setD({ ...d, events })} />}
      <CheckboxField label="Active" hint="A paused webhook receives nothing." checked={d.active} onChange={(active) => setD({ ...d, active })} />
    </Form>
  );
}

const DELIVERY_TONE = { succeeded: 'green', failed: 'red', pending: 'amber' } as const;

function Deliveries({ webhook }: { webhook: Webhook }) {
  const key = [...KEY, webhook.id, 'deliveries'];
  const deliveries = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => api.get<Page<WebhookDelivery>>(`/webhooks/${webhook.id}/deliveries`, { cursor: pageParam, limit: 25 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5000,
  });
  const redeliver = useAction((id: number) => api.post(`/webhooks/${webhook.id}/deliveries/${id}/redeliver`), key);
  const rows = deliveries.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <div className="space-y-3">
      <ErrorNote message={errorText(redeliver.error ?? deliveries.error)} />
      <Table label="Deliveries" head={['Event', 'Status', 'Answer', 'Attempts', 'When', '']} empty="Nothing delivered yet. Send a test event to try it." loading={deliveries.isPending}>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className={cell}>
              <span className="font-mono text-xs">{r.eventType}</span>
              <span className="block text-xs text-stone-400">delivery {r.id}</span>
            </td>
            <td className={cell}>
              <Pill tone={DELIVERY_TONE[r.status]}>{r.status}</Pill>
            </td>
            <td className={`${cell} max-w-48 text-xs text-stone-600`}>{r.responseStatus ? `HTTP ${r.responseStatus}` : ''} {r.lastError}</td>
            <td className={`${cell} tabular-nums`}>{r.attempts}</td>
            <td className={`${cell} whitespace-nowrap text-stone-600`} title={fullTime(r.lastAttemptAt ?? r.createdAt)}>
              {relativeTime(r.lastAttemptAt ?? r.createdAt)}
            </td>
            <td className={cell}>
              {r.status !== 'pending' && (
                <button type="button" className={button.ghost} aria-label={`Redeliver delivery ${r.id}`} onClick={() => redeliver.mutate(r.id)}>
                  Redeliver
                </button>
              )}
            </td>
          </tr>
        ))}
      </Table>
      {deliveries.hasNextPage && (
        <button type="button" className={button.secondary} onClick={() => void deliveries.fetchNextPage()}>
          Load more
        </button>
      )}
    </div>
  );
}

export default function WebhooksSettings() {
  const webhooks = useQuery({ queryKey: KEY, queryFn: () => api.get<Page<Webhook>>('/webhooks', { limit: 100 }) });
  const editor = useEditor<Webhook>();
  const [secret, setSecret] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<Webhook | null>(null);
  const remove = useAction((id: number) => api.delete(`/webhooks/${id}`), KEY);
  const rotate = useAction((id: number) => api.post<{ secret: string }>(`/webhooks/${id}/rotate-secret`), KEY, (r) => setSecret(r.secret));
  const test = useAction(
    (w: Webhook) => api.post(`/webhooks/${w.id}/test`).then(() => w),
    KEY,
    (w) => setHistoryOf(w),
  );
  return (
    <>
      <SettingsHeader
        title="Webhooks"
        description="Tell other systems what happens in Tend. Each delivery is signed: X-Tend-Signature is sha256= the HMAC-SHA256 of “timestamp.body” keyed with the webhook’s secret."
        action={<AddButton onClick={editor.create}>Add webhook</AddButton>}
      />
      {secret && <OneTimeSecret label="Signing secret" value={secret} onDismiss={() => setSecret(null)} />}
      <ErrorNote message={errorText(remove.error ?? rotate.error ?? test.error ?? webhooks.error)} />
      <Table label="Webhooks" head={['URL', 'Events', 'Status', '']} empty="No webhooks yet." loading={webhooks.isPending}>
        {(webhooks.data?.data ?? []).map((w) => (
          <tr key={w.id}>
            <td className={`${cell} max-w-80`}>
              <span className="block truncate font-medium">{w.url}</span>
              {w.description && <span className="block text-xs text-stone-500">{w.description}</span>}
            </td>
            <td className={`${cell} max-w-64 text-xs text-stone-600`}>{w.events.includes(ALL) ? 'Every event' : w.events.join(', ')}</td>
            <td className={cell}>
              <ActivePill active={w.active} />
            </td>
            <td className={cell}>
              <RowActions
                name={w.url}
                onEdit={() => editor.edit(w)}
                rotate={{ what: 'signing secret', consequence: 'The old secret stops working at once; the receiver must verify with the new one.', onConfirm: () => rotate.mutate(w.id) }}
                remove={{ what: 'webhook', consequence: 'Its delivery history goes with it.', onConfirm: () => remove.mutate(w.id) }}
              >
                <button type="button" className={button.ghost} title="Send a test event" aria-label={`Send a test event to ${w.url}`} disabled={!w.active} onClick={() => test.mutate(w)}>
                  <Send className="size-4" />
                </button>
                <button type="button" className={button.ghost} title="Delivery history" aria-label={`Deliveries to ${w.url}`} onClick={() => setHistoryOf(w)}>
                  <History className="size-4" />
                </button>
              </RowActions>
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog open={editor.open} onClose={editor.close} title={editor.item ? 'Edit webhook' : 'Add a webhook'}>
        <WebhookForm webhook={editor.item} onDone={editor.close} onSecret={setSecret} />
      </FormDialog>
      <FormDialog wide open={historyOf !== null} onClose={() => setHistoryOf(null)} title="Deliveries" description={historyOf?.url}>
        {historyOf && <Deliveries webhook={historyOf} />}
      </FormDialog>
    </>
  );
}
