import { useQuery } from '@tanstack/react-query';
import { UserMinus, Users } from 'lucide-react';
import { useState } from 'react';
import { errorText, Form, FormDialog, SelectField, TextAreaField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { button } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { AgentDetail, Page, Team } from '../../lib/types.ts';
import { NONE, useAgents, useTeams } from './settings-data.ts';
import { AddButton, cell, ErrorNote, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

function TeamForm({ team, onDone }: { team: Team | null; onDone: () => void }) {
  const [draft, setDraft] = useState({ name: team?.name ?? '', description: team?.description ?? '' });
  const save = useSave('/teams', ['teams'], team?.id, onDone);
  return (
    <Form onSubmit={() => save.mutate(draft)} pending={save.isPending} error={save.error} submitLabel={team ? 'Save' : 'Add team'} onCancel={onDone} fields={['name', 'description']}>
      <TextField label="Name" name="name" required value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
      <TextAreaField label="Description" name="description" value={draft.description} onChange={(description) => setDraft({ ...draft, description })} />
    </Form>
  );
}

function Members({ team }: { team: Team }) {
  const members = useQuery({ queryKey: ['teams', team.id, 'members'], queryFn: () => api.get<Page<AgentDetail>>(`/teams/${team.id}/members`) });
  const agents = useAgents().data?.data ?? [];
  const [pick, setPick] = useState(NONE);
  const add = useAction((userId: number) => api.put(`/teams/${team.id}/members/${userId}`, {}), ['teams'], () => setPick(NONE));
  const remove = useAction((userId: number) => api.delete(`/teams/${team.id}/members/${userId}`), ['teams']);
  const inTeam = new Set((members.data?.data ?? []).map((m) => m.id));
  const candidates = agents.filter((a) => !inTeam.has(a.id) && a.status !== 'deactivated');
  return (
    <div className="space-y-3">
      <ErrorNote message={errorText(add.error ?? remove.error)} />
      <ul aria-label={`Members of ${team.name}`} className="divide-y divide-stone-100 rounded-lg ring-1 ring-stone-200">
        {(members.data?.data ?? []).map((m) => (
          <li key={m.id} className="flex items-center gap-3 px-3 py-2 text-sm">
            <span className="min-w-0 flex-1">
              <span className="font-medium">{m.name}</span> <span className="text-stone-500">{m.email}</span>
            </span>
            <button type="button" aria-label={`Remove ${m.name} from ${team.name}`} className={button.ghost} onClick={() => remove.mutate(m.id)}>
              <UserMinus className="size-4" />
            </button>
          </li>
        ))}
        {members.data?.data.length === 0 && <li className="px-3 py-4 text-center text-sm text-stone-500">Nobody in this team yet.</li>}
      </ul>
      <Form layout="inline" label="Add a member" onSubmit={() => pick !== NONE && add.mutate(Number(pick))} pending={add.isPending} submitLabel="Add">
        <SelectField className="flex-1" label="Agent to add" value={pick} onChange={setPick} options={[{ value: NONE, label: 'Choose an agent…' }, ...candidates.map((a) => ({ value: String(a.id), label: a.name }))]} />
      </Form>
    </div>
  );
}

export default function TeamsSettings() {
  const teams = useTeams();
  const editor = useEditor<Team>();
  const [membersOf, setMembersOf] = useState<Team | null>(null);
  const remove = useAction((id: number) => api.delete(`/teams/${id}`), ['teams']);
  return (
    <>
      <SettingsHeader title="Teams" description="Groups of agents that tickets, mailboxes and queues are routed to." action={<AddButton onClick={editor.create}>Add team</AddButton>} />
      <ErrorNote message={errorText(remove.error)} />
      <Table label="Teams" head={['Team', 'Description', 'Members', '']} empty="No teams yet." loading={teams.isPending}>
        {(teams.data?.data ?? []).map((t) => (
          <tr key={t.id}>
            <td className={`${cell} font-medium`}>{t.name}</td>
            <td className={`${cell} text-stone-600`}>{t.description}</td>
            <td className={`${cell} text-stone-600 tabular-nums`}>{t.memberCount}</td>
            <td className={cell}>
              <RowActions name={t.name} onEdit={() => editor.edit(t)} remove={{ what: 'team', consequence: 'A team that tickets still belong to cannot be deleted.', onConfirm: () => remove.mutate(t.id) }}>
                <button type="button" className={button.ghost} aria-label={`Members of ${t.name}`} onClick={() => setMembersOf(t)}>
                  <Users className="size-4" /> Members
                </button>
              </RowActions>
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'New team'}>
        <TeamForm team={editor.item} onDone={editor.close} />
      </FormDialog>
      <FormDialog open={membersOf !== null} onClose={() => setMembersOf(null)} title={`Members of ${membersOf?.name ?? ''}`}>
        {membersOf && <Members team={membersOf} />}
      </FormDialog>
    </>
  );
}
