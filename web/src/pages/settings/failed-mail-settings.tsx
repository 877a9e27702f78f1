import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { RotateCw } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'wouter';
import { errorText, useAction } from '../../components/forms/index.ts';
import { Select } from '../../components/select.tsx';
import { button, fullTime, relativeTime } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { InboundMail, Mailbox, Page } from '../../lib/types.ts';
import { cell, ErrorNote, SettingsHeader, Table } from './settings-ui.tsx';

type Outcome = { status: string; reason: string | null; ticketId: number | null };

const EMPTY = { failed: 'Nothing failed. Every mail was filed.', ignored: 'Nothing set aside.', received: 'Nothing waits. Every mail was filed.' };

export default function FailedMailSettings() {
  const [status, setStatus] = useState<'failed' | 'ignored' | 'received'>('failed');
  const key = ['settings', 'inbound-mail', status];
  const mail = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => api.get<Page<InboundMail>>('/email/inbound', { status, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const mailboxes = useQuery({ queryKey: ['settings', 'mailboxes'], queryFn: () => api.get<{ data: Mailbox[] }>('/email/mailboxes') });
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const reprocess = useAction((id: number) => api.post<Outcome>(`/email/inbound/${id}/reprocess`).then((o) => ({ id, o })), ['settings', 'inbound-mail'], ({ id, o }) => setOutcomes((all) => ({ ...all, [id]: o })));
  const rows = mail.data?.pages.flatMap((p) => p.data) ?? [];
  const addressOf = (id: number | null) => mailboxes.data?.data.find((m) => m.id === id)?.address ?? '—';
  return (
    <>
      <SettingsHeader
        title="Failed mail"
        description="Inbound mail Tend stored but could not file into a ticket, with the reason; mail set aside on purpose (blocked senders, auto-replies, loops); and mail stored that waits to be filed, which takes a moment. Reprocess a mail once the cause is fixed."
        action={
          <div className="w-44">
            <Select
              label="Show"
              value={status}
              onChange={(v) => setStatus(v as typeof status)}
              options={[
                { value: 'failed', label: 'Could not be filed' },
                { value: 'ignored', label: 'Set aside' },
                { value: 'received', label: 'Waiting to be filed' },
              ]}
            />
          </div>
        }
      />
      <ErrorNote message={errorText(reprocess.error ?? mail.error)} />
      <Table label="Inbound mail" head={['Received', 'From', 'Subject', 'Mailbox', 'Reason', '']} empty={EMPTY[status]} loading={mail.isPending}>
        {rows.map((m) => {
          const outcome = outcomes[m.id];
          return (
            <tr key={m.id}>
              <td className={`${cell} whitespace-nowrap text-stone-600`} title={fullTime(m.receivedAt)}>
                {relativeTime(m.receivedAt)}
              </td>
              <td className={`${cell} max-w-48 truncate`}>{m.fromAddress ?? m.envelopeFrom ?? '—'}</td>
              <td className={`${cell} max-w-56 truncate font-medium`}>{m.subject ?? (m.status === 'received' ? '—' : '(no subject)')}</td>
              <td className={`${cell} text-stone-600`}>{addressOf(m.mailboxId)}</td>
              <td className={`${cell} max-w-64 text-xs text-red-700`}>{m.reason}</td>
              <td className={`${cell} text-right whitespace-nowrap`}>
                {m.status === 'received' ? (
                  <span className="text-xs text-stone-600">Not filed yet</span>
                ) : outcome ? (
                  outcome.ticketId ? (
                    <Link href={`/tickets/${outcome.ticketId}`} className="text-sm text-brand-700 underline">
                      Filed in #{outcome.ticketId}
                    </Link>
                  ) : (
                    <span className="text-xs text-stone-600">{outcome.status}: {outcome.reason}</span>
                  )
                ) : (
                  <button type="button" className={button.secondary} aria-label={`Reprocess mail ${m.subject ?? m.id}`} disabled={reprocess.isPending} onClick={() => reprocess.mutate(m.id)}>
                    <RotateCw className="size-4" /> Reprocess
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </Table>
      {mail.hasNextPage && (
        <button type="button" className={button.secondary} onClick={() => void mail.fetchNextPage()} disabled={mail.isFetchingNextPage}>
          Load more
        </button>
      )}
    </>
  );
}
