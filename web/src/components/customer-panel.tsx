import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Building2, Clock, Globe, Mail, Phone, Trash2, User } from 'lucide-react';
import { Link } from 'wouter';
import { api } from '../lib/api.ts';
import type { Customer, Page, Ticket } from '../lib/types.ts';
import { errorText, Form, SelectField, TextField, useAction } from './forms/index.ts';
import { Avatar, button, channelName, input, relativeTime, StatusBadge } from './ui.tsx';

const identityIcon = (kind: string) => (kind === 'email' ? Mail : kind === 'phone' || kind === 'whatsapp' ? Phone : User);

const IDENTITY_KINDS = [
  { value: 'email', label: 'Email' },
  { value: 'phone', label: 'Phone' },
  { value: 'whatsapp', label: 'WhatsApp' },
  { value: 'messenger', label: 'Messenger' },
  { value: 'chat', label: 'Chat' },
  { value: 'external', label: 'External id' },
];
/** Named where the icon alone would not tell (a WhatsApp number reads like the same phone number twice). */
const kindNamed = (kind: string) => (kind === 'email' || kind === 'phone' ? null : (IDENTITY_KINDS.find((k) => k.value === kind)?.label ?? null));

interface CustomerNote {
  id: number;
  body: string;
  author: { name: string } | null;
  createdAt: string;
}

function CustomerNotes({ customerId }: { customerId: number }) {
  const queryClient = useQueryClient();
  const notes = useQuery({ queryKey: ['customer', customerId, 'notes'], queryFn: () => api.get<Page<CustomerNote>>(`/customers/${customerId}/notes`) });
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => api.post(`/customers/${customerId}/notes`, { body }),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: ['customer', customerId, 'notes'] });
    },
  });
  return (
    <div>
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-stone-400 uppercase">Notes about them</h3>
      <ul className="space-y-2">
        {(notes.data?.data ?? []).map((n) => (
          <li key={n.id} className="rounded-md bg-amber-50 px-2.5 py-2 text-xs text-stone-800 ring-1 ring-amber-100">
            <p className="whitespace-pre-wrap">{n.body}</p>
            <p className="mt-1 text-[11px] text-stone-500">
              {n.author?.name ?? 'Tend'} · {relativeTime(n.createdAt)}
            </p>
          </li>
        ))}
      </ul>
      <form
        className="mt-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) add.mutate();
        }}
      >
        <input aria-label="Add a note about this customer" placeholder="Add a note…" value={body} onChange={(e) => setBody(e.target.value)} className={`${input} px-2 py-1 text-xs`} />
      </form>
    </div>
  );
}

/** A way to reach them added: all their addresses and numbers resolve to this one person. */
function AddIdentity({ customerId }: { customerId: number }) {
  const [kind, setKind] = useState('email');
  const [value, setValue] = useState('');
  const add = useAction(() => api.post(`/customers/${customerId}/identities`, { kind, value }), ['customer'], () => setValue(''));
  return (
    <Form layout="inline" label="Add a contact detail" onSubmit={() => value.trim() && add.mutate()} pending={add.isPending} error={add.error} submitLabel="Add" fields={['value']}>
      <SelectField className="w-32" label="Kind" value={kind} onChange={setKind} options={IDENTITY_KINDS} />
      <TextField className="flex-1" label="Address or number" name="value" value={value} onChange={setValue} />
    </Form>
  );
}

/**
 * The requester at a glance: how to reach them, who they are, and every earlier conversation;
 * `editable` (their own page, for a role that may) adds and removes their contact details.
 */
