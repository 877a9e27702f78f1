import { useState } from 'react';
import { useLocation } from 'wouter';
import type { Me, Ticket } from '../lib/types.ts';
import { Form, FormDialog, SelectField, TextAreaField, TextField, useSave } from './forms/index.ts';

type Kind = 'email' | 'logged';

const KINDS = [
  { value: 'email', label: 'Email the customer' },
  { value: 'logged', label: 'Log a request they made by phone or in person' },
];

interface NewTicketBody {
  subject: string;
  requester: { email: string; name?: string };
  message: { body: string; author: 'agent' | 'customer' };
  channel: 'email' | 'phone';
  status: 'pending' | 'open';
  assigneeId?: number;
}

/**
 * Opens a ticket from the agent app, owned by the agent who opens it: a first mail to a customer
 * (sent from the support mailbox; the ticket waits for their answer), or a request the customer
 * made another way, written down in their name.
 */
export function NewTicketDialog({ open, onClose, me }: { open: boolean; onClose: () => void; me: Me }) {
  const [, navigate] = useLocation();
  const [kind, setKind] = useState<Kind>('email');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const save = useSave<NewTicketBody, { ticket: Ticket }>('/tickets', ['tickets'], null, ({ ticket }) => {
    close();
    navigate(`/tickets/${ticket.id}`);
  });

  function close() {
    setEmail('');
    setName('');
    setSubject('');
    setBody('');
    save.reset();
    onClose();
  }

  const submit = () =>
    save.mutate({
      subject,
      requester: { email, ...(name.trim() ? { name } : {}) },
      message: { body, author: kind === 'email' ? 'agent' : 'customer' },
      channel: kind === 'email' ? 'email' : 'phone',
      status: kind === 'email' ? 'pending' : 'open',
      ...(me.id !== null ? { assigneeId: me.id } : {}),
    });

  return (
    <FormDialog open={open} onClose={close} title="New ticket">
      <Form
        label="New ticket"
        onSubmit={submit}
        pending={save.isPending}
        error={save.error}
        submitLabel={kind === 'email' ? 'Send' : 'Create ticket'}
        onCancel={close}
        fields={['requester', 'subject', 'message']}
      >
        <SelectField label="What is it" value={kind} onChange={(v) => setKind(v as Kind)} options={KINDS} />
        <div className="grid grid-cols-2 gap-3">
          <TextField label="Customer email" name="requester.email" type="email" required value={email} onChange={setEmail} autoComplete="off" />
          <TextField label="Name" name="requester.name" value={name} onChange={setName} hint="If they are new to you" />
        </div>
        <TextField label="Subject" name="subject" required value={subject} onChange={setSubject} />
        <TextAreaField
          label={kind === 'email' ? 'Message to the customer' : 'What they asked for'}
          name="message.body"
          required
          rows={6}
          value={body}
          onChange={setBody}
        />
      </Form>
    </FormDialog>
  );
}
