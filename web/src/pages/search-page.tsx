import { useInfiniteQuery } from '@tanstack/react-query';
import { Lock, Search, Ticket as TicketIcon, User } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { button, input, relativeTime } from '../components/ui.tsx';
import { api } from '../lib/api.ts';
import type { Page } from '../lib/types.ts';

interface SearchResult {
  type: 'ticket' | 'message' | 'customer';
  id: number;
  highlights: { field: string; html: string }[];
  ticket: { id: number; subject: string; status: string; requester: { name: string }; updatedAt: string } | null;
  message: { id: number; ticket: { id: number; subject: string }; internal: boolean; author: { name: string }; createdAt: string } | null;
  customer: { id: number; name: string; identities: { kind: string; value: string }[] } | null;
}

const KINDS = [
  ['all', 'Everything'],
  ['tickets', 'Tickets'],
  ['messages', 'Messages'],
  ['customers', 'Customers'],
] as const;

/** Highlights arrive escaped from the server, with only <mark> added around the matches. */
function Highlight({ html }: { html: string }) {
  return <span className="[&_mark]:rounded-sm [&_mark]:bg-amber-200/70 [&_mark]:px-0.5 [&_mark]:text-stone-900" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A ticket's subject or a customer's name, with what matched marked, is the result's title; it is not repeated below. */
const TITLE_FIELD: Partial<Record<SearchResult['type'], string>> = { ticket: 'subject', customer: 'name' };
const title = (r: SearchResult) => r.highlights.find((h) => h.field === TITLE_FIELD[r.type]);

function resultLink(r: SearchResult): string {
  if (r.ticket) return `/tickets/${r.ticket.id}`;
  if (r.message) return `/tickets/${r.message.ticket.id}`;
  return `/customers/${r.id}`;
}

export function SearchPage() {
  const params = new URLSearchParams(useSearch());
  const q = params.get('q') ?? '';
  const kind = params.get('type') ?? 'all';
  const [, navigate] = useLocation();
  const [text, setText] = useState(q);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  const results = useInfiniteQuery({
    queryKey: ['search', q, kind],
    enabled: q.length > 0,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<Page<SearchResult>>('/search', { q, type: kind, cursor: pageParam, limit: 25 }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = results.data?.pages.flatMap((p) => p.data) ?? [];
  const go = (nextQ: string, nextKind: string) => navigate(`/search?${new URLSearchParams({ q: nextQ, type: nextKind })}`);

  return (
    <>
      <header className="shrink-0 border-b border-stone-200 bg-white px-5 py-3">
        <form
          role="search"
          className="relative max-w-2xl"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) go(text.trim(), kind);
          }}
        >
          <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-stone-400" aria-hidden />
          <input ref={field} type="search" aria-label="Search everything" placeholder="Search tickets, messages and customers…" value={text} onChange={(e) => setText(e.target.value)} className={`${input} py-2 pl-9`} />
        </form>
        <nav aria-label="What to search" className="mt-3 flex gap-1">
          {KINDS.map(([value, label]) => (
            <button key={value} type="button" aria-pressed={kind === value} onClick={() => q && go(q, value)} className={`rounded-md px-2.5 py-1 text-xs font-medium ${kind === value ? 'bg-brand-50 text-brand-800' : 'text-stone-600 hover:bg-stone-100'}`}>
              {label}
            </button>
          ))}
        </nav>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto bg-white">
        {!q ? (
          <p className="p-16 text-center text-sm text-stone-500">Search by words, a ticket number like #1042, a name, an email or a phone number.</p>
        ) : results.isPending ? (
          <p className="p-8 text-center text-sm text-stone-400">Searching…</p>
        ) : rows.length === 0 ? (
          <p className="p-16 text-center text-sm text-stone-500">Nothing matches “{q}”.</p>
        ) : (
          <ul aria-label="Search results" className="divide-y divide-stone-100">
            {rows.map((r) => {
              const heading = title(r);
              return (
                <li key={`${r.type}-${r.id}`}>
                  <Link href={resultLink(r)} className="flex gap-3 px-5 py-3 hover:bg-stone-50">
                    {r.type === 'customer' ? <User className="mt-0.5 size-4 text-stone-400" aria-hidden /> : r.message?.internal ? <Lock className="mt-0.5 size-4 text-amber-600" aria-hidden /> : <TicketIcon className="mt-0.5 size-4 text-stone-400" aria-hidden />}
                    <div className="min-w-0 flex-1">
                      <p className="truncate text-sm font-medium text-stone-900">
                        {heading ? <Highlight html={heading.html} /> : r.message ? `${r.message.author.name} on “${r.message.ticket.subject}”` : (r.ticket?.subject ?? r.customer?.name)}
                      </p>
                      {r.highlights
                        .filter((h) => h !== heading)
                        .slice(0, 2)
                        .map((h) => (
                          <p key={h.field} className="mt-0.5 line-clamp-2 text-xs text-stone-600">
                            <Highlight html={h.html} />
                          </p>
                        ))}
                      <p className="mt-1 text-[11px] text-stone-400">
                        {r.ticket && `#${r.ticket.id} · ${r.ticket.requester.name} · ${r.ticket.status.replace('_', ' ')} · ${relativeTime(r.ticket.updatedAt)}`}
                        {r.message && `${r.message.internal ? 'Internal note' : 'Message'} · #${r.message.ticket.id} · ${relativeTime(r.message.createdAt)}`}
                        {r.customer && r.customer.identities.map((i) => i.value).join(' · ')}
                      </p>
                    </div>
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
        {results.hasNextPage && (
          <div className="p-4 text-center">
            <button type="button" className={button.secondary} onClick={() => void results.fetchNextPage()}>
              More results
            </button>
          </div>
        )}
      </div>
    </>
  );
}
