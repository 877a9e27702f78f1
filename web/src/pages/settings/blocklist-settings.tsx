import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText, Form, TextField, useAction, useSave } from '../../components/forms/index.ts';
import { relativeTime } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { BlockedSender } from '../../lib/types.ts';
import { cell, ErrorNote, RowActions, SettingsHeader, Table } from './settings-ui.tsx';

const KEY = ['settings', 'blocklist'];

export default function BlocklistSettings() {
  const blocked = useQuery({ queryKey: KEY, queryFn: () => api.get<{ data: BlockedSender[] }>('/email/blocklist') });
  const [draft, setDraft] = useState({ pattern: '', reason: '' });
  const block = useSave('/email/blocklist', KEY, null, () => setDraft({ pattern: '', reason: '' }));
  const unblock = useAction((id: number) => api.delete(`/email/blocklist/${id}`), KEY);
  return (
    <>
      <SettingsHeader title="Blocked senders" description="Mail from these addresses or domains is stored but never becomes a ticket; it shows under Failed mail as set aside." />
      <Form layout="inline" label="Block a sender" onSubmit={() => block.mutate(draft)} pending={block.isPending} error={block.error} submitLabel="Block" fields={['pattern', 'reason']}>
        <TextField className="w-72" label="Address or domain" name="pattern" required value={draft.pattern} onChange={(pattern) => setDraft({ ...draft, pattern })} placeholder="spam@example.com or example.com" />
        <TextField className="min-w-48 flex-1" label="Reason (optional)" name="reason" value={draft.reason} onChange={(reason) => setDraft({ ...draft, reason })} />
      </Form>
      <ErrorNote message={errorText(unblock.error ?? blocked.error)} />
      <Table label="Blocked senders" head={['Address or domain', 'Reason', 'Since', '']} empty="Nobody is blocked." loading={blocked.isPending}>
        {(blocked.data?.data ?? []).map((b) => (
          <tr key={b.id}>
            <td className={`${cell} font-mono text-xs`}>{b.pattern}</td>
            <td className={`${cell} text-stone-600`}>{b.reason}</td>
            <td className={`${cell} text-stone-600`}>{relativeTime(b.createdAt)}</td>
            <td className={cell}>
              <RowActions name={b.pattern} remove={{ what: 'block on', consequence: 'Mail from this sender will become tickets again.', onConfirm: () => unblock.mutate(b.id) }} />
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
