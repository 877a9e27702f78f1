import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CheckboxField, CheckboxGroup, DurationField, errorText, FieldGroup, FieldRow, Form, FormDialog, ListField, NumberField, SelectField, TextField, useAction, useEditor, useSave } from '../../components/forms/index.ts';
import { api } from '../../lib/api.ts';
import type { Page, SlaPolicy } from '../../lib/types.ts';
import { compactConditions, ConditionsFields, conditionsText } from './conditions-fields.tsx';
import { idOrNull, minutesText, NONE, optionOf, useAgentOptions, useCalendarOptions, useCalendars, useTeamOptions } from './settings-data.ts';
import { ActivePill, AddButton, cell, ErrorNote, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEY = ['settings', 'sla'];

function PolicyForm({ policy, nextPosition, onDone }: { policy: SlaPolicy | null; nextPosition: number; onDone: () => void }) {
  const calendars = useCalendarOptions('Calendar hours (around the clock)');
  const agents = useAgentOptions();
  const teams = useTeamOptions('Leave as is');
  const [d, setD] = useState({
    name: policy?.name ?? '',
    position: policy?.position ?? nextPosition,
    active: policy?.active ?? true,
    conditions: policy?.conditions ?? {},
    firstResponseMinutes: policy ? policy.firstResponseMinutes : (60 as number | null),
    nextResponseMinutes: policy?.nextResponseMinutes ?? null,
    resolutionMinutes: policy?.resolutionMinutes ?? null,
    warningMinutes: policy?.warningMinutes ?? 15,
    calendarId: optionOf(policy?.calendarId),
    pauseStatuses: policy?.pauseStatuses ?? ['pending', 'on_hold'],
    escalation: policy?.escalation ?? {},
  });
  const escalate = (patch: Partial<SlaPolicy['escalation']>) => setD({ ...d, escalation: { ...d.escalation, ...patch } });
  const save = useSave('/sla/policies', KEY, policy?.id, onDone);
  const { assigneeId, teamId, ...escalation } = d.escalation;
  const body = {
    ...d,
    conditions: compactConditions(d.conditions),
    calendarId: idOrNull(d.calendarId),
    escalation: { ...escalation, ...(assigneeId ? { assigneeId } : {}), ...(teamId ? { teamId } : {}) },
  };
  return (
    <Form
      onSubmit={() => save.mutate(body)}
      pending={save.isPending}
      error={save.error}
      submitLabel={policy ? 'Save policy' : 'Add policy'}
      onCancel={onDone}
      fields={['name', 'position', 'conditions', 'firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes', 'warningMinutes', 'calendarId', 'escalation']}
    >
      <FieldRow>
        <TextField label="Name" name="name" required value={d.name} onChange={(name) => setD({ ...d, name })} placeholder="Urgent email" />
        <NumberField label="Order" name="position" min={0} value={d.position} onChange={(position) => setD({ ...d, position: position ?? 0 })} hint="Policies are tried in this order; the first that matches applies." />
      </FieldRow>
      <FieldGroup title="Applies to" description="Leave everything empty to match every ticket.">
        <ConditionsFields name="conditions" organizations value={d.conditions} onChange={(conditions) => setD({ ...d, conditions })} />
      </FieldGroup>
      <FieldGroup title="Targets" description="Leave a target empty to not measure it.">
        <FieldRow>
          <DurationField label="First response" name="firstResponseMinutes" value={d.firstResponseMinutes} onChange={(firstResponseMinutes) => setD({ ...d, firstResponseMinutes })} />
          <DurationField label="Next response" name="nextResponseMinutes" value={d.nextResponseMinutes} onChange={(nextResponseMinutes) => setD({ ...d, nextResponseMinutes })} hint="After each customer reply." />
          <DurationField label="Resolution" name="resolutionMinutes" value={d.resolutionMinutes} onChange={(resolutionMinutes) => setD({ ...d, resolutionMinutes })} />
        </FieldRow>
        <FieldRow>
          <DurationField label="Warn before a breach" name="warningMinutes" value={d.warningMinutes} onChange={(warningMinutes) => setD({ ...d, warningMinutes: warningMinutes ?? 0 })} hint="Empty or 0: no warning." />
          <SelectField label="Count in" name="calendarId" value={d.calendarId} onChange={(calendarId) => setD({ ...d, calendarId })} options={calendars} />
        </FieldRow>
        <CheckboxGroup
          legend="Clocks stand still while the ticket is"
          name="pauseStatuses"
          columns={2}
          options={[
            { value: 'pending', label: 'Pending (waiting on the customer)' },
            { value: 'on_hold', label: 'On hold' },
          ]}
          value={d.pauseStatuses}
          onChange={(pauseStatuses) => setD({ ...d, pauseStatuses })}
        />
      </FieldGroup>
      <FieldGroup title="On a breach">
        {agents.length > 0 && <CheckboxGroup legend="Notify" name="escalation.notifyUserIds" options={agents} value={(d.escalation.notifyUserIds ?? []).map(String)} onChange={(ids) => escalate({ notifyUserIds: ids.map(Number) })} />}
        <FieldRow>
          <SelectField label="Reassign to" name="escalation.assigneeId" value={optionOf(d.escalation.assigneeId)} onChange={(v) => escalate({ assigneeId: idOrNull(v) ?? undefined })} options={[{ value: NONE, label: 'Leave as is' }, ...agents]} />
          <SelectField label="Move to team" name="escalation.teamId" value={optionOf(d.escalation.teamId)} onChange={(v) => escalate({ teamId: idOrNull(v) ?? undefined })} options={teams.options} />
        </FieldRow>
        <ListField label="Add tags" name="escalation.addTags" value={d.escalation.addTags ?? []} onChange={(addTags) => escalate({ addTags })} placeholder="sla-breached" hint="Comma separated." />
        <CheckboxField label="Raise the priority one step" checked={!!d.escalation.raisePriority} onChange={(raisePriority) => escalate({ raisePriority })} />
      </FieldGroup>
      <CheckboxField label="Active" checked={d.active} onChange={(active) => setD({ ...d, active })} />
    </Form>
  );
}

export default function SlaSettings() {
  const policies = useQuery({ queryKey: KEY, queryFn: () => api.get<Page<SlaPolicy>>('/sla/policies') });
  const calendars = useCalendars().data?.data ?? [];
  const editor = useEditor<SlaPolicy>();
  const remove = useAction((id: number) => api.delete(`/sla/policies/${id}`), KEY);
  const list = policies.data?.data ?? [];
  return (
    <>
      <SettingsHeader title="SLA policies" description="Response and resolution targets. Each new ticket gets the first active policy that matches it; its clocks warn and escalate before and at a breach." action={<AddButton onClick={editor.create}>Add policy</AddButton>} />
      <ErrorNote message={errorText(remove.error ?? policies.error)} />
      <Table label="SLA policies" head={['#', 'Policy', 'Applies to', 'First response', 'Next response', 'Resolution', 'Hours', '']} empty="No SLA policies yet." loading={policies.isPending}>
        {list.map((p) => (
          <tr key={p.id}>
            <td className={`${cell} tabular-nums text-stone-400`}>{p.position}</td>
            <td className={cell}>
              <span className="font-medium">{p.name}</span>
              <span className="mt-1 block">
                <ActivePill active={p.active} />
              </span>
            </td>
            <td className={`${cell} max-w-56 text-xs text-stone-600`}>{conditionsText(p.conditions)}</td>
            <td className={`${cell} whitespace-nowrap`}>{minutesText(p.firstResponseMinutes)}</td>
            <td className={`${cell} whitespace-nowrap`}>{minutesText(p.nextResponseMinutes)}</td>
            <td className={`${cell} whitespace-nowrap`}>{minutesText(p.resolutionMinutes)}</td>
            <td className={`${cell} text-stone-600`}>{calendars.find((c) => c.id === p.calendarId)?.name ?? '24/7'}</td>
            <td className={cell}>
              <RowActions name={p.name} onEdit={() => editor.edit(p)} remove={{ what: 'policy', consequence: 'Its running clocks on open tickets are removed too.', onConfirm: () => remove.mutate(p.id) }} />
            </td>
          </tr>
        ))}
      </Table>
      <FormDialog wide open={editor.open} onClose={editor.close} title={editor.item ? `Edit ${editor.item.name}` : 'Add an SLA policy'}>
        <PolicyForm policy={editor.item} nextPosition={list.length ? Math.max(...list.map((p) => p.position)) + 1 : 0} onDone={editor.close} />
      </FormDialog>
    </>
  );
}
