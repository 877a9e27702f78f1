import { useQuery } from '@tanstack/react-query';
import { Zap } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import type { Page, Priority, Status, Ticket } from '../lib/types.ts';
import { input } from './ui.tsx';

export interface Macro {
  id: number;
  name: string;
  shared: boolean;
  actions: { reply?: string; internal?: boolean; status?: Status; priority?: Priority; addTags?: string[]; assignToMe?: boolean; teamId?: number | null };
}

/** Fills `{{customer.first_name}}` and friends from the ticket and the agent; unknown ones stay visible. */
export function renderPlaceholders(text: string, ticket: Ticket, agentName: string): string {
  const customerName = ticket.requester.name || '';
  const values: Record<string, string> = {
    'customer.name': customerName,
    'customer.first_name': customerName.split(/\s+/)[0] || 'there',
    'customer.email': ticket.requester.email ?? '',
    'agent.name': agentName,
    'agent.first_name': agentName.split(/\s+/)[0] ?? agentName,
    'ticket.id': String(ticket.id),
    'ticket.subject': ticket.subject,
  };
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (match, key: string) => values[key] ?? match);
}

export function MacroPicker({ onApply }: { onApply: (macro: Macro) => void }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const macros = useQuery({ queryKey: ['macros', q], queryFn: () => api.get<Page<Macro>>('/macros', { q }), enabled: open });
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger className="inline-flex items-center gap-1 rounded px-2 py-1 text-xs font-medium text-stone-600 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-brand-600">
        <Zap className="size-3.5" aria-hidden /> Macros
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={6} className="z-50 w-80 rounded-lg bg-white p-2 shadow-xl ring-1 ring-stone-200">
          <input autoFocus aria-label="Search macros" placeholder="Search macros…" value={q} onChange={(e) => setQ(e.target.value)} className={input} />
          <ul className="mt-2 max-h-72 overflow-y-auto" aria-label="Macros">
            {(macros.data?.data ?? []).map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  onClick={() => {
                    setOpen(false);
                    onApply(m);
                  }}
                  className="block w-full rounded-md px-2 py-1.5 text-left hover:bg-brand-50 focus-visible:bg-brand-50 focus-visible:outline-none"
                >
                  <span className="block text-sm text-stone-800">{m.name}</span>
                  <span className="block truncate text-xs text-stone-500">
                    {[m.shared ? 'Shared' : 'Personal', m.actions.status && `→ ${m.actions.status.replace('_', ' ')}`, m.actions.addTags?.length && `+${m.actions.addTags.join(', ')}`].filter(Boolean).join(' · ')}
                  </span>
                </button>
              </li>
            ))}
            {macros.data?.data.length === 0 && <li className="px-2 py-4 text-center text-xs text-stone-500">No macro matches.</li>}
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
