import { useInfiniteQuery } from '@tanstack/react-query';
import { History, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { useWorkspaceAgents, useWorkspaceTeams } from '../lib/agents.ts';
import { api } from '../lib/api.ts';
import type { Page, Priority, Status } from '../lib/types.ts';
import { Avatar, button, channelName, fullTime, PRIORITY_LABEL, relativeTime, STATUS_LABEL } from './ui.tsx';

/** One entry of GET /tickets/{id}/audit. */
interface AuditEntry {
  id: number;
  actor: { kind: string; userId: number | null; name: string | null };
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: string;
}

type Names = { agent: (id: unknown) => string; team: (id: unknown) => string };
type Values = Record<string, unknown>;

const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);

/** "Status: Open → Pending" for each field a change touched, in words an agent reads. */
function fieldChanges(before: Values, after: Values, names: Names): string[] {
  const shown: Record<string, (v: unknown) => string> = {
    status: (v) => STATUS_LABEL[v as Status] ?? String(v),
    priority: (v) => PRIORITY_LABEL[v as Priority] ?? String(v),
    assigneeId: (v) => (v == null ? 'Unassigned' : names.agent(v)),
    teamId: (v) => (v == null ? 'No team' : names.team(v)),
    type: (v) => (v == null ? 'None' : String(v)),
    subject: (v) => `“${String(v)}”`,
  };
  const label: Record<string, string> = { status: 'Status', priority: 'Priority', assigneeId: 'Assignee', teamId: 'Team', type: 'Type', subject: 'Subject' };
  return Object.keys(after).flatMap((field) => {
    if (field === 'tags') {
      const [was, is] = [list(before.tags), list(after.tags)];
      const changes = [...is.filter((t) => !was.includes(t)).map((t) => `+${t}`), ...was.filter((t) => !is.includes(t)).map((t) => `−${t}`)];
      return changes.length ? [`Tags: ${changes.join(' ')}`] : [];
    }
    if (field === 'customFields') return JSON.stringify(before.customFields) === JSON.stringify(after.customFields) ? [] : ['Custom fields changed'];
    const show = shown[field];
    if (!show || JSON.stringify(before[field]) === JSON.stringify(after[field])) return [];
    return [field in before ? `${label[field]}: ${show(before[field])} → ${show(after[field])}` : `${label[field]}: ${show(after[field])}`];
  });
}

/**
 * Who did it. What came in through a channel is recorded as done by the system: a customer's
 * message, and a ticket opened by their first one.
 */
function whoDid(entry: AuditEntry): string {
  if (entry.actor.name) return entry.actor.name;
  const fromCustomer = entry.action === 'ticket.created' || (entry.action === 'ticket.message_added' && entry.after?.authorType === 'customer');
  return entry.actor.kind === 'system' ? (fromCustomer ? 'The customer' : 'Tend') : 'Someone';
}

/** What happened, as a heading and the changes it made. */
function describe(entry: AuditEntry, names: Names): { what: string; changes: string[] } {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  switch (entry.action) {
    case 'ticket.created':
      return { what: after.splitFrom ? `opened this ticket from a message of #${after.splitFrom}` : `opened the ticket${after.channel ? ` by ${channelName(String(after.channel))}` : ''}`, changes: [] };
    case 'ticket.updated':
      return { what: 'changed the ticket', changes: fieldChanges(before, after, names) };
    case 'ticket.message_added':
      return { what: after.authorType === 'customer' ? 'wrote' : 'replied', changes: 'status' in before ? fieldChanges({ status: before.status }, { status: after.status }, names) : [] };
    case 'ticket.note_added':
      return { what: 'added an internal note', changes: [] };
    case 'ticket.transferred':
      return { what: 'transferred the ticket', changes: fieldChanges(before, { assigneeId: after.assigneeId, teamId: after.teamId }, names) };
    case 'ticket.merged':
      return { what: `merged this ticket into #${after.mergedIntoId}`, changes: [] };
    case 'ticket.merged_into':
      return { what: `merged ${list(after.mergedTicketIds).map((id) => `#${id}`).join(', ')} into this ticket`, changes: [] };
    case 'ticket.linked':
      return { what: `linked #${after.linkedTicketId}`, changes: [] };
    case 'ticket.unlinked':
      return { what: `unlinked #${before.linkedTicketId}`, changes: [] };
    case 'ticket.split':
      return { what: `split a message into #${after.newTicketId}`, changes: [] };
    case 'ticket.cc_changed':
      return { what: 'changed who is copied on replies', changes: [`Cc: ${list(after.cc).join(', ') || 'nobody'}`] };
    case 'ticket.message_resent':
      return { what: 'sent a failed email again', changes: [] };
    default:
      return { what: entry.action.replace(/^ticket\./, '').replaceAll('_', ' '), changes: [] };
  }
}

/** Who changed what on the ticket and when, newest first, from its audit log. */
export function TicketHistory({ ticketId }: { ticketId: number }) {
  const [open, setOpen] = useState(false);
  const agents = useWorkspaceAgents();
  const teams = useWorkspaceTeams(open);
  const history = useInfiniteQuery({
    queryKey: ['ticket', ticketId, 'history'],
    enabled: open,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<Page<AuditEntry>>(`/tickets/${ticketId}/audit`, { cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const nameOf = (rows: { id: number; name: string }[] | undefined, what: string) => (id: unknown) => rows?.find((r) => r.id === id)?.name ?? `${what} ${String(id)}`;
  const names: Names = { agent: nameOf(agents.data?.data, 'agent'), team: nameOf(teams.data?.data, 'team') };
  const entries = history.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className={`${button.ghost} px-1.5`} title="History: who changed what, and when">
        <History className="size-4" aria-hidden />
        <span className="sr-only">History</span>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-stone-900/20" />
        <Dialog.Content className="fixed inset-y-0 right-0 z-50 flex w-full max-w-md flex-col bg-white shadow-xl ring-1 ring-stone-200">
          <header className="flex items-center gap-3 border-b border-stone-200 px-5 py-4">
            <Dialog.Title className="flex-1 text-base font-semibold">History of #{ticketId}</Dialog.Title>
            <Dialog.Description className="sr-only">Who changed what on this ticket, and when, newest first.</Dialog.Description>
            <Dialog.Close className={`${button.ghost} p-1`} aria-label="Close">
              <X className="size-4" aria-hidden />
            </Dialog.Close>
          </header>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-3">
            {history.isPending && <p className="text-sm text-stone-400">Loading the history…</p>}
            {history.isError && <p className="text-sm text-red-700">The history could not be loaded.</p>}
            <ol className="space-y-3" aria-label="History">
              {entries.map((entry) => {
                const { what, changes } = describe(entry, names);
                const who = whoDid(entry);
                return (
                  <li key={entry.id} className="flex gap-3 text-sm">
                    <Avatar name={who} size="sm" />
                    <div className="min-w-0 flex-1">
                      <p className="text-stone-800">
                        <span className="font-medium text-stone-900">{who}</span> {what}
                        <time className="ml-2 text-xs text-stone-400" dateTime={entry.createdAt} title={fullTime(entry.createdAt)}>
                          {relativeTime(entry.createdAt)}
                        </time>
                      </p>
                      {changes.length > 0 && (
                        <ul className="mt-0.5 text-xs text-stone-600">
                          {changes.map((c) => (
                            <li key={c}>{c}</li>
                          ))}
                        </ul>
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
            {history.hasNextPage && (
              <button type="button" className={`${button.secondary} mt-4 w-full`} disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
                Show earlier
              </button>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
