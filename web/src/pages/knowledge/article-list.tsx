import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Languages, Plus, Search } from 'lucide-react';
import { useDeferredValue, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { Select } from '../../components/select.tsx';
import { button, input, relativeTime } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { Me, Page } from '../../lib/types.ts';
import { ARTICLE_STATUSES, type ArticleSummary, type MissingTranslation, STATUS_LABEL, useCategories, useHelpCenterSettings, VISIBILITIES, VISIBILITY_LABEL } from './knowledge-api.ts';
import { CategoryTree } from './category-tree.tsx';
import { ArticleStatusBadge, KnowledgeTabs, VisibilityLabel } from './knowledge-ui.tsx';

const ANY = 'any';

function MissingTranslations() {
  const missing = useQuery({ queryKey: ['knowledge', 'missing'], queryFn: async () => (await api.get<{ data: MissingTranslation[] }>('/knowledge/translations/missing')).data });
  if (missing.isPending) return <p className="p-8 text-center text-sm text-stone-400">Loading…</p>;
  if (!missing.data?.length) return <p className="p-16 text-center text-sm text-stone-500">Every article exists in every help center language.</p>;
  return (
    <ul aria-label="Articles missing a translation" className="divide-y divide-stone-100">
      {missing.data.map((group) => {
        const source = group.articles[0];
        return (
          <li key={group.groupId} className="flex items-center gap-4 px-5 py-3">
            <div className="min-w-0 flex-1">
              <Link href={`/articles/${source?.id}`} className="block truncate font-medium text-stone-900 hover:underline">
                {source?.title}
              </Link>
              <p className="mt-0.5 text-xs text-stone-500">In {group.articles.map((a) => a.locale.toUpperCase()).join(', ')}</p>
            </div>
            <div className="flex flex-wrap gap-1">
              {group.missingLocales.map((locale) => (
                <Link key={locale} href={`/articles/new?translationOf=${source?.id}&locale=${locale}`} className={button.secondary}>
                  <Languages className="size-3.5" aria-hidden /> Translate to {locale.toUpperCase()}
                </Link>
              ))}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Every article, drafts included, filtered by category, status, language and visibility. */
export function ArticleList({ me }: { me: Me }) {
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [status, setStatus] = useState(ANY);
  const [locale, setLocale] = useState(ANY);
  const [visibility, setVisibility] = useState(ANY);
  const [missingOnly, setMissingOnly] = useState(false);
  const [q, setQ] = useState('');
  const search = useDeferredValue(q.trim());
  const [, navigate] = useLocation();
  const settings = useHelpCenterSettings();
  const categories = useCategories();
  const categoryName = new Map((categories.data ?? []).map((c) => [c.id, c.name]));

  const filters = {
    ...(categoryId ? { categoryId } : {}),
    ...(status !== ANY ? { status: [status] } : {}),
    ...(locale !== ANY ? { locale } : {}),
    ...(visibility !== ANY ? { visibility: [visibility] } : {}),
    ...(search ? { q: search } : {}),
  };
  const articles = useInfiniteQuery({
    queryKey: ['knowledge', 'articles', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<Page<ArticleSummary>>('/knowledge/articles', { ...filters, cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !missingOnly,
  });
  const rows = articles.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="shrink-0 border-b border-stone-200 bg-white px-5 pt-3">
        <div className="flex items-center gap-3 pb-2">
          <h1 className="text-base font-semibold">Knowledge base</h1>
          {me.permissions.includes('knowledge.write') && (
            <Link href={categoryId ? `/articles/new?categoryId=${categoryId}` : '/articles/new'} className={`${button.primary} ml-auto`}>
              <Plus className="size-4" aria-hidden /> New article
            </Link>
          )}
        </div>
        <KnowledgeTabs current="articles" />
      </header>
      <div className="flex min-h-0 flex-1">
        <CategoryTree selected={categoryId} onSelect={setCategoryId} canManage={me.permissions.includes('knowledge.publish')} />
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="flex shrink-0 flex-wrap items-center gap-2 border-b border-stone-200 bg-stone-50/80 px-5 py-2">
            <div className="relative w-44">
              <Search className="pointer-events-none absolute top-2 left-2.5 size-4 text-stone-400" aria-hidden />
              <input type="search" aria-label="Filter by title" placeholder="Title contains…" value={q} onChange={(e) => setQ(e.target.value)} className={`${input} pl-8`} disabled={missingOnly} />
            </div>
            <div className="w-32">
              <Select compact label="Status" value={status} onChange={setStatus} options={[{ value: ANY, label: 'Any status' }, ...ARTICLE_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))]} />
            </div>
            <div className="w-36">
              <Select compact label="Language" value={locale} onChange={setLocale} options={[{ value: ANY, label: 'Any language' }, ...(settings.data?.locales ?? []).map((l) => ({ value: l, label: l.toUpperCase() }))]} />
            </div>
            <div className="w-36">
              <Select compact label="Visibility" value={visibility} onChange={setVisibility} options={[{ value: ANY, label: 'Any visibility' }, ...VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABEL[v] }))]} />
            </div>
            <label className="ml-1 inline-flex items-center gap-1.5 text-sm text-stone-700">
              <input type="checkbox" checked={missingOnly} onChange={(e) => setMissingOnly(e.target.checked)} className="size-4 accent-brand-700" />
              Missing translations
            </label>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto bg-white">
            {missingOnly ? (
              <MissingTranslations />
            ) : articles.isPending ? (
              <p className="p-8 text-center text-sm text-stone-400">Loading articles…</p>
            ) : rows.length === 0 ? (
              <div className="p-16 text-center">
                <p className="font-medium text-stone-700">No articles here yet</p>
                <p className="mt-1 text-sm text-stone-500">Write one, or turn a good reply into an article from its ticket.</p>
              </div>
            ) : (
              <table className="w-full table-fixed text-sm">
                <thead className="sticky top-0 bg-white text-left text-xs text-stone-500 shadow-[0_1px_0_var(--color-stone-200)]">
                  <tr>
                    <th className="px-5 py-2 font-medium">Title</th>
                    <th className="w-28 px-3 py-2 font-medium">Status</th>
                    <th className="w-24 px-3 py-2 font-medium">Language</th>
                    <th className="hidden w-44 px-3 py-2 font-medium xl:table-cell">Visibility</th>
                    <th className="w-20 px-3 py-2 text-right font-medium">Views</th>
                    <th className="w-32 px-5 py-2 text-right font-medium">Updated</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {rows.map((a) => (
                    <tr key={a.id} data-article-id={a.id} className="cursor-pointer hover:bg-stone-50" onClick={() => navigate(`/articles/${a.id}`)}>
                      <td className="px-5 py-2.5">
                        <Link href={`/articles/${a.id}`} className="block truncate font-medium text-stone-900" onClick={(e) => e.stopPropagation()}>
                          {a.title}
                        </Link>
                        <span className="block truncate text-xs text-stone-500">
                          {a.categoryId ? categoryName.get(a.categoryId) : 'Uncategorised'}
                          {a.tags.length > 0 && ` · ${a.tags.join(', ')}`}
                        </span>
                      </td>
                      <td className="px-3 py-2.5">
                        <ArticleStatusBadge status={a.status} />
                      </td>
                      <td className="px-3 py-2.5 text-xs text-stone-600 uppercase">{a.locale}</td>
                      <td className="hidden px-3 py-2.5 xl:table-cell">
                        <VisibilityLabel visibility={a.visibility} />
                      </td>
                      <td className="px-3 py-2.5 text-right text-xs text-stone-600 tabular-nums">{a.stats.views}</td>
                      <td className="px-5 py-2.5 text-right text-xs whitespace-nowrap text-stone-500">{relativeTime(a.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {!missingOnly && articles.hasNextPage && (
              <div className="p-4 text-center">
                <button type="button" className={button.secondary} disabled={articles.isFetchingNextPage} onClick={() => void articles.fetchNextPage()}>
                  {articles.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </button>
              </div>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
