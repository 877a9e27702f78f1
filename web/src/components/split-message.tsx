import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Scissors } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { api } from '../lib/api.ts';
import type { Message } from '../lib/types.ts';
import { errorText } from './forms/index.ts';
import { button, input } from './ui.tsx';

/** A message about something else than its ticket (a second question in one mail) moves into a ticket of its own, linked to this one. */
export function SplitMessage({ message }: { message: Message }) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [subject, setSubject] = useState('');
  const split = useMutation({
    mutationFn: () => api.post<{ id: number }>(`/messages/${message.id}/split`, { subject }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['messages', message.ticketId] });
      void queryClient.invalidateQueries({ queryKey: ['ticket', message.ticketId] });
      navigate(`/tickets/${created.id}`);
    },
  });
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setSubject(message.body.split('\n').find((line) => line.trim())?.trim().slice(0, 120) ?? '');
        split.reset();
      }}
    >
      <Dialog.Trigger className={`${button.ghost} px-1.5 py-0.5 text-stone-400 hover:text-stone-700`} title="Split into a new ticket">
        <Scissors className="size-4" aria-hidden />
        <span className="sr-only">Split into a new ticket</span>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-stone-900/30" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-full max-w-lg -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-5 shadow-xl ring-1 ring-stone-200">
          <Dialog.Title className="text-base font-semibold">Split into a new ticket</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-stone-500">
            This message from {message.author.name} moves into a new ticket, linked to #{message.ticketId}, with the same customer.
          </Dialog.Description>
          <form
            className="mt-4"
            onSubmit={(e) => {
              e.preventDefault();
              split.mutate();
            }}
          >
            <label className="text-xs font-medium text-stone-600" htmlFor={`split-${message.id}`}>
              Subject of the new ticket
            </label>
            <input id={`split-${message.id}`} autoFocus value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={500} className={`${input} mt-1`} />
            {split.isError && <p className="mt-3 text-sm text-red-700">{errorText(split.error)}</p>}
            <div className="mt-5 flex justify-end gap-2">
              <Dialog.Close className={button.secondary}>Cancel</Dialog.Close>
              <button type="submit" className={button.primary} disabled={split.isPending}>
                Split
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
