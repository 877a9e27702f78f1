import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, ExternalLink, X } from 'lucide-react';
import { Tabs } from 'radix-ui';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { LazyRichEditor } from '../../components/rich-editor-lazy.tsx';
import { Select } from '../../components/select.tsx';
import { button, input } from '../../components/ui.tsx';
import { api, ApiError } from '../../lib/api.ts';
import type { Me } from '../../lib/types.ts';
import { type Article, type ArticleStatus, categoryTree, helpCenterPath, useCategories, type Visibility, VISIBILITIES, VISIBILITY_LABEL } from './knowledge-api.ts';
import { ArticleStatusBadge } from './knowledge-ui.tsx';
import { RevisionHistory } from './revision-history.tsx';
import { TranslationsPanel } from './translations-panel.tsx';

const NONE = 'none';
const parseTags = (text: string) => [...new Set(text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];
const label = 'block text-xs font-medium text-stone-600';

interface Props {
  me: Me;
  articleId: number | null;
  /** A new article that translates this one, in `locale`. */
  translationOf: number | null;
  locale: string | null;
  categoryId?: number | null;
}

/** Another language of the article, read-only beside the editor, to translate from. */
function BesideArticle({ id, onClose }: { id: number; onClose: () => void }) {
  const other = useQuery({ queryKey: ['knowledge', 'article', id], queryFn: () => api.get<Article>(`/knowledge/articles/${id}`) });
  return (
    <section aria-label="Other language" className="min-w-0 rounded-lg bg-white ring-1 ring-stone-200">
      <div className="flex items-center gap-2 border-b border-stone-100 px-4 py-2 text-xs text-stone-500">
        <span className="font-semibold text-stone-700 uppercase">{other.data?.locale}</span> for reference
        <button type="button" className={`${button.ghost} ml-auto`} aria-label="Close the other language" onClick={onClose}>
          <X className="size-4" />
        </button>
      </div>
      <div className="px-4 py-3">
        <h2 className="text-lg font-semibold text-stone-900">{other.data?.title}</h2>
        {/* Sanitised by the server when saved. */}
        <div className="rich-content mt-3" dangerouslySetInnerHTML={{ __html: other.data?.bodyHtml ?? '' }} />
      </div>
    </section>
  );
}

/**
 * Writing an article: the rich editor in the middle, its placement, history and languages at the
 * side, and the review workflow (draft → in review → published) in the header.
 */
export function ArticleEditor({ me, articleId, translationOf, locale, categoryId }: Props) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const categories = useCategories();
  const loaded = useQuery({
    queryKey: ['knowledge', 'article', articleId],
    queryFn: () => api.get<Article>(`/knowledge/articles/${articleId}`),
    enabled: articleId !== null,
    // An edit in progress must not be replaced by a refetch: the editor holds the text.
    staleTime: Infinity,
  });
  const source = useQuery({ queryKey: ['knowledge', 'article', translationOf], queryFn: () => api.get<Article>(`/knowledge/articles/${translationOf}`), enabled: translationOf !== null });
  const article = loaded.data;
  const base = article ?? source.data;

  const [title, setTitle] = useState<string | null>(null);
  const [bodyHtml, setBodyHtml] = useState<string | null>(null);
  const [tags, setTags] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [visibility, setVisibility] = useState<Visibility | null>(null);
  const [editorKey, setEditorKey] = useState(0);
  const [beside, setBeside] = useState<number | null>(translationOf);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const canWrite = me.permissions.includes('knowledge.write');
  const canPublish = me.permissions.includes('knowledge.publish');
  const dirty = articleId === null || title !== null || bodyHtml !== null || tags !== null || category !== null || visibility !== null;
  const currentTitle = title ?? article?.title ?? '';
  const currentCategory = category ?? (base?.categoryId != null ? String(base.categoryId) : categoryId ? String(categoryId) : NONE);
  const currentVisibility = visibility ?? base?.visibility ?? 'public';

  if (articleId !== null && loaded.isPending) return <p className="p-16 text-center text-sm text-stone-400">Loading article…</p>;
  if (loaded.isError) return <p className="p-16 text-center text-sm text-stone-500">This article could not be opened: {loaded.error.message}</p>;

  const resetEdits = (saved: Article) => {
    queryClient.setQueryData(['knowledge', 'article', saved.id], saved);
    void queryClient.invalidateQueries({ queryKey: ['knowledge', 'articles'] });
    setTitle(null);
    setBodyHtml(null);
    setTags(null);
    setCategory(null);
    setVisibility(null);
  };

  // Only what changed is sent: each content change becomes a revision.
  const save = async (): Promise<Article> => {
    const placement = {
      ...(category !== null || articleId === null ? { categoryId: currentCategory === NONE ? null : Number(currentCategory) } : {}),
      ...(visibility !== null || articleId === null ? { visibility: currentVisibility } : {}),
    };
    if (articleId === null) {
      return api.post<Article>('/knowledge/articles', {
        title: currentTitle,
        bodyHtml: bodyHtml ?? '',
        tags: parseTags(tags ?? ''),
        ...placement,
        ...(locale ? { locale } : {}),
        ...(translationOf ? { translationOf } : {}),
      });
    }
    if (!dirty) return article as Article;
    const saved = await api.patch<Article>(`/knowledge/articles/${articleId}`, {
      ...(title !== null ? { title } : {}),
      ...(bodyHtml !== null ? { bodyHtml } : {}),
      ...(tags !== null ? { tags: parseTags(tags) } : {}),
      ...placement,
    });
    resetEdits(saved);
    return saved;
  };

  const run = async (what: () => Promise<Article>, done: string) => {
    if (!currentTitle.trim()) return setMessage({ text: 'Give the article a title first.', error: true });
    setBusy(true);
    setMessage(null);
    try {
      const saved = await what();
      if (articleId === null) navigate(`/articles/${saved.id}`, { replace: true });
      else setMessage({ text: done, error: false });
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : 'That did not work. Your changes are still here.', error: true });
    } finally {
      setBusy(false);
    }
  };

  const moveTo = (status: ArticleStatus, done: string) =>
    run(async () => {
      const saved = await save();
      const moved = await api.post<Article>(`/knowledge/articles/${saved.id}/status`, { status });
      resetEdits(moved);
      return moved;
    }, done);

  const status = article?.status ?? 'draft';
  const workflow: { status: ArticleStatus; label: string; done: string; primary?: boolean }[] = [];
  if (status === 'draft' && canWrite && !canPublish) workflow.push({ status: 'in_review', label: 'Submit for review', done: 'Sent for review.', primary: true });
  if (status === 'draft' && canPublish) workflow.push({ status: 'in_review', label: 'Submit for review', done: 'Sent for review.' });
  if (status === 'in_review' && canWrite) workflow.push({ status: 'draft', label: 'Back to draft', done: 'Back to draft.' });
  if (status !== 'published' && canPublish) workflow.push({ status: 'published', label: 'Publish', done: 'Published.', primary: true });
  if (status === 'published' && canPublish) workflow.push({ status: 'draft', label: 'Unpublish', done: 'Unpublished: back to draft.' });

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex min-h-14 shrink-0 items-center gap-3 border-b border-stone-200 bg-white px-5 py-2">
        <Link href="/" className={button.ghost} aria-label="Back to the articles">
          <ArrowLeft className="size-4" />
        </Link>
        <div className="min-w-0 flex-1">
          <p className="text-xs text-stone-500">
            {articleId === null ? (translationOf ? `New ${locale?.toUpperCase() ?? ''} translation of “${source.data?.title ?? '…'}”` : 'New article') : `Revision ${article?.revision} · ${article?.locale.toUpperCase()}`}
          </p>
          <p className="truncate text-sm font-semibold">{currentTitle || 'Untitled'}</p>
        </div>
        {message && (
          <span role={message.error ? 'alert' : 'status'} className={`text-sm ${message.error ? 'text-red-700' : 'text-emerald-700'}`}>
            {message.text}
          </span>
        )}
        <ArticleStatusBadge status={status} />
        {article?.status === 'published' && article.visibility !== 'internal' && (
          <a href={helpCenterPath(article)} target="_blank" rel="noreferrer" className={button.ghost}>
            <ExternalLink className="size-4" aria-hidden /> View
          </a>
        )}
        {canWrite && (
          <>
            <button type="button" className={button.secondary} disabled={busy || !dirty} onClick={() => void run(save, 'Saved.')}>
              {status === 'published' ? 'Save and update' : 'Save draft'}
            </button>
            {workflow.map((w) => (
              <button key={w.label} type="button" className={w.primary ? button.primary : button.secondary} disabled={busy} onClick={() => void moveTo(w.status, w.done)}>
                {w.label}
              </button>
            ))}
          </>
        )}
      </header>
      <div className="flex min-h-0 flex-1">
        <main className="min-w-0 flex-1 overflow-y-auto bg-stone-50 p-5">
          <div className={`mx-auto grid gap-4 ${beside ? 'max-w-none grid-cols-2' : 'max-w-3xl grid-cols-1'}`}>
            {beside && <BesideArticle id={beside} onClose={() => setBeside(null)} />}
            <section aria-label="Article" className="min-w-0 rounded-lg bg-white ring-1 ring-stone-200 focus-within:ring-2 focus-within:ring-brand-600">
              <input
                aria-label="Title"
                placeholder="Article title"
                value={currentTitle}
                readOnly={!canWrite}
                onChange={(e) => setTitle(e.target.value)}
                className="block w-full rounded-t-lg border-0 border-b border-stone-100 px-4 py-3 text-lg font-semibold placeholder:text-stone-300 focus:outline-none"
              />
              <LazyRichEditor
                key={editorKey}
                variant="article"
                label="Article body"
                placeholder="Write the answer: a short intro, then the steps…"
                initialHtml={bodyHtml ?? article?.bodyHtml ?? ''}
                minHeight="24rem"
                onChange={({ html }) => setBodyHtml(html)}
              />
            </section>
          </div>
        </main>
        <aside className="w-80 shrink-0 overflow-y-auto border-l border-stone-200 bg-white">
          <Tabs.Root defaultValue={translationOf ? 'translations' : 'details'}>
            <Tabs.List aria-label="About this article" className="flex border-b border-stone-200 px-3">
              {['details', 'history', 'translations'].map((tab) => (
                <Tabs.Trigger key={tab} value={tab} className="border-b-2 border-transparent px-2 py-2.5 text-sm text-stone-500 capitalize data-[state=active]:border-brand-700 data-[state=active]:font-medium data-[state=active]:text-brand-800">
                  {tab}
                </Tabs.Trigger>
              ))}
            </Tabs.List>
            <Tabs.Content value="details" className="space-y-4 p-4">
              <div>
                <span className={label}>Category</span>
                <div className="mt-1">
                  <Select
                    label="Category"
                    value={currentCategory}
                    onChange={setCategory}
                    options={[{ value: NONE, label: 'Uncategorised' }, ...categoryTree(categories.data ?? []).map(({ category: c, depth }) => ({ value: String(c.id), label: `${'— '.repeat(depth)}${c.name}` }))]}
                  />
                </div>
              </div>
              <div>
                <span className={label}>Who can read it</span>
                <div className="mt-1">
                  <Select label="Visibility" value={currentVisibility} onChange={(v) => setVisibility(v as Visibility)} options={VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABEL[v] }))} />
                </div>
              </div>
              <label className={label}>
                Tags
                <input value={tags ?? base?.tags.join(', ') ?? ''} onChange={(e) => setTags(e.target.value)} placeholder="billing, account" className={`${input} mt-1 font-normal`} />
              </label>
              {article && (
                <dl className="grid grid-cols-3 gap-2 rounded-md bg-stone-50 p-3 text-center">
                  {[
                    ['Views', article.stats.views],
                    ['Helpful', article.stats.helpful],
                    ['Not helpful', article.stats.notHelpful],
                  ].map(([name, value]) => (
                    <div key={name}>
                      <dd className="text-base font-semibold text-stone-900 tabular-nums">{value}</dd>
                      <dt className="text-[11px] text-stone-500">{name}</dt>
                    </div>
                  ))}
                </dl>
              )}
              {article?.author && <p className="text-xs text-stone-500">Written by {article.author.name}</p>}
            </Tabs.Content>
            <Tabs.Content value="history" className="p-4">
              {article ? (
                <RevisionHistory
                  article={article}
                  canRestore={canWrite}
                  onRestored={(restored) => {
                    resetEdits(restored);
                    setEditorKey((k) => k + 1);
                  }}
                />
              ) : (
                <p className="text-sm text-stone-500">Revisions appear once the article is saved.</p>
              )}
            </Tabs.Content>
            <Tabs.Content value="translations" className="p-4">
              {article ? <TranslationsPanel article={article} beside={beside} onBeside={setBeside} /> : <p className="text-sm text-stone-500">Save the article first, then translate it.</p>}
            </Tabs.Content>
          </Tabs.Root>
        </aside>
      </div>
    </div>
  );
}
