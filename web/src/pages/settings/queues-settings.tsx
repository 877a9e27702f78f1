import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CheckboxField, CheckboxGroup, DurationField, errorText, FieldGroup, FieldRow, Form, FormDialog, ListEditor, NumberField, SelectField, TextAreaField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { api } from '../../lib/api.ts';
import { type MaxWaitAction, type Page, ROUTING_STRATEGIES, type RoutingQueue } from '../../lib/types.ts';
import { compactConditions, ConditionsFields, conditionsText } from './conditions-fields.tsx';
import { idOrNull, minutesText, NONE, optionOf, useAgentOptions, useCalendarOptions, useTeamOptions } from './settings-data.ts';
import { ActivePill, AddButton, cell, ErrorNote, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEY = ['settings', 'queues'];
const STRATEGY_LABEL: Record<RoutingQueue['strategy'], string> = { round_robin: 'Round robin', least_loaded: 'Least loaded', skills_best_match: 'Best skill match' };
type WaitKind = MaxWaitAction['kind'] | typeof NONE;

function MaxWaitFields({ action, onChange, queues }: { action: MaxWaitAction | null; onChange: (action: MaxWaitAction | null) => void; queues: RoutingQueue[] }) {
  const agents = useAgentOptions();
  const kind: WaitKind = action?.kind ?? NONE;
  const choose = (next: string) => {
    if (next === 'overflow') onChange({ kind: 'overflow', queueId: queues[0]?.id ?? 0 });
    else if (next === 'escalate') onChange({ kind: 'escalate', notifyUserIds: [], raisePriority: true });
    else if (next === 'auto_reply') onChange({ kind: 'auto_reply', body: 'Thanks for waiting: you are number {{position}} in line.' });
    else onChange(null);
  };
  return (
    <div className="space-y-3">
      <SelectField
        label="Then"
        name="onMaxWait"
        value={kind}
        onChange={choose}
        options={[
          { value: NONE, label: 'Nothing' },
          { value: 'overflow', label: 'Move it to another queue' },
          { value: 'escalate', label: 'Escalate' },
          { value: 'auto_reply', label: 'Send the customer a message' },
        ]}
      />
      {action?.kind === 'overflow' && <SelectField label="Overflow queue" name="onMaxWait.queueId" value={String(action.queueId)} onChange={(v) => onChange({ kind: 'overflow', queueId: Number(v) })} options={queues.map((q) => ({ value: String(q.id), label: q.name }))} />}
      {action?.kind === 'escalate' && (
        <>
          <CheckboxGroup legend="Notify" options={agents} value={(action.notifyUserIds ?? []).map(String)} onChange={(ids) => onChange({ ...action, notifyUserIds: ids.map(Number) })} />
          <CheckboxField label="Raise the priority one step" checked={!!action.raisePriority} onChange={(raisePriority) => onChange({ ...action, raisePriority })} />
        </>
      )}
      {action?.kind === 'auto_reply' && <TextAreaField label="Message" name="onMaxWait.body" value={action.body} onChange={(body) => onChange({ kind: 'auto_reply', body })} hint="{{position}} is replaced by the ticket’s place in line." />}
    </div>
  );
}

function QueueForm({ queue, queues, onDone }: { queue: RoutingQueue | null; queues: RoutingQueue[]; onDone: () => void }) {
  const teams = useTeamOptions('Choose a team…');
  const calendars = useCalendarOptions('Calendar hours (around the clock)');
  const [d, setD] = useState({
    name: queue?.name ?? '',
    teamId: optionOf(queue?.teamId),
    strategy: queue?.strategy ?? 'round_robin',
    position: queue?.position ?? (queues.length ? Math.max(...queues.map((q) => q.position)) + 1 : 0),
    active: queue?.active ?? true,
    conditions: queue?.conditions ?? {},
    skillRules: queue?.skillRules ?? [],
    sticky: queue?.sticky ?? false,
    maxWaitMinutes: queue?.maxWaitMinutes ?? null,
    onMaxWait: queue?.onMaxWait ?? null,
    calendarId: optionOf(queue?.calendarId),
  });
  const save = useSave('/routing/queues', KEY, queue?.id, onDone);
  const body = {
    ...d,
    teamId: idOrNull(d.teamId),
    calendarId: idOrNull(d.calendarId),
    conditions: compactConditions(d.conditions),
    skillRules: d.skillRules.map((r) => ({ ...r, when: compactConditions(r.when) })),
    onMaxWait: d.maxWaitMinutes ? d.onMaxWait : null,
  };
  const others = queues.filter((q) => q.id !== queue?.id);
  return (
    <Form
      onSubmit={() => save.mutate(body)}
      pending={save.isPending}
      error={save.error}
      submitLabel={queue ? 'Save queue' : 'Add queue'}
      onCancel={onDone}
      fields={['name', 'teamId', 'strategy', 'position', 'conditions', 'skillRules', 'maxWaitMinutes', 'onMaxWait', 'calendarId']}
    >
      <FieldRow>
        <TextField label="Name" name="name" required value={d.name} onChange={(name) => setD({ ...d, name })} />
        <SelectField label="Team" name="teamId" value={d.teamId} onChange={(teamId) => setD({ ...d, teamId })} options={teams.options} hint="Tickets in this queue go to its members." />
      </FieldRow>
      <FieldRow>
        <SelectField label="Assign by" name="strategy" value={d.strategy} onChange={(strategy) => setD({ ...d, strategy: strategy as RoutingQueue['strategy'] })} options={ROUTING_STRATEGIES.map((s) => ({ value: s, label: STRATEGY_LABEL[s] }))} />
        <NumberField label="Order" name="position" min={0} value={d.position} onChange={(position) => setD({ ...d, position: position ?? 0 })} hint="Tickets join the first queue that matches." />
      </FieldRow>
      <CheckboxField label="Prefer the agent who last helped this customer" hint="When that agent is online and has room." checked={d.sticky} onChange={(sticky) => setD({ ...d, sticky })} />
      <FieldGroup title="Takes tickets that match" description="Leave everything empty to take every ticket.">
        <ConditionsFields name="conditions" organizations customer value={d.conditions} onChange={(conditions) => setD({ ...d, conditions })} />
      </FieldGroup>
      <FieldGroup title="Required skills" description="Tickets matching a rule go only to agents with that skill at the level or better.">
        <ListEditor items={d.skillRules} onChange={(skillRules) => setD({ ...d, skillRules })} blank={() => ({ when: {}, skill: '', minLevel: 1 })} addLabel="Add skill rule" itemLabel={(r, i) => `skill rule ${r.skill || i + 1}`}>
          {(rule, update, i) => (
            <div className="w-full space-y-3 rounded-md bg-stone-50 p-3">
              <FieldRow>
                <TextField label={`Rule ${i + 1} skill`} name={`skillRules.${i}.skill`} required value={rule.skill} onChange={(skill) => update({ skill })} placeholder="german" />
                <NumberField label={`Rule ${i + 1} minimum level (1–5)`} name={`skillRules.${i}.minLevel`} min={1} max={5} required value={rule.minLevel} onChange={(minLevel) => update({ minLevel: minLevel ?? 1 })} />
              </FieldRow>
              <ConditionsFields name={`skillRules.${i}.when`} organizations customer value={rule.when} onChange={(when) => update({ when })} />
            </div>
          )}
        </ListEditor>
      </FieldGroup>
      <FieldGroup title="Waiting too long">
        <FieldRow>
          <DurationField label="Maximum wait" name="maxWaitMinutes" value={d.maxWaitMinutes} onChange={(maxWaitMinutes) => setD({ ...d, maxWaitMinutes })} hint="Empty: no limit." />
          <SelectField label="Count the wait in" name="calendarId" value={d.calendarId} onChange={(calendarId) => setD({ ...d, calendarId })} options={calendars} />
        </FieldRow>
        {d.maxWaitMinutes ? <MaxWaitFields action={d.onMaxWait} onChange={(onMaxWait) => setD({ ...d, onMaxWait })} queues={others} /> : null}
      </FieldGroup>
      <CheckboxField label="Active" checked={d.active} onChange={(active) => setD({ ...d, active })} />
    </Form>
  );
}

export default function QueuesSettings() {
  const queues = useQuery({ queryKey: KEY, queryFn: () => api.get<Page<RoutingQueue>>('/routing/queues') });
  const teams = useTeamOptions();
  const editor = useEditor<RoutingQueue>();
  const remove = useAction((id: number) => api.delete(`/routing/queues/${id}`), KEY);
  const list = queues.data?.data ?? [];
  return (
    <>
      <SettingsHeader title="Routing queues" description="Queues hand tickets to the team’s available agents, within each agent’s capacity. Set capacities and skills under Capacity & skills." action={<AddButton onClick={editor.create}>Add queue</AddButton>} />
      <ErrorNote message={errorText(remove.error ?? queues.error)} />
      <Table label="Routing queues" head={['#', 'Queue', 'Team', 'Assign by', 'Takes', 'Max wait', '']} empty="No queues yet: tickets wait to be picked up by hand." loading={queues.isPending}>
        {list.map((q) => (
          <tr key={q.id}>
            <td className={`${cell} tabular-nums text-stone-400`}>{q.position}</td>
            <td className={cell}>
              <span className="font-medium">{q.name}</span>
              <span className="mt-1 block">
                <ActivePill active={q.active} />
              </span>
            </td>
            <td className={`${cell} text-stone-600`}>{teams.nameOf(q.teamId)}</td>
            <td className={`${cell} text-stone-600`}>
              {STRATEGY_LABEL[q.strategy]}
              {q.skillRules.length > 0 && <span className="block text-xs text-stone-500">skills: {q.skillRules.map((r) => `${r.skill} ≥ ${r.minLevel}`).join(', ')}</span>}
            </td>
            <td className={`${cell} max-w-56 text-xs text-stone-600`}>{conditionsText(q.conditions)}</td>
            <td className={`${cell} whitespace-nowrap`}>{minutesText(q.maxWaitMinutes)}</td>
            <td className={cell}>
              <RowActions name={q.name} onEdit={() => editor.edit(q)} remove={{ what: 'queue', consequence: 'Tickets waiting in it stay unassigned.', onConfirm: () => remove.mutate(q.id) }} />
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog wide open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'Add a routing queue'}>
        <QueueForm queue={editor.item} queues={list} onDone={editor.close} />
      </FormDialog>
    </>
  );
}
