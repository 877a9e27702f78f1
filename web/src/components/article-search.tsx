import { useQuery } from '@tanstack/react-query';
import { BookOpen, FileText, Link2 } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useDeferredValue, useState } from 'react';
import { api } from '../lib/api.ts';
import { input } from './ui.tsx';

export interface ArticleHit {
  id: number;
  locale: string;
  title: string;
  visibility: 'public' | 'customers' | 'internal';
  /** Escaped by the server, matched words in `<mark>`. */
  snippetHtml: string;
  url: string;
}

export type PickHow = 'link' | 'content';

interface Props {
  triggerLabel: string;
  /** An icon-only trigger, for a toolbar. */
  compactTrigger?: boolean;
  actions: PickHow[];
  onPick(hit: ArticleHit, how: PickHow): void | Promise<void>;
  /** Why an article may not be used here (e.g. internal ones in a public reply), or null. */
  unavailable?(hit: ArticleHit): string | null;
}

const ACTION_LABEL: Record<PickHow, string> = { link: 'Insert link', content: 'Insert content' };

/** Search published articles (internal ones too: agents read them) and use one in a click. */
export function ArticleSearch({ triggerLabel, compactTrigger, actions, onPick, unavailable }: Props) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | null>(null);
  const query = useDeferredValue(q.trim());
  const results = useQuery({
    queryKey: ['knowledge-search', query],
    queryFn: () => api.get<{ data: ArticleHit[]; correctedQuery: string | null }>('/knowledge/search', { q: query, limit: 8 }),
    enabled: open && query.length >= 2,
  });

  const pick = async (hit: ArticleHit, how: PickHow) => {
    setError(null);
    try {
      await onPick(hit, how);
      setOpen(false);
      setQ('');
    } catch {
      setError('That article could not be inserted. Try again.');
    }
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        aria-label={triggerLabel}
        title={triggerLabel}
        onMouseDown={(e) => compactTrigger && e.preventDefault()}
        className={
          compactTrigger
            ? 'inline-flex size-7 items-center justify-center rounded text-stone-600 hover:bg-stone-100 hover:text-stone-900 focus-visible:outline-2 focus-visible:outline-brand-600'
            : 'inline-flex items-center gap-1 rounded px-2 py-1 text-xs font-medium text-stone-600 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-brand-600'
        }
      >
        <BookOpen className={compactTrigger ? 'size-4' : 'size-3.5'} aria-hidden />
        {!compactTrigger && 'Knowledge'}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={6} className="z-50 w-[26rem] rounded-lg bg-white p-2 shadow-xl ring-1 ring-stone-200">
          <input autoFocus type="search" aria-label="Search articles" placeholder="Search the knowledge base…" value={q} onChange={(e) => setQ(e.target.value)} className={input} />
          {results.data?.correctedQuery && <p className="mt-2 px-1 text-xs text-stone-500">Showing results for “{results.data.correctedQuery}”</p>}
          {error && <p className="mt-2 px-1 text-xs text-red-700">{error}</p>}
          <ul className="mt-2 max-h-80 divide-y divide-stone-100 overflow-y-auto" aria-label="Articles found">
            {(results.data?.data ?? []).map((hit) => {
              const why = unavailable?.(hit) ?? null;
              return (
                <li key={hit.id} className="px-1 py-2" data-article-id={hit.id}>
                  <div className="flex items-baseline gap-2">
                    <span className="min-w-0 flex-1 truncate text-sm font-medium text-stone-900">{hit.title}</span>
                    {hit.visibility !== 'public' && <span className="rounded bg-stone-100 px-1.5 text-[11px] text-stone-600 capitalize">{hit.visibility}</span>}
                    <span className="text-[11px] text-stone-400 uppercase">{hit.locale}</span>
                  </div>
                  {/* Safe: the server escapes the text and adds only <mark>. */}
                  <p className="mt-0.5 line-clamp-2 text-xs text-stone-500 [&_mark]:bg-amber-100 [&_mark]:text-stone-800" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
                  <div className="mt-1.5 flex gap-1">
                    {actions.map((how) => (
                      <button
                        key={how}
                        type="button"
                        disabled={!!why}
                        title={why ?? undefined}
                        aria-label={`${ACTION_LABEL[how]}: ${hit.title}`}
                        onClick={() => void pick(hit, how)}
                        className="inline-flex items-center gap-1 rounded px-2 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-inset ring-brand-600/30 hover:bg-brand-50 disabled:opacity-40"
                      >
                        {how === 'link' ? <Link2 className="size-3" aria-hidden /> : <FileText className="size-3" aria-hidden />}
                        {ACTION_LABEL[how]}
                      </button>
                    ))}
                    {why && <span className="self-center text-[11px] text-stone-400">{why}</span>}
                  </div>
                </li>
              );
            })}
            {query.length >= 2 && results.data?.data.length === 0 && <li className="px-1 py-4 text-center text-sm text-stone-500">No published article matches.</li>}
            {query.length < 2 && <li className="px-1 py-4 text-center text-xs text-stone-400">Type a few letters of what the customer asks.</li>}
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
