import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { useState } from 'react';
import { useWorkspaceAgents, useWorkspaceTeams } from '../lib/agents.ts';
import { api } from '../lib/api.ts';
import { type Page, PRIORITIES, STATUSES, type Ticket } from '../lib/types.ts';
import { Select } from './select.tsx';
import { input, PRIORITY_LABEL, STATUS_LABEL } from './ui.tsx';

const NONE = 'none';

interface CustomField {
  key: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'dropdown' | 'checkbox';
  options: string[];
  active: boolean;
}

/** Text-like fields save when the agent leaves them; choices save at once. */
function CustomFieldInput({ field, value, onSave, disabled }: { field: CustomField; value: unknown; onSave: (value: unknown) => void; disabled: boolean }) {
  if (field.type === 'checkbox') {
    return <input type="checkbox" aria-label={field.label} disabled={disabled} checked={value === true} onChange={(e) => onSave(e.target.checked)} className="size-4 accent-brand-700" />;
  }
  if (field.type === 'dropdown') {
    return (
      <Select compact label={field.label} value={typeof value === 'string' ? value : NONE} onChange={(v) => onSave(v === NONE ? null : v)} options={[{ value: NONE, label: '—' }, ...field.options.map((o) => ({ value: o, label: o }))]} />
    );
  }
  const shown = value === null || value === undefined ? '' : String(value);
  return (
    <input
      key={shown}
      aria-label={field.label}
      disabled={disabled}
      type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
      defaultValue={shown}
      onBlur={(e) => {
        const raw = e.target.value;
        if (raw === shown) return;
        onSave(raw === '' ? null : field.type === 'number' ? Number(raw) : raw);
      }}
      className={`${input} px-2 py-1`}
    />
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[84px_1fr] items-center gap-2">
      <span className="text-xs font-medium text-stone-500">{label}</span>
      <div className="min-w-0">{children}</div>
    </div>
  );
}

/** Every property saves on change; the server's answer (and realtime events from others) replace the shown ticket. */
export function TicketProperties({ ticket, editable }: { ticket: Ticket; editable: boolean }) {
  const queryClient = useQueryClient();
  const agents = useWorkspaceAgents();
  const teams = useWorkspaceTeams();
  const fields = useQuery({ queryKey: ['custom-fields'], queryFn: () => api.get<Page<CustomField>>('/custom-fields'), staleTime: 300_000 });
  const [tag, setTag] = useState('');
  const update = useMutation({
    mutationFn: (change: Record<string, unknown>) => api.patch<Ticket>(`/tickets/${ticket.id}`, change),
    onSuccess: (updated) => {
      queryClient.setQueryData(['ticket', ticket.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
  const save = (change: Record<string, unknown>) => editable && update.mutate(change);

  const agentOptions = [{ value: NONE, label: 'Unassigned' }, ...(agents.data?.data ?? []).filter((a) => a.status !== 'deactivated').map((a) => ({ value: String(a.id), label: a.name }))];
  if (ticket.assignee && !agentOptions.some((o) => o.value === String(ticket.assignee?.id))) agentOptions.push({ value: String(ticket.assignee.id), label: ticket.assignee.name });
  const teamOptions = [{ value: NONE, label: 'No team' }, ...(teams.data?.data ?? []).map((t) => ({ value: String(t.id), label: t.name }))];
  if (ticket.team && !teamOptions.some((o) => o.value === String(ticket.team?.id))) teamOptions.push({ value: String(ticket.team.id), label: ticket.team.name });

  return (
    <section aria-label="Ticket properties" className="space-y-3">
      <Field label="Status">
        <Select compact label="Status" value={ticket.status} onChange={(status) => save({ status })} options={STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))} />
      </Field>
      <Field label="Priority">
        <Select compact label="Priority" value={ticket.priority} onChange={(priority) => save({ priority })} options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))} />
      </Field>
      <Field label="Assignee">
        <Select compact label="Assignee" value={ticket.assignee ? String(ticket.assignee.id) : NONE} onChange={(v) => save({ assigneeId: v === NONE ? null : Number(v) })} options={agentOptions} />
      </Field>
      <Field label="Team">
        <Select compact label="Team" value={ticket.team ? String(ticket.team.id) : NONE} onChange={(v) => save({ teamId: v === NONE ? null : Number(v) })} options={teamOptions} />
      </Field>
      <Field label="Tags">
        <div className="flex flex-wrap items-center gap-1">
          {ticket.tags.map((t) => (
            <span key={t} className="inline-flex items-center gap-1 rounded bg-stone-100 py-0.5 pr-1 pl-1.5 text-xs text-stone-700">
              {t}
              {editable && (
                <button type="button" aria-label={`Remove tag ${t}`} onClick={() => save({ removeTags: [t] })} className="rounded text-stone-400 hover:text-stone-700">
                  <X className="size-3" />
                </button>
              )}
            </span>
          ))}
          {editable && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (tag.trim()) save({ addTags: [tag.trim()] });
                setTag('');
              }}
            >
              <input aria-label="Add a tag" placeholder="Add tag" value={tag} onChange={(e) => setTag(e.target.value)} className={`${input} w-24 px-1.5 py-0.5 text-xs`} />
            </form>
          )}
        </div>
      </Field>
      {(fields.data?.data ?? [])
        .filter((f) => f.active)
        .map((f) => (
          <Field key={f.key} label={f.label}>
            <CustomFieldInput field={f} value={ticket.customFields[f.key]} onSave={(value) => save({ customFields: { [f.key]: value } })} disabled={!editable} />
          </Field>
        ))}
      {update.error && <p className="text-xs text-red-700">{update.error.message}</p>}
    </section>
  );
}
