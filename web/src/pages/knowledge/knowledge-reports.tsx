import { useQuery } from '@tanstack/react-query';
import { ThumbsDown, ThumbsUp } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { relativeTime } from '../../components/ui.tsx';
import { api } from '../../lib/api.ts';
import type { Me } from '../../lib/types.ts';
import type { ArticleStatus, Visibility } from './knowledge-api.ts';
import { ArticleStatusBadge, KnowledgeTabs } from './knowledge-ui.tsx';

interface Counts {
  views: number;
  helpful: number;
  notHelpful: number;
}
interface Report {
  totals: Counts & { articles: number; published: number };
  articles: (Counts & { id: number; locale: string; title: string; status: ArticleStatus; visibility: Visibility })[];
  comments: { articleId: number; title: string; helpful: boolean; comment: string; createdAt: string }[];
}
interface SearchGap {
  locale: string;
  query: string;
  searches: number;
  lastSearchedAt: string;
}
interface Deflection {
  articleId: number;
  suggested: number;
  opened: number;
  deflected: number;
  submittedAnyway: number;
}

const helpfulness = (c: Counts) => (c.helpful + c.notHelpful === 0 ? '—' : `${Math.round((100 * c.helpful) / (c.helpful + c.notHelpful))}%`);

function Card({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg bg-white ring-1 ring-stone-200">
      <div className="border-b border-stone-100 px-4 py-3">
        <h2 className="text-sm font-semibold">{title}</h2>
        <p className="text-xs text-stone-500">{hint}</p>
      </div>
      {children}
    </section>
  );
}

const th = 'px-4 py-2 text-left text-xs font-medium text-stone-500';
const td = 'px-4 py-2 text-sm';

