import { useQuery, useQueryClient } from '@tanstack/react-query';
import { GitMerge, Pencil } from 'lucide-react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { CustomerPanel } from '../components/customer-panel.tsx';
import { ConfirmButton, errorText, Form, FormDialog, ListField, SelectField, TextField, useAction } from '../components/forms/index.ts';
import { button, input } from '../components/ui.tsx';
import { useOrganizationOptions } from '../lib/agents.ts';
import { api } from '../lib/api.ts';
import type { Customer, Me, Page } from '../lib/types.ts';

const NO_ORGANIZATION = 'none';

/** Name, organization, language, time zone and tags. */
function EditCustomer({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const organizations = useOrganizationOptions();
  const [draft, setDraft] = useState({
    name: customer.name,
    organization: customer.organization ? String(customer.organization.id) : NO_ORGANIZATION,
    language: customer.language ?? '',
    timeZone: customer.timeZone ?? '',
    tags: customer.tags,
  });
  const { organization, language, timeZone, ...fields } = draft;
  const save = useAction(
    () =>
      api.patch(`/customers/${customer.id}`, {
        ...fields,
        organizationId: organization === NO_ORGANIZATION ? null : Number(organization),
        language: language.trim() || null,
        timeZone: timeZone.trim() || null,
      }),
    ['customer'],
    onDone,
  );
  const options = [{ value: NO_ORGANIZATION, label: 'None' }, ...(organizations.data?.data ?? []).map((o) => ({ value: String(o.id), label: o.name }))];
  return (
    <Form onSubmit={() => save.mutate()} pending={save.isPending} error={save.error} submitLabel="Save" onCancel={onDone} fields={['name', 'organizationId', 'language', 'timeZone', 'tags']}>
      <TextField label="Name" name="name" required value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
      <SelectField label="Organization" name="organizationId" value={draft.organization} onChange={(value) => setDraft({ ...draft, organization: value })} options={options} />
      <TextField label="Language" name="language" hint="A language tag such as en, de or pt-BR" value={draft.language} onChange={(language) => setDraft({ ...draft, language })} />
      <TextField label="Time zone" name="timeZone" hint="Such as Europe/Berlin" value={draft.timeZone} onChange={(timeZone) => setDraft({ ...draft, timeZone })} />
      <ListField label="Tags" name="tags" placeholder="vip, wholesale" value={draft.tags} onChange={(tags) => setDraft({ ...draft, tags })} />
    </Form>
  );
}

/** A duplicate (the same person who wrote from another address) found by name or address, and merged into this customer. */
function MergeDuplicate({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['customers', 'search', q],
    queryFn: () => api.get<Page<Customer>>('/customers', { q, limit: 8 }),
    enabled: q.trim().length >= 2,
  });
  const merge = useAction((sourceId: number) => api.post(`/customers/${customer.id}/merge`, { sourceId }), ['customer'], () => {
    void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    onDone();
    navigate(`/customers/${customer.id}`);
  });
  const candidates = (found.data?.data ?? []).filter((c) => c.id !== customer.id);
  return (
    <div className="space-y-3">
      <input autoFocus aria-label="Find the duplicate by name, email or phone" placeholder="Name, email or phone…" value={q} onChange={(e) => setQ(e.target.value)} className={input} />
      <ul className="divide-y divide-stone-100 rounded-lg ring-1 ring-stone-200" aria-label="Possible duplicates">
        {candidates.map((c) => (
          <li key={c.id} className="flex items-center gap-3 px-3 py-2 text-sm">
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium">{c.name || 'Unnamed customer'}</span>
              <span className="block truncate text-xs text-stone-500">{c.identities.map((i) => i.value).join(' · ')}</span>
            </span>
            <ConfirmButton
              className={button.secondary}
              title={`Merge ${c.name || 'this customer'} into ${customer.name}?`}
              description={`Their addresses, notes and tickets move to ${customer.name}, and ${c.name || 'the duplicate'} is gone from lists. This cannot be undone.`}
              confirmLabel="Merge"
              onConfirm={() => merge.mutate(c.id)}
            >
              Merge into {customer.name}
            </ConfirmButton>
          </li>
        ))}
        {q.trim().length >= 2 && found.isSuccess && candidates.length === 0 && <li className="px-3 py-4 text-center text-sm text-stone-500">No one else matches.</li>}
      </ul>
      {merge.error && <p className="text-sm text-red-700">{errorText(merge.error)}</p>}
    </div>
  );
}

/** A customer's page: who they are and every conversation, their details kept right, and duplicates merged, as the agent's role allows. */
export function CustomerPage({ customerId, me }: { customerId: number; me: Me }) {
  const canWrite = me.permissions.includes('customers.write');
  const canMerge = me.permissions.includes('customers.merge');
  const customer = useQuery({ queryKey: ['customer', customerId], queryFn: () => api.get<Customer>(`/customers/${customerId}`) });
  const [dialog, setDialog] = useState<'edit' | 'merge' | null>(null);
  const c = customer.data;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto bg-stone-50 p-6">
      <div className="mx-auto max-w-lg space-y-4">
        {c && (canWrite || canMerge) && (
          <div className="flex justify-end gap-2">
            {canWrite && (
              <button type="button" className={button.secondary} onClick={() => setDialog('edit')}>
                <Pencil className="size-3.5" aria-hidden /> Edit
              </button>
            )}
            {canMerge && (
              <button type="button" className={button.secondary} onClick={() => setDialog('merge')}>
                <GitMerge className="size-3.5" aria-hidden /> Merge a duplicate
              </button>
            )}
          </div>
        )}
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200">
          <CustomerPanel customerId={customerId} currentTicketId={0} editable={canWrite} />
        </div>
      </div>
      {c && (
        <>
          <FormDialog open={dialog === 'edit'} onClose={() => setDialog(null)} title={`Edit ${c.name}`}>
            <EditCustomer customer={c} onDone={() => setDialog(null)} />
          </FormDialog>
          <FormDialog open={dialog === 'merge'} onClose={() => setDialog(null)} title={`Merge a duplicate into ${c.name}`} description="For the same person writing from another address or number.">
            <MergeDuplicate customer={c} onDone={() => setDialog(null)} />
          </FormDialog>
        </>
      )}
    </div>
  );
}
