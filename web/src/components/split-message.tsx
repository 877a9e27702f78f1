import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Scissors } from 'lucide-react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { api } from '../lib/api.ts';
import type { Message } from '../lib/types.ts';
import { Form, FormDialog, TextField } from './forms/index.ts';
import { button } from './ui.tsx';

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
  const start = () => {
    setSubject(message.body.split('\n').find((line) => line.trim())?.trim().slice(0, 120) ?? '');
    split.reset();
    setOpen(true);
  };
  return (
    <>
      <button type="button" className={`${button.ghost} px-1.5 py-0.5 text-stone-400 hover:text-stone-700`} title="Split into a new ticket" onClick={start}>
        <Scissors className="size-4" aria-hidden />
        <span className="sr-only">Split into a new ticket</span>
      </button>
      <FormDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Split into a new ticket"
        description={`This message from ${message.author.name} moves into a new ticket, linked to #${message.ticketId}, with the same customer.`}
      >
        <Form onSubmit={() => split.mutate()} pending={split.isPending} error={split.error} submitLabel="Split" onCancel={() => setOpen(false)} fields={['subject']}>
          <TextField label="Subject of the new ticket" name="subject" autoFocus value={subject} onChange={setSubject} maxLength={500} />
        </Form>
      </FormDialog>
    </>
  );
}