/** How the knowledge base is used: what is read and found helpful, what is searched in vain, what prevented tickets. */
export function KnowledgeReports({ me }: { me: Me }) {
  const allowed = me.permissions.includes('reports.read');
  const report = useQuery({ queryKey: ['knowledge', 'report'], queryFn: () => api.get<Report>('/knowledge/report', { limit: 200 }), enabled: allowed });
  const gaps = useQuery({ queryKey: ['knowledge', 'search-gaps'], queryFn: async () => (await api.get<{ data: SearchGap[] }>('/knowledge/search-gaps')).data, enabled: allowed });
  const deflections = useQuery({ queryKey: ['portal', 'deflections'], queryFn: () => api.get<{ since: string; data: Deflection[] }>('/portal/deflections'), enabled: allowed });
  const titles = new Map((report.data?.articles ?? []).map((a) => [a.id, a.title]));
  const totals = report.data?.totals;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="shrink-0 border-b border-stone-200 bg-white px-5 pt-3">
        <h1 className="pb-2 text-base font-semibold">Knowledge base</h1>
        <KnowledgeTabs current="reports" />
      </header>
      {!allowed ? (
        <p className="p-16 text-center text-sm text-stone-500">Reports are for people with the reports permission.</p>
      ) : (
        <div className="min-h-0 flex-1 overflow-y-auto bg-stone-50 p-5">
          <div className="mx-auto max-w-5xl space-y-5">
            <dl className="grid grid-cols-4 gap-3">
              {[
                ['Published articles', totals ? `${totals.published} of ${totals.articles}` : '…'],
                ['Views', totals?.views ?? '…'],
                ['Found helpful', totals ? helpfulness(totals) : '…'],
                ['Deflected requests', deflections.data ? deflections.data.data.reduce((n, d) => n + d.deflected, 0) : '…'],
              ].map(([name, value]) => (
                <div key={name} className="rounded-lg bg-white px-4 py-3 ring-1 ring-stone-200">
                  <dt className="text-xs text-stone-500">{name}</dt>
                  <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>

            <Card title="Articles by readership" hint="Views and votes since each article was written.">
              <table className="w-full">
                <thead>
                  <tr className="border-b border-stone-100">
                    <th className={th}>Article</th>
                    <th className={th}>Status</th>
                    <th className={`${th} text-right`}>Views</th>
                    <th className={`${th} text-right`}>Votes</th>
                    <th className={`${th} text-right`}>Helpful</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {(report.data?.articles ?? []).slice(0, 25).map((a) => (
                    <tr key={a.id}>
                      <td className={`${td} max-w-0`}>
                        <Link href={`/articles/${a.id}`} className="block truncate text-stone-900 hover:underline">
                          {a.title}
                        </Link>
                      </td>
                      <td className={td}>
                        <ArticleStatusBadge status={a.status} />
                      </td>
                      <td className={`${td} text-right tabular-nums`}>{a.views}</td>
                      <td className={`${td} text-right whitespace-nowrap tabular-nums text-stone-600`}>
                        <ThumbsUp className="inline size-3.5 text-emerald-600" aria-label="helpful" /> {a.helpful} <ThumbsDown className="ml-1.5 inline size-3.5 text-red-500" aria-label="not helpful" /> {a.notHelpful}
                      </td>
                      <td className={`${td} text-right tabular-nums`}>{helpfulness(a)}</td>
                    </tr>
                  ))}
                  {report.data?.articles.length === 0 && (
                    <tr>
                      <td colSpan={5} className="px-4 py-6 text-center text-sm text-stone-500">
                        No articles yet.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </Card>

            <div className="grid grid-cols-2 gap-5">
              <Card title="Searches with no results" hint="What readers looked for in the help center and did not find: articles to write.">
                <ul className="divide-y divide-stone-100">
                  {(gaps.data ?? []).slice(0, 15).map((g) => (
                    <li key={`${g.locale}:${g.query}`} className="flex items-center gap-3 px-4 py-2 text-sm">
                      <span className="min-w-0 flex-1 truncate">“{g.query}”</span>
                      <span className="text-xs text-stone-400 uppercase">{g.locale}</span>
                      <span className="w-16 text-right text-xs text-stone-600 tabular-nums">{g.searches}×</span>
                    </li>
                  ))}
                  {gaps.data?.length === 0 && <li className="px-4 py-6 text-center text-sm text-stone-500">Every search found something.</li>}
                </ul>
              </Card>
              <Card title="Deflection per article" hint="Suggested while customers wrote a request in the portal; deflected means read, then no request sent.">
                <table className="w-full">
                  <thead>
                    <tr className="border-b border-stone-100">
                      <th className={th}>Article</th>
                      <th className={`${th} text-right`}>Suggested</th>
                      <th className={`${th} text-right`}>Opened</th>
                      <th className={`${th} text-right`}>Deflected</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {(deflections.data?.data ?? []).slice(0, 15).map((d) => (
                      <tr key={d.articleId}>
                        <td className={`${td} max-w-0 truncate`}>{titles.get(d.articleId) ?? `Article #${d.articleId}`}</td>
                        <td className={`${td} text-right tabular-nums`}>{d.suggested}</td>
                        <td className={`${td} text-right tabular-nums`}>{d.opened}</td>
                        <td className={`${td} text-right font-medium tabular-nums`}>{d.deflected}</td>
                      </tr>
                    ))}
                    {deflections.data?.data.length === 0 && (
                      <tr>
                        <td colSpan={4} className="px-4 py-6 text-center text-sm text-stone-500">
                          No suggestions shown in the last 30 days.
                        </td>
                      </tr>
                    )}
                  </tbody>
                </table>
              </Card>
            </div>

            <Card title="What readers said" hint="Comments left with a vote, newest first.">
              <ul className="divide-y divide-stone-100">
                {(report.data?.comments ?? []).map((c, i) => (
                  <li key={i} className="flex gap-3 px-4 py-2.5 text-sm">
                    {c.helpful ? <ThumbsUp className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-label="helpful" /> : <ThumbsDown className="mt-0.5 size-4 shrink-0 text-red-500" aria-label="not helpful" />}
                    <span className="min-w-0 flex-1">
                      <span className="block text-stone-800">{c.comment}</span>
                      <span className="block text-xs text-stone-500">
                        on {c.title} · {relativeTime(c.createdAt)}
                      </span>
                    </span>
                  </li>
                ))}
                {report.data?.comments.length === 0 && <li className="px-4 py-6 text-center text-sm text-stone-500">No comments yet.</li>}
              </ul>
            </Card>
          </div>
        </div>
      )}
    </div>
  );
}
