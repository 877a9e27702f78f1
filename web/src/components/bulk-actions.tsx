import { Merge, Tags } from 'lucide-react';
import { Dialog, Popover } from 'radix-ui';
import { useState } from 'react';
import { api, ApiError } from '../lib/api.ts';
import type { Ticket } from '../lib/types.ts';
import { button, input, popover } from './ui.tsx';

const parseTags = (text: string) => [...new Set(text.split(/[,\s]+/).map((t) => t.trim()).filter(Boolean))];

/** Add or remove tags on every selected ticket: one field, two verbs. */
export function BulkTags({ onApply }: { onApply: (change: { addTags?: string[]; removeTags?: string[] }) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const tags = parseTags(text);
  const apply = async (change: { addTags?: string[]; removeTags?: string[] }) => {
    await onApply(change);
    setText('');
    setOpen(false);
  };
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger className={button.secondary}>
        <Tags className="size-3.5" aria-hidden /> Tags
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={6} className={`${popover} w-72`}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (tags.length) void apply({ addTags: tags });
            }}
          >
            <label className="text-xs font-medium text-stone-600" htmlFor="bulk-tags">
              Tags for the selected tickets
            </label>
            <input id="bulk-tags" autoFocus value={text} onChange={(e) => setText(e.target.value)} placeholder="refund, vip" className={`${input} mt-1`} />
            <div className="mt-3 flex justify-end gap-2">
              <button type="button" className={button.secondary} disabled={!tags.length} onClick={() => void apply({ removeTags: tags })}>
                Remove tags
              </button>
              <button type="submit" className={button.primary} disabled={!tags.length}>
                Add tags
              </button>
            </div>
          </form>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** Merge the selected tickets into the one the agent keeps (the oldest unless they choose another). */
export function BulkMerge({ tickets, onMerged }: { tickets: Ticket[]; onMerged: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [keep, setKeep] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target = keep ?? Math.min(...tickets.map((t) => t.id));
  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/tickets/${target}/merge`, { sourceIds: tickets.map((t) => t.id).filter((id) => id !== target) });
      setOpen(false);
      await onMerged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The tickets could not be merged.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setKeep(null);
        setError(null);
      }}
    >
      <Dialog.Trigger className={button.secondary} disabled={tickets.length < 2}>
        <Merge className="size-3.5" aria-hidden /> Merge
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-stone-900/30" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-full max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-5 shadow-xl ring-1 ring-stone-200">
          <Dialog.Title className="text-base font-semibold">Merge {tickets.length} tickets</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-stone-500">The others' messages move into the ticket you keep, and they are closed.</Dialog.Description>
          <fieldset className="mt-4 space-y-1">
            <legend className="mb-1 text-xs font-medium text-stone-600">Keep</legend>
            {tickets.map((t) => (
              <label key={t.id} className={`flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 text-sm ring-1 ring-inset ${t.id === target ? 'bg-brand-50 ring-brand-600' : 'ring-stone-200 hover:bg-stone-50'}`}>
                <input type="radio" name="merge-target" checked={t.id === target} onChange={() => setKeep(t.id)} className="accent-brand-700" />
                <span className="min-w-0 flex-1 truncate">{t.subject}</span>
                <span className="text-xs text-stone-500">#{t.id}</span>
              </label>
            ))}
          </fieldset>
          {error && <p className="mt-3 text-sm text-red-700">{error}</p>}
          <div className="mt-5 flex justify-end gap-2">
            <Dialog.Close className={button.secondary}>Cancel</Dialog.Close>
            <button type="button" className={button.primary} disabled={busy} onClick={() => void merge()}>
              Merge into #{target}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
