import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText, FieldGroup, Form, FormDialog, ListEditor, NumberField, SelectField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { Select } from '../../components/select.tsx';
import { channelName } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import { type AgentRouting, type Page } from '../../lib/types.ts';
import { CHANNEL_OPTIONS } from './settings-data.ts';
import { cell, ErrorNote, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEY = ['settings', 'routing-agents'];
const ANY = '*';
const AVAILABILITY = [
  { value: 'online', label: 'Online' },
  { value: 'away', label: 'Away' },
  { value: 'offline', label: 'Offline' },
];
const channelLabel = (c: string) => (c === ANY ? 'Other channels' : channelName(c));

function ProfileForm({ agent, onDone }: { agent: AgentRouting; onDone: () => void }) {
  const [capacities, setCapacities] = useState(Object.entries(agent.capacities).map(([channel, max]) => ({ channel, max })));
  const [skills, setSkills] = useState(agent.skills);
  const save = useSave('/routing/agents', KEY, agent.userId, onDone);
  const body = { capacities: Object.fromEntries(capacities.map((c) => [c.channel, c.max])), skills: skills.filter((s) => s.skill.trim()) };
  const unused = (current: string) => [{ value: ANY, label: channelLabel(ANY) }, ...CHANNEL_OPTIONS].filter((o) => o.value === current || !capacities.some((c) => c.channel === o.value));
  return (
    <Form onSubmit={() => save.mutate(body)} pending={save.isPending} error={save.error} submitLabel="Save" onCancel={onDone} fields={['capacities', 'skills']}>
      <FieldGroup title="Capacity" description="How many live tickets of a channel the agent handles at once. A channel not listed (and no “other channels” row) is unlimited.">
        <ListEditor
          items={capacities}
          onChange={setCapacities}
          blank={() => ({ channel: unused('')[0]?.value ?? ANY, max: 3 })}
          addLabel="Add limit"
          itemLabel={(c) => `limit for ${channelLabel(c.channel)}`}
          empty="Unlimited on every channel."
        >
          {(c, update, i) => (
            <>
              <SelectField className="w-48" label={`Limit ${i + 1} channel`} value={c.channel} onChange={(channel) => update({ channel })} options={unused(c.channel)} />
              <NumberField className="w-32" label={`Limit ${i + 1} at most`} name={`capacities.${c.channel}`} min={0} required value={c.max} onChange={(max) => update({ max: max ?? 0 })} />
            </>
          )}
        </ListEditor>
      </FieldGroup>
      <FieldGroup title="Skills" description="Matched against the skill rules of routing queues; level 1 (basic) to 5 (expert).">
        <ListEditor items={skills} onChange={setSkills} blank={() => ({ skill: '', level: 3 })} addLabel="Add skill" itemLabel={(s, i) => `skill ${s.skill || i + 1}`} empty="No skills.">
          {(s, update, i) => (
            <>
              <TextField className="w-56" label={`Skill ${i + 1}`} name={`skills.${i}.skill`} required value={s.skill} onChange={(skill) => update({ skill })} placeholder="german" />
              <NumberField className="w-32" label={`Skill ${i + 1} level`} name={`skills.${i}.level`} min={1} max={5} required value={s.level} onChange={(level) => update({ level: level ?? 1 })} />
            </>
          )}
        </ListEditor>
      </FieldGroup>
    </Form>
  );
}

export default function CapacitySettings() {
  const agents = useQuery({ queryKey: KEY, queryFn: () => api.get<Page<AgentRouting>>('/routing/agents') });
  const editor = useEditor<AgentRouting>();
  const setStatus = useAction(({ id, status }: { id: number; status: string }) => api.put(`/routing/agents/${id}/availability`, { status }), KEY);
  return (
    <>
      <SettingsHeader title="Capacity & skills" description="Routing queues give tickets only to online agents with room under their capacity, and with the skills a ticket needs." />
      <ErrorNote message={errorText(setStatus.error ?? agents.error)} />
      <Table label="Agents' routing profiles" head={['Agent', 'Availability', 'Capacity', 'Live load', 'Skills', '']} empty="No active agents." loading={agents.isPending}>
        {(agents.data?.data ?? []).map((a) => (
          <tr key={a.userId}>
            <td className={`${cell} font-medium`}>{a.name}</td>
            <td className={`${cell} w-36`}>
              <Select compact label={`Availability of ${a.name}`} value={a.status} options={AVAILABILITY} onChange={(status) => setStatus.mutate({ id: a.userId, status })} />
            </td>
            <td className={`${cell} text-xs text-stone-600`}>
              {Object.keys(a.capacities).length
                ? Object.entries(a.capacities)
                    .map(([c, n]) => `${channelLabel(c)} ${n}`)
                    .join(', ')
                : 'Unlimited'}
            </td>
            <td className={`${cell} text-xs text-stone-600`}>
              {Object.entries(a.load)
                .map(([c, n]) => `${channelLabel(c)} ${n}`)
                .join(', ') || '—'}
            </td>
            <td className={`${cell} text-xs text-stone-600`}>{a.skills.map((s) => `${s.skill} ${s.level}`).join(', ') || '—'}</td>
            <td className={cell}>
              <RowActions name={a.name} onEdit={() => editor.edit(a)} />
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog open={editor.open} onClose={editor.close} title={`Routing profile of ${editor.item?.name ?? ''}`}>
        {editor.item && <ProfileForm agent={editor.item} onDone={editor.close} />}
      </FormDialog>
    </>
  );
}
