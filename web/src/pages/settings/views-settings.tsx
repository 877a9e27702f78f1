import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CheckboxField, CheckboxGroup, errorText, FieldGroup, FieldRow, Form, FormDialog, ListField, NumberField, SelectField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { STATUS_LABEL } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { type Channel, type Me, type Page, type Priority, type Status, STATUSES } from '../../lib/types.ts';
import { CHANNEL_OPTIONS, PRIORITY_OPTIONS, useAgentOptions, useTeamOptions } from './settings-data.ts';
import { AddButton, cell, ErrorNote, Pill, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

interface SavedView {
  id: number;
  name: string;
  shared: boolean;
  ownerId: number | null;
  filters: { status?: Status[]; priority?: Priority[]; channel?: Channel[]; assigneeId?: string; teamId?: string; tag?: string[]; q?: string };
  sort: (typeof SORTS)[number]['value'];
  position: number;
}

const KEY = ['views'];
const ANY = 'any';
const SORTS = [
  { value: 'updated_desc', label: 'Recently updated first' },
  { value: 'updated_asc', label: 'Least recently updated first' },
  { value: 'created_desc', label: 'Newest first' },
  { value: 'created_asc', label: 'Oldest first' },
  { value: 'priority_desc', label: 'Most urgent first' },
] as const;

function ViewForm({ view, canShare, nextPosition, onDone }: { view: SavedView | null; canShare: boolean; nextPosition: number; onDone: () => void }) {
  const agents = useAgentOptions();
  const teams = useTeamOptions().options.slice(1);
  const f = view?.filters ?? { status: ['new', 'open', 'pending'] as Status[] };
  const [d, setD] = useState({ name: view?.name ?? '', shared: view?.shared ?? false, sort: view?.sort ?? 'updated_desc', position: view?.position ?? nextPosition });
  const [filters, setFilters] = useState({ ...f, assigneeId: f.assigneeId ?? ANY, teamId: f.teamId ?? ANY, tag: f.tag ?? [], q: f.q ?? '' });
  const save = useSave('/views', KEY, view?.id, onDone);
  const { assigneeId, teamId, q, ...lists } = filters;
  const body = {
    ...d,
    filters: {
      ...Object.fromEntries(Object.entries(lists).filter(([, v]) => Array.isArray(v) && v.length > 0)),
      ...(assigneeId !== ANY ? { assigneeId } : {}),
      ...(teamId !== ANY ? { teamId } : {}),
      ...(q.trim() ? { q: q.trim() } : {}),
    },
  };
  return (
    <Form onSubmit={() => save.mutate(body)} pending={save.isPending} error={save.error} submitLabel={view ? 'Save view' : 'Add view'} onCancel={onDone} fields={['name', 'filters', 'position']}>
      <FieldRow>
        <TextField label="Name" name="name" required value={d.name} onChange={(name) => setD({ ...d, name })} />
        <NumberField label="Order in the sidebar" name="position" min={0} value={d.position} onChange={(position) => setD({ ...d, position: position ?? 0 })} />
      </FieldRow>
      <FieldGroup title="Shows tickets that" description="Every filled-in filter must match.">
        <CheckboxGroup<Status> legend="Status" name="filters.status" options={STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))} value={filters.status ?? []} onChange={(status) => setFilters({ ...filters, status })} />
        <CheckboxGroup<Priority> legend="Priority" name="filters.priority" columns={4} options={PRIORITY_OPTIONS} value={filters.priority ?? []} onChange={(priority) => setFilters({ ...filters, priority })} />
        <CheckboxGroup<Channel> legend="Channel" name="filters.channel" columns={4} options={CHANNEL_OPTIONS} value={filters.channel ?? []} onChange={(channel) => setFilters({ ...filters, channel })} />
        <FieldRow>
          <SelectField
            label="Assignee"
            name="filters.assigneeId"
            value={filters.assigneeId}
            onChange={(v) => setFilters({ ...filters, assigneeId: v })}
            options={[{ value: ANY, label: 'Anyone or nobody' }, { value: 'me', label: 'Whoever looks at the view' }, { value: 'none', label: 'Nobody (unassigned)' }, ...agents]}
          />
          <SelectField label="Team" name="filters.teamId" value={filters.teamId} onChange={(v) => setFilters({ ...filters, teamId: v })} options={[{ value: ANY, label: 'Any team or none' }, { value: 'none', label: 'No team' }, ...teams]} />
        </FieldRow>
        <FieldRow>
          <ListField label="Carries all of these tags" name="filters.tag" value={filters.tag} onChange={(tag) => setFilters({ ...filters, tag })} hint="Comma separated." />
          <TextField label="Contains the words" name="filters.q" value={filters.q} onChange={(v) => setFilters({ ...filters, q: v })} />
        </FieldRow>
      </FieldGroup>
      <SelectField label="Sort" name="sort" value={d.sort} onChange={(sort) => setD({ ...d, sort: sort as SavedView['sort'] })} options={[...SORTS]} />
      {canShare && <CheckboxField label="Shared with every agent" hint="Otherwise only you see it." checked={d.shared} onChange={(shared) => setD({ ...d, shared })} />}
    </Form>
  );
}

export default function ViewsSettings({ me }: { me: Me }) {
  const views = useQuery({ queryKey: [...KEY, 'settings'], queryFn: () => api.get<Page<SavedView>>('/views') });
  const canShare = me.permissions.includes('views.manage_shared');
  const editor = useEditor<SavedView>();
  const remove = useAction((id: number) => api.delete(`/views/${id}`), KEY);
  const list = views.data?.data ?? [];
  return (
    <>
      <SettingsHeader title="Views" description="Saved ticket lists in the sidebar, with live counts. Shared views show for every agent; personal ones only for you." action={<AddButton onClick={editor.create}>Add view</AddButton>} />
      <ErrorNote message={errorText(remove.error ?? views.error)} />
      <Table label="Views" head={['#', 'View', 'Sort', 'Who sees it', '']} empty="No saved views." loading={views.isPending}>
        {list.map((v) => (
          <tr key={v.id}>
            <td className={`${cell} tabular-nums text-stone-400`}>{v.position}</td>
            <td className={`${cell} font-medium`}>{v.name}</td>
            <td className={`${cell} text-stone-600`}>{SORTS.find((s) => s.value === v.sort)?.label}</td>
            <td className={cell}>{v.shared ? <Pill tone="blue">Everyone</Pill> : <Pill tone="grey">Only you</Pill>}</td>
            <td className={cell}>{(!v.shared || canShare) && <RowActions name={v.name} onEdit={() => editor.edit(v)} remove={{ what: 'view', onConfirm: () => remove.mutate(v.id) }} />}</td>
          </tr>
        ))}
      </Table>
      <FormDialog wide open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'Add a view'}>
        <ViewForm view={editor.item} canShare={canShare} nextPosition={list.length ? Math.max(...list.map((v) => v.position)) + 1 : 0} onDone={editor.close} />
      </FormDialog>
    </>
  );
}
