import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { errorText } from '../../components/forms/index.ts';
import { button, fullTime, input, relativeTime } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { AuditEntry, Page } from '../../lib/types.ts';
import { cell, ErrorNote, SettingsHeader, Table } from './settings-ui.tsx';

const json = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));

export default function AuditSettings() {
  const [filters, setFilters] = useState({ entityType: '', action: '' });
  const [open, setOpen] = useState<number | null>(null);
  const log = useInfiniteQuery({
    queryKey: ['settings', 'audit', filters],
    queryFn: ({ pageParam }) => api.get<Page<AuditEntry>>('/audit', { ...filters, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <SettingsHeader title="Audit log" description="Who changed what and when, with the values before and after. Newest first." />
      <div className="flex gap-3">
        <label className="w-56 space-y-1 text-xs font-medium text-stone-600">
          What (entity type)
          <input className={input} value={filters.entityType} onChange={(e) => setFilters({ ...filters, entityType: e.target.value.trim() })} placeholder="ticket, mailbox, role…" />
        </label>
        <label className="w-64 space-y-1 text-xs font-medium text-stone-600">
          Action
          <input className={input} value={filters.action} onChange={(e) => setFilters({ ...filters, action: e.target.value.trim() })} placeholder="role.updated" />
        </label>
      </div>
      <ErrorNote message={errorText(log.error)} />
      <Table label="Audit log" head={['When', 'Who', 'Action', 'On', '']} empty="Nothing recorded." loading={log.isPending}>
        {rows.map((e) => (
          <Fragment key={e.id}>
            <tr>
              <td className={`${cell} whitespace-nowrap text-stone-600`} title={fullTime(e.createdAt)}>
                {relativeTime(e.createdAt)}
              </td>
              <td className={cell}>{e.actor.name ?? e.actor.kind}</td>
              <td className={`${cell} font-mono text-xs`}>{e.action}</td>
              <td className={`${cell} text-stone-600`}>
                {e.entityType} {e.entityId && <span className="text-stone-400">#{e.entityId}</span>}
              </td>
              <td className={`${cell} text-right`}>
                <button type="button" className={button.ghost} aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? null : e.id)}>
                  {open === e.id ? 'Hide' : 'Details'}
                </button>
              </td>
            </tr>
            {open === e.id && (
              <tr>
                <td colSpan={5} className="bg-stone-50 px-4 py-3">
                  <div className="grid grid-cols-2 gap-3 text-xs">
                    {(['before', 'after'] as const).map((k) => (
                      <div key={k}>
                        <p className="mb-1 font-medium text-stone-600 capitalize">{k}</p>
                        <pre className="max-h-64 overflow-auto rounded-md bg-white p-2 font-mono ring-1 ring-stone-200">{json(e[k])}</pre>
                      </div>
                    ))}
                  </div>
                  {e.ip && <p className="mt-2 text-xs text-stone-500">From {e.ip}</p>}
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </Table>
      {log.hasNextPage && (
        <button type="button" className={button.secondary} onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          Load more
        </button>
      )}
    </>
  );
}