export function CustomerPanel({ customerId, currentTicketId, editable = false }: { customerId: number; currentTicketId: number; editable?: boolean }) {
  const removeIdentity = useAction((identityId: number) => api.delete(`/customers/${customerId}/identities/${identityId}`), ['customer']);
  const customer = useQuery({ queryKey: ['customer', customerId], queryFn: () => api.get<Customer>(`/customers/${customerId}`) });
  const history = useQuery({ queryKey: ['tickets', { requesterId: customerId }], queryFn: () => api.get<Page<Ticket>>('/tickets', { requesterId: customerId, limit: 20, sort: 'created_desc' }) });
  const c = customer.data;
  const others = (history.data?.data ?? []).filter((t) => t.id !== currentTicketId);

  return (
    <section aria-label="Customer" className="space-y-4">
      {c ? (
        <>
          <div className="flex items-center gap-3">
            <Avatar name={c.name || '?'} />
            <div className="min-w-0">
              <h2 className="truncate font-medium text-stone-900">{c.name || 'Unnamed customer'}</h2>
              {c.organization && (
                <p className="flex items-center gap-1 truncate text-xs text-stone-500">
                  <Building2 className="size-3" aria-hidden /> {c.organization.name}
                </p>
              )}
            </div>
          </div>
          <ul className="space-y-1.5">
            {c.identities.map((i) => {
              const Icon = identityIcon(i.kind);
              return (
                <li key={i.id} className="flex items-center gap-2 text-xs text-stone-700">
                  <Icon className="size-3.5 text-stone-400" aria-label={i.kind} />
                  <span className="truncate">{i.value}</span>
                  {kindNamed(i.kind) && <span className="text-[10px] text-stone-400">{kindNamed(i.kind)}</span>}
                  {i.isPrimary && <span className="text-[10px] text-stone-400">primary</span>}
                  {editable && (
                    <button type="button" className={`${button.ghost} ml-auto p-0.5 text-stone-400`} aria-label={`Remove ${i.value}`} onClick={() => removeIdentity.mutate(i.id)}>
                      <Trash2 className="size-3.5" aria-hidden />
                    </button>
                  )}
                </li>
              );
            })}
            {(c.language || c.timeZone) && (
              <li className="flex items-center gap-2 text-xs text-stone-700">
                <Globe className="size-3.5 text-stone-400" aria-hidden />
                {[c.language, c.timeZone].filter(Boolean).join(' · ')}
              </li>
            )}
            <li className="flex items-center gap-2 text-xs text-stone-500">
              <Clock className="size-3.5 text-stone-400" aria-hidden /> Customer since {new Date(c.createdAt).toLocaleDateString(undefined, { month: 'short', year: 'numeric' })}
            </li>
          </ul>
          {editable && <AddIdentity customerId={customerId} />}
          {removeIdentity.error && <p className="text-xs text-red-700">{errorText(removeIdentity.error)}</p>}
          {c.tags.length > 0 && (
            <div className="flex flex-wrap gap-1">
              {c.tags.map((t) => (
                <span key={t} className="rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-600">
                  {t}
                </span>
              ))}
            </div>
          )}
          {Object.keys(c.attributes).length > 0 && (
            <dl className="grid grid-cols-2 gap-x-2 gap-y-1 text-xs">
              {Object.entries(c.attributes).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="truncate text-stone-500">{k}</dt>
                  <dd className="truncate text-stone-800">{String(v)}</dd>
                </div>
              ))}
            </dl>
          )}
        </>
      ) : (
        <p className="text-sm text-stone-400">{customer.isError ? 'Customer details are unavailable.' : 'Loading customer…'}</p>
      )}
      <CustomerNotes customerId={customerId} />
      <div>
        <h3 className="mb-2 text-xs font-semibold tracking-wide text-stone-400 uppercase">Earlier conversations</h3>
        {others.length === 0 ? (
          <p className="text-xs text-stone-400">{history.isPending ? 'Loading…' : 'This is their first ticket.'}</p>
        ) : (
          <ul className="space-y-1">
            {others.map((t) => (
              <li key={t.id}>
                <Link href={`/tickets/${t.id}`} className="block rounded-md px-2 py-1.5 hover:bg-stone-100">
                  <span className="block truncate text-xs font-medium text-stone-800">{t.subject}</span>
                  <span className="mt-0.5 flex items-center gap-2 text-[11px] text-stone-500">
                    <StatusBadge status={t.status} /> {relativeTime(t.createdAt)} · {channelName(t.channel)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
