import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Search } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { BulkMerge, BulkTags } from '../components/bulk-actions.tsx';
import { NewTicketDialog } from '../components/new-ticket-dialog.tsx';
import { Select } from '../components/select.tsx';
import { ShortcutsDialog } from '../components/shortcuts-dialog.tsx';
import { Avatar, button, input, Kbd, PRIORITY_LABEL, PriorityLabel, relativeTime, STATUS_LABEL, StatusBadge } from '../components/ui.tsx';
import { api, ApiError } from '../lib/api.ts';
import { type Me, PRIORITIES, type Page, STATUSES, type Ticket, type View } from '../lib/types.ts';
import { useHotkeys } from '../lib/use-hotkeys.ts';
import { FINISHED, useViews } from '../lib/views.ts';

const ANY = 'any';
const isFinishedView = (v: View) => {
  const status = v.filters.status;
  return status !== undefined && [status].flat().every((s) => FINISHED.includes(s));
};

export function InboxPage({ viewId, me }: { viewId: string; me: Me }) {
  const views = useViews();
  const view = views.data?.find((v) => String(v.id) === viewId);
  // Where the work is when this view is clear: the first other view with tickets that are still open.
  const waiting = views.data?.find((v) => v !== view && (v.count ?? 0) > 0 && !isFinishedView(v));
  const [, navigate] = useLocation();
  useEffect(() => {
    const first = views.data?.[0];
    if (views.data && !view && first) navigate(`/views/${first.id}`, { replace: true });
  }, [views.data, view, navigate]);
  const [status, setStatus] = useState(ANY);
  const [priority, setPriority] = useState(ANY);
  const [sort, setSort] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [cursorIndex, setCursorIndex] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [help, setHelp] = useState(false);
  const [composing, setComposing] = useState(false);
  const canCreate = me.permissions.includes('tickets.update');
  const [bulkError, setBulkError] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();

  useEffect(() => {
    setCursorIndex(0);
    setSelected(new Set());
  }, [viewId, status, priority, search, sort]);
  useEffect(() => setSort(null), [viewId]);

  const filters = useMemo(
    () => ({
      ...(view?.filters ?? {}),
      ...(status !== ANY ? { status } : {}),
      ...(priority !== ANY ? { priority } : {}),
      ...(search ? { q: search } : {}),
      ...((sort ?? view?.sort) ? { sort: sort ?? view?.sort } : {}),
    }),
    [view, status, priority, search, sort],
  );

  const tickets = useInfiniteQuery({
    queryKey: ['tickets', filters],
    enabled: !!view,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<Page<Ticket>>('/tickets', { ...filters, cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = tickets.data?.pages.flatMap((p) => p.data) ?? [];

  const afterBulk = async () => {
    setSelected(new Set());
    await queryClient.invalidateQueries({ queryKey: ['tickets'] });
  };
  // Each ticket is its own request: one refused (permissions, a merged ticket) leaves the others changed, and says so.
  const bulk = async (change: Record<string, unknown>) => {
    setBulkError(null);
    const results = await Promise.allSettled([...selected].map((id) => api.patch(`/tickets/${id}`, change)));
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason instanceof ApiError ? r.reason.message : 'request failed'] : []));
    if (failed.length) setBulkError(`${failed.length} of ${results.length} tickets were not changed: ${failed[0]}`);
    await afterBulk();
  };
  const selectedTickets = rows.filter((t) => selected.has(t.id));

  useHotkeys({
    j: () => setCursorIndex((i) => Math.min(i + 1, Math.max(rows.length - 1, 0))),
    k: () => setCursorIndex((i) => Math.max(i - 1, 0)),
    Enter: () => {
      const ticket = rows[cursorIndex];
      if (ticket) navigate(`/tickets/${ticket.id}`);
    },
    x: () => {
      const ticket = rows[cursorIndex];
      if (!ticket) return;
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(ticket.id)) next.delete(ticket.id);
        else next.add(ticket.id);
        return next;
      });
    },
    '/': () => searchRef.current?.focus(),
    c: () => {
      if (canCreate) setComposing(true);
    },
    '?': () => setHelp(true),
  });

  useEffect(() => {
    document.querySelector(`[data-row-index="${cursorIndex}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursorIndex]);

  return (
    <>
      <header className="flex h-14 shrink-0 items-center gap-3 border-b border-stone-200 bg-white px-5">
        <h1 className="text-base font-semibold">{view?.name ?? 'Tickets'}</h1>
        {view?.count !== undefined && <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-600 tabular-nums">{view.count}</span>}
        <form
          className="relative ml-auto w-72"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(q.trim());
          }}
        >
          <Search className="pointer-events-none absolute top-2 left-2.5 size-4 text-stone-400" aria-hidden />
          <input
            ref={searchRef}
            type="search"
            aria-label="Search tickets"
            placeholder="Search tickets…"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              if (!e.target.value) setSearch('');
            }}
            onKeyDown={(e) => e.key === 'Escape' && (e.currentTarget.blur(), setQ(''), setSearch(''))}
            className={`${input} pl-8`}
          />
        </form>
        {canCreate && (
          <button type="button" className={button.primary} onClick={() => setComposing(true)}>
            <Plus className="size-4" aria-hidden />
            New ticket
          </button>
        )}
        <button type="button" className={button.ghost} onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
          <Kbd>?</Kbd>
        </button>
      </header>
      <NewTicketDialog open={composing} onClose={() => setComposing(false)} me={me} />

      {/* With tickets selected, the bar holds what can be done to them; otherwise the filters. */}
      <div className="flex min-h-12 shrink-0 items-center gap-2 border-b border-stone-200 bg-stone-50/80 px-5 py-2">
        {selected.size > 0 ? (
          <div className="flex items-center gap-2" role="toolbar" aria-label="Bulk actions">
            <span className="text-sm font-medium whitespace-nowrap text-stone-700">{selected.size} selected</span>
            {me.id !== null && (
              <button type="button" className={button.secondary} onClick={() => void bulk({ assigneeId: me.id })}>
                Assign to me
              </button>
            )}
            <button type="button" className={button.secondary} onClick={() => void bulk({ status: 'pending' })}>
              Pending
            </button>
            <button type="button" className={button.secondary} onClick={() => void bulk({ status: 'solved' })}>
              Solve
            </button>
            <BulkTags onApply={bulk} />
            <BulkMerge tickets={selectedTickets} onMerged={afterBulk} />
            <button type="button" className={button.ghost} onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
          </div>
        ) : (
          <>
            <div className="w-40">
              <Select compact label="Status" value={status} onChange={setStatus} options={[{ value: ANY, label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))]} />
            </div>
            <div className="w-40">
              <Select compact label="Priority" value={priority} onChange={setPriority} options={[{ value: ANY, label: 'Any priority' }, ...PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))]} />
            </div>
            <div className="w-44">
              <Select
                compact
                label="Sort"
                value={sort ?? view?.sort ?? 'updated_desc'}
                onChange={setSort}
                options={[
                  { value: 'updated_desc', label: 'Recently updated' },
                  { value: 'updated_asc', label: 'Least recently updated' },
                  { value: 'created_desc', label: 'Newest first' },
                  { value: 'created_asc', label: 'Oldest first' },
                  { value: 'priority_desc', label: 'Priority' },
                ]}
              />
            </div>
          </>
        )}
        {bulkError && (
          <p role="alert" className="ml-2 text-sm text-red-700">
            {bulkError}
          </p>
        )}
        <span className="ml-auto text-xs whitespace-nowrap text-stone-500">
          <Kbd>j</Kbd> <Kbd>k</Kbd> to move, <Kbd>x</Kbd> to select, <Kbd>Enter</Kbd> to open
        </span>
      </div>

      <div className="min-h-0 flex-1 overflow-y-auto bg-white">
        {tickets.isPending ? (
          <p className="p-8 text-center text-sm text-stone-400">Loading tickets…</p>
        ) : rows.length === 0 ? (
          <div className="p-16 text-center">
            <p className="font-medium text-stone-700">Nothing here</p>
            <p className="mt-1 text-sm text-stone-500">{search ? 'No ticket matches that search.' : 'This view is clear. Nice work.'}</p>
            {!search && waiting && (
              <button type="button" className={`${button.secondary} mt-4`} onClick={() => navigate(`/views/${waiting.id}`)}>
                {waiting.name}: {waiting.count} {waiting.count === 1 ? 'ticket' : 'tickets'}
              </button>
            )}
          </div>
        ) : (
          <ul aria-label="Tickets" className="divide-y divide-stone-100">
            {rows.map((ticket, index) => (
              <li
                key={ticket.id}
                data-row-index={index}
                data-ticket-id={ticket.id}
                aria-current={index === cursorIndex}
                className={`group flex cursor-pointer items-center gap-3 px-5 py-3 ${index === cursorIndex ? 'bg-brand-50/70 shadow-[inset_3px_0_0_var(--color-brand-600)]' : 'hover:bg-stone-50'}`}
                onClick={() => navigate(`/tickets/${ticket.id}`)}
              >
                <input
                  type="checkbox"
                  aria-label={`Select ticket ${ticket.id}`}
                  checked={selected.has(ticket.id)}
                  onClick={(e) => e.stopPropagation()}
                  onChange={(e) =>
                    setSelected((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(ticket.id);
                      else next.delete(ticket.id);
                      return next;
                    })
                  }
                  className="size-4 rounded border-stone-300 accent-brand-700"
                />
                <Avatar name={ticket.requester.name || ticket.requester.email || '?'} />
                <div className="min-w-0 flex-1">
                  <div className="flex items-baseline gap-2">
                    <span className={`truncate ${ticket.status === 'new' ? 'font-semibold' : 'font-medium'} text-stone-900`}>{ticket.subject}</span>
                  </div>
                  <div className="mt-0.5 flex items-center gap-1.5 truncate text-xs text-stone-500">
                    <span>{ticket.requester.name || ticket.requester.email}</span>
                    <span aria-hidden>·</span>
                    <span>#{ticket.id}</span>
                    <span aria-hidden>·</span>
                    <span className="capitalize">{ticket.channel.replace('_', ' ')}</span>
                    {ticket.tags.slice(0, 3).map((tag) => (
                      <span key={tag} className="rounded bg-stone-100 px-1.5 py-px text-[11px] text-stone-600">
                        {tag}
                      </span>
                    ))}
                  </div>
                </div>
                <div className="hidden w-24 md:block">
                  <PriorityLabel priority={ticket.priority} />
                </div>
                <div className="hidden w-32 truncate text-xs text-stone-600 lg:block">{ticket.assignee?.name ?? <span className="text-stone-400">Unassigned</span>}</div>
                <div className="w-20">
                  <StatusBadge status={ticket.status} />
                </div>
                <time className="w-24 text-right text-xs text-stone-500" dateTime={ticket.updatedAt}>
                  {relativeTime(ticket.updatedAt)}
                </time>
              </li>
            ))}
          </ul>
        )}
        {tickets.hasNextPage && (
          <div className="p-4 text-center">
            <button type="button" className={button.secondary} disabled={tickets.isFetchingNextPage} onClick={() => void tickets.fetchNextPage()}>
              {tickets.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          </div>
        )}
      </div>
      <ShortcutsDialog open={help} onOpenChange={setHelp} />
    </>
  );
}
