import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../lib/api.ts';
import type { Status } from '../lib/types.ts';
import { errorText } from './forms/index.ts';
import { button, input, StatusBadge } from './ui.tsx';

interface TicketLink {
  ticketId: number;
  kind: string;
  subject: string;
  status: Status;
  createdAt: string;
}

/** Tickets about the same thing (a follow-up, the same outage), each a click away; agents who may change the ticket link and unlink them. */
export function LinkedTickets({ ticketId, editable }: { ticketId: number; editable: boolean }) {
  const queryClient = useQueryClient();
  const key = ['ticket', ticketId, 'links'];
  const links = useQuery({ queryKey: key, queryFn: () => api.get<{ data: TicketLink[] }>(`/tickets/${ticketId}/links`) });
  const [number, setNumber] = useState('');
  const changed = () => queryClient.invalidateQueries({ queryKey: key });
  const link = useMutation({
    mutationFn: (other: number) => api.post(`/tickets/${ticketId}/links`, { ticketId: other }),
    onSuccess: () => {
      setNumber('');
      return changed();
    },
  });
  const unlink = useMutation({ mutationFn: (other: number) => api.delete(`/tickets/${ticketId}/links/${other}`), onSuccess: changed });
  const rows = links.data?.data ?? [];
  const other = Number(number.replace(/^#/, ''));
  return (
    <section aria-label="Linked tickets">
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-stone-400 uppercase">Linked tickets</h3>
      {rows.length === 0 && <p className="text-xs text-stone-400">{links.isPending ? 'Loading…' : 'None.'}</p>}
      <ul className="space-y-1">
        {rows.map((l) => (
          <li key={l.ticketId} className="group flex items-center gap-1">
            <Link href={`/tickets/${l.ticketId}`} className="min-w-0 flex-1 rounded-md px-2 py-1.5 hover:bg-stone-100">
              <span className="block truncate text-xs font-medium text-stone-800">{l.subject}</span>
              <span className="mt-0.5 flex items-center gap-2 text-[11px] text-stone-500">
                <StatusBadge status={l.status} /> #{l.ticketId}
                {l.kind !== 'related' && <> · {l.kind.replaceAll('_', ' ')}</>}
              </span>
            </Link>
            {editable && (
              <button type="button" className={`${button.ghost} p-1 text-stone-400`} aria-label={`Unlink #${l.ticketId}`} onClick={() => unlink.mutate(l.ticketId)}>
                <X className="size-3.5" aria-hidden />
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <form
          className="mt-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (Number.isInteger(other) && other > 0) link.mutate(other);
          }}
        >
          <input aria-label="Link a ticket by its number" value={number} onChange={(e) => setNumber(e.target.value)} placeholder="Link ticket #…" inputMode="numeric" className={`${input} text-xs`} />
        </form>
      )}
      {(link.error ?? unlink.error) && <p className="mt-1 text-xs text-red-700">{errorText(link.error ?? unlink.error)}</p>}
    </section>
  );
}
