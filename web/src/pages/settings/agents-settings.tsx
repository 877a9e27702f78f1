import { useState } from 'react';
import { CheckboxGroup, ConfirmButton, errorText, Form, FormDialog, OneTimeSecret, SelectField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { button } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { AgentDetail } from '../../lib/types.ts';
import { useAgents, useRoles, useTeams } from './settings-data.ts';
import { AddButton, cell, ErrorNote, Pill, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const STATUS_TONE = { active: 'green', invited: 'blue', deactivated: 'grey' } as const;

function AgentForm({ agent, onDone, onInvited }: { agent: AgentDetail | null; onDone: () => void; onInvited: (url: string) => void }) {
  const roles = useRoles().data?.data ?? [];
  const teams = useTeams().data?.data ?? [];
  const [draft, setDraft] = useState({ name: agent?.name ?? '', email: agent?.email ?? '', role: agent?.role ?? 'agent', timeZone: agent?.timeZone ?? 'UTC', teamIds: [] as string[] });
  const save = useSave<object, { inviteUrl?: string }>('/agents', ['agents'], agent?.id, (result) => {
    if (result.inviteUrl) onInvited(result.inviteUrl);
    onDone();
  });
  const submit = () =>
    save.mutate(agent ? { name: draft.name, role: draft.role, timeZone: draft.timeZone } : { name: draft.name, email: draft.email, role: draft.role, teamIds: draft.teamIds.map(Number) });
  return (
    <Form onSubmit={submit} pending={save.isPending} error={save.error} submitLabel={agent ? 'Save' : 'Send invitation'} onCancel={onDone} fields={['name', 'email', 'role', 'timeZone']}>
      <TextField label="Name" name="name" required value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
      {!agent && <TextField label="Email" name="email" type="email" required value={draft.email} onChange={(email) => setDraft({ ...draft, email })} />}
      <SelectField label="Role" name="role" value={draft.role} onChange={(role) => setDraft({ ...draft, role })} options={roles.map((r) => ({ value: r.key, label: r.name }))} hint="What they may do; roles are set up under Roles." />
      {agent && <TextField label="Time zone" name="timeZone" value={draft.timeZone} onChange={(timeZone) => setDraft({ ...draft, timeZone })} hint="IANA name, e.g. Europe/Berlin" />}
      {!agent && teams.length > 0 && <CheckboxGroup legend="Teams" options={teams.map((t) => ({ value: String(t.id), label: t.name }))} value={draft.teamIds} onChange={(teamIds) => setDraft({ ...draft, teamIds })} />}
    </Form>
  );
}

export default function AgentsSettings() {
  const agents = useAgents();
  const editor = useEditor<AgentDetail>();
  const [inviteUrl, setInviteUrl] = useState<string | null>(null);
  const act = useAction(({ id, what }: { id: number; what: 'deactivate' | 'reactivate' | 'invite' }) => api.post<{ inviteUrl?: string }>(`/agents/${id}/${what}`), ['agents'], (r) => r.inviteUrl && setInviteUrl(r.inviteUrl));
  return (
    <>
      <SettingsHeader title="Agents" description="Everyone who works in this help desk, and their role." action={<AddButton onClick={editor.create}>Invite agent</AddButton>} />
      {inviteUrl && <OneTimeSecret label="One-time invitation link" value={inviteUrl} onDismiss={() => setInviteUrl(null)} />}
      <ErrorNote message={errorText(act.error ?? agents.error)} />
      <Table label="Agents" head={['Name', 'Email', 'Role', 'Status', '']} empty="No agents yet." loading={agents.isPending}>
        {(agents.data?.data ?? []).map((a) => (
          <tr key={a.id}>
            <td className={`${cell} font-medium`}>{a.name}</td>
            <td className={`${cell} text-stone-600`}>{a.email}</td>
            <td className={`${cell} text-stone-600`}>{a.roleName}</td>
            <td className={cell}>
              <Pill tone={STATUS_TONE[a.status]}>{a.status}</Pill>
            </td>
            <td className={cell}>
              <RowActions name={a.name} onEdit={() => editor.edit(a)}>
                {a.status === 'invited' && (
                  <button type="button" className={button.ghost} onClick={() => act.mutate({ id: a.id, what: 'invite' })}>
                    New link
                  </button>
                )}
                {a.status === 'deactivated' ? (
                  <button type="button" className={button.ghost} onClick={() => act.mutate({ id: a.id, what: 'reactivate' })}>
                    Reactivate
                  </button>
                ) : (
                  <ConfirmButton
                    title={`Deactivate ${a.name}?`}
                    description="They are signed out at once and their API tokens stop working. Their tickets stay as they are."
                    confirmLabel="Deactivate"
                    onConfirm={() => act.mutate({ id: a.id, what: 'deactivate' })}
                  >
                    Deactivate
                  </ConfirmButton>
                )}
              </RowActions>
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'Invite an agent'} description={editor.item ? undefined : 'They get a one-time link to choose a password.'}>
        <AgentForm agent={editor.item} onDone={editor.close} onInvited={setInviteUrl} />
      </FormDialog>
    </>
  );
}
