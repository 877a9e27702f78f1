import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText, Form, FormDialog, ListField, TextAreaField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { button, input } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { Organization, Page } from '../../lib/types.ts';
import { AddButton, cell, ErrorNote, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEY = ['organizations'];

function OrganizationForm({ organization, onDone }: { organization: Organization | null; onDone: () => void }) {
  const [d, setD] = useState({ name: organization?.name ?? '', domains: organization?.domains ?? [], notes: organization?.notes ?? '' });
  const save = useSave('/organizations', KEY, organization?.id, onDone);
  return (
    <Form onSubmit={() => save.mutate(d)} pending={save.isPending} error={save.error} submitLabel={organization ? 'Save organization' : 'Add organization'} onCancel={onDone} fields={['name', 'domains', 'notes']}>
      <TextField label="Name" name="name" required value={d.name} onChange={(name) => setD({ ...d, name })} />
      <ListField label="Email domains" name="domains" value={d.domains} onChange={(domains) => setD({ ...d, domains })} placeholder="acme.com, acme.de" hint="Customers writing from these domains join the organization." />
      <TextAreaField label="Notes" name="notes" value={d.notes} onChange={(notes) => setD({ ...d, notes })} hint="Seen by agents beside every ticket from its people." />
    </Form>
  );
}

export default function OrganizationsSettings() {
  const [q, setQ] = useState('');
  const organizations = useInfiniteQuery({
    queryKey: [...KEY, 'settings', q],
    queryFn: ({ pageParam }) => api.get<Page<Organization>>('/organizations', { q: q.trim(), cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const editor = useEditor<Organization>();
  const remove = useAction((id: number) => api.delete(`/organizations/${id}`), KEY);
  const rows = organizations.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <SettingsHeader title="Organizations" description="The companies your customers belong to. SLA policies can target an organization." action={<AddButton onClick={editor.create}>Add organization</AddButton>} />
      <label className="block w-72 space-y-1 text-xs font-medium text-stone-600">
        Find by name or domain
        <input type="search" className={input} value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <ErrorNote message={errorText(remove.error ?? organizations.error)} />
      <Table label="Organizations" head={['Organization', 'Domains', 'People', '']} empty={q ? 'No organization matches.' : 'No organizations yet.'} loading={organizations.isPending}>
        {rows.map((o) => (
          <tr key={o.id}>
            <td className={`${cell} font-medium`}>{o.name}</td>
            <td className={`${cell} text-stone-600`}>{o.domains.join(', ')}</td>
            <td className={`${cell} tabular-nums text-stone-600`}>{o.memberCount}</td>
            <td className={cell}>
              <RowActions name={o.name} onEdit={() => editor.edit(o)} remove={{ what: 'organization', consequence: 'Its people stay, in no organization.', onConfirm: () => remove.mutate(o.id) }} />
            </td>
          </tr>
        ))}
      </Table>
      {organizations.hasNextPage && (
        <button type="button" className={button.secondary} onClick={() => void organizations.fetchNextPage()}>
          Load more
        </button>
      )}
      <FormDialog open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'Add an organization'}>
        <OrganizationForm organization={editor.item} onDone={editor.close} />
      </FormDialog>
    </>
  );
}
