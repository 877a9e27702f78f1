import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Macro } from '../../components/macro-picker.tsx';
import { CheckboxField, errorText, FieldRow, Form, FormDialog, ListField, SelectField, TextAreaField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { PRIORITY_LABEL, STATUS_LABEL } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { type Me, type Page, PRIORITIES, STATUSES } from '../../lib/types.ts';
import { idOrNull, NONE, optionOf, useTeamOptions } from './settings-data.ts';
import { AddButton, cell, ErrorNote, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEEP = 'keep';

function MacroForm({ macro, canShare, onDone }: { macro: Macro | null; canShare: boolean; onDone: () => void }) {
  const teams = useTeamOptions('Leave as is');
  const a = macro?.actions ?? {};
  const [d, setD] = useState({
    name: macro?.name ?? '',
    shared: macro?.shared ?? false,
    reply: a.reply ?? '',
    internal: a.internal ?? false,
    status: a.status ?? KEEP,
    priority: a.priority ?? KEEP,
    addTags: a.addTags ?? [],
    assignToMe: a.assignToMe ?? false,
    teamId: optionOf(a.teamId),
  });
  const save = useSave('/macros', ['macros'], macro?.id, onDone);
  const actions = {
    ...(d.reply.trim() ? { reply: d.reply, internal: d.internal } : {}),
    ...(d.status !== KEEP ? { status: d.status } : {}),
    ...(d.priority !== KEEP ? { priority: d.priority } : {}),
    ...(d.addTags.length ? { addTags: d.addTags } : {}),
    ...(d.assignToMe ? { assignToMe: true } : {}),
    ...(d.teamId !== NONE ? { teamId: idOrNull(d.teamId) } : {}),
  };
  return (
    <Form onSubmit={() => save.mutate({ name: d.name, shared: d.shared, actions })} pending={save.isPending} error={save.error} submitLabel={macro ? 'Save macro' : 'Create macro'} onCancel={onDone} fields={['name', 'actions']}>
      <TextField label="Name" name="name" required value={d.name} onChange={(name) => setD({ ...d, name })} />
      <TextAreaField label="Reply text" name="actions.reply" rows={5} value={d.reply} onChange={(reply) => setD({ ...d, reply })} hint="Placeholders: {{customer.first_name}}, {{customer.name}}, {{agent.name}}, {{ticket.id}}" />
      <CheckboxField label="Insert as an internal note" checked={d.internal} onChange={(internal) => setD({ ...d, internal })} />
      <FieldRow>
        <SelectField label="Set status" value={d.status} onChange={(status) => setD({ ...d, status: status as typeof d.status })} options={[{ value: KEEP, label: 'Leave as is' }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))]} />
        <SelectField label="Set priority" value={d.priority} onChange={(priority) => setD({ ...d, priority: priority as typeof d.priority })} options={[{ value: KEEP, label: 'Leave as is' }, ...PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))]} />
        <SelectField label="Move to team" value={d.teamId} onChange={(teamId) => setD({ ...d, teamId })} options={teams.options} />
      </FieldRow>
      <ListField label="Add tags" name="actions.addTags" value={d.addTags} onChange={(addTags) => setD({ ...d, addTags })} placeholder="refund, priority-customer" hint="Comma separated." />
      <CheckboxField label="Assign the ticket to whoever applies it" checked={d.assignToMe} onChange={(assignToMe) => setD({ ...d, assignToMe })} />
      {canShare && <CheckboxField label="Share with every agent" hint="Otherwise only you see it." checked={d.shared} onChange={(shared) => setD({ ...d, shared })} />}
    </Form>
  );
}

function summary(m: Macro): string {
  const a = m.actions;
  return [a.reply && (a.internal ? `note: ${a.reply}` : a.reply), a.status && `status → ${STATUS_LABEL[a.status]}`, a.priority && `priority → ${PRIORITY_LABEL[a.priority]}`, a.addTags?.length && `tags + ${a.addTags.join(', ')}`, a.assignToMe && 'assign to me']
    .filter(Boolean)
    .join(' · ');
}

export default function MacrosSettings({ me }: { me: Me }) {
  const macros = useQuery({ queryKey: ['macros', ''], queryFn: () => api.get<Page<Macro>>('/macros') });
  const canShare = me.permissions.includes('settings.manage');
  const editor = useEditor<Macro>();
  const remove = useAction((id: number) => api.delete(`/macros/${id}`), ['macros']);
  return (
    <>
      <SettingsHeader title="Macros" description="Canned replies and actions, applied in one click from the reply box." action={<AddButton onClick={editor.create}>New macro</AddButton>} />
      <ErrorNote message={errorText(remove.error ?? macros.error)} />
      <Table label="Macros" head={['Name', 'Does', 'Shared', '']} empty="No macros yet." loading={macros.isPending}>
        {(macros.data?.data ?? []).map((m) => (
          <tr key={m.id}>
            <td className={`${cell} font-medium`}>{m.name}</td>
            <td className={`${cell} max-w-md truncate text-stone-600`}>{summary(m)}</td>
            <td className={`${cell} text-stone-600`}>{m.shared ? 'Everyone' : 'Only you'}</td>
            <td className={cell}>{(!m.shared || canShare) && <RowActions name={m.name} onEdit={() => editor.edit(m)} remove={{ what: 'macro', onConfirm: () => remove.mutate(m.id) }} />}</td>
          </tr>
        ))}
      </Table>
      <FormDialog open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'New macro'}>
        <MacroForm macro={editor.item} canShare={canShare} onDone={editor.close} />
      </FormDialog>
    </>
  );
}
