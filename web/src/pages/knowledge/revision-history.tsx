import { useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { button, fullTime, relativeTime } from '../../components/ui.tsx';
import { api, ApiError } from '../../lib/api.ts';
import type { Article, Change, Revision, RevisionDiff } from './knowledge-api.ts';

/** Word changes: removed struck through in red, added underlined in green. */
function Changes({ changes }: { changes: Change[] }) {
  return (
    <>
      {changes.map((c, i) =>
        c.added ? (
          <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline">
            {c.value}
          </ins>
        ) : c.removed ? (
          <del key={i} className="bg-red-100 text-red-800">
            {c.value}
          </del>
        ) : (
          <span key={i}>{c.value}</span>
        ),
      )}
    </>
  );
}

function DiffDialog({ article, revision, canRestore, onClose, onRestored }: { article: Article; revision: Revision; canRestore: boolean; onClose: () => void; onRestored: (a: Article) => void }) {
  const diff = useQuery({ queryKey: ['knowledge', 'diff', article.id, revision.revision, article.revision], queryFn: () => api.get<RevisionDiff>(`/knowledge/articles/${article.id}/revisions/${revision.revision}/diff`) });
  const [error, setError] = useState<string | null>(null);
  const restore = async () => {
    try {
      onRestored(await api.post<Article>(`/knowledge/articles/${article.id}/revisions/${revision.revision}/restore`));
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The revision could not be restored.');
    }
  };
  const d = diff.data;
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-stone-900/30" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 flex max-h-[85vh] w-full max-w-3xl -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl bg-white shadow-xl ring-1 ring-stone-200">
          <div className="border-b border-stone-100 px-5 py-4">
            <Dialog.Title className="text-base font-semibold">
              Revision {revision.revision} → current ({article.revision})
            </Dialog.Title>
            <Dialog.Description className="mt-0.5 text-sm text-stone-500">
              Saved {fullTime(revision.createdAt)}
              {revision.author && ` by ${revision.author.name}`}. Struck-through text is gone since; highlighted text was added.
            </Dialog.Description>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4 text-sm leading-relaxed" data-testid="revision-diff">
            {!d ? (
              <p className="text-stone-400">Comparing…</p>
            ) : (
              <>
                <h3 className="text-base font-semibold">
                  <Changes changes={d.title} />
                </h3>
                {(d.tags.added.length > 0 || d.tags.removed.length > 0) && (
                  <p className="mt-2 text-xs text-stone-600">
                    Tags: {d.tags.added.map((t) => <ins key={t} className="mr-1 bg-emerald-100 no-underline">+{t}</ins>)}
                    {d.tags.removed.map((t) => <del key={t} className="mr-1 bg-red-100">−{t}</del>)}
                  </p>
                )}
                <p className="mt-3 whitespace-pre-wrap">
                  <Changes changes={d.body} />
                </p>
              </>
            )}
          </div>
          <div className="flex items-center justify-end gap-2 border-t border-stone-100 px-5 py-3">
            {error && <p className="mr-auto text-sm text-red-700">{error}</p>}
            <Dialog.Close className={button.secondary}>Close</Dialog.Close>
            {canRestore && revision.revision !== article.revision && (
              <button type="button" className={button.primary} onClick={() => void restore()}>
                Restore revision {revision.revision}
              </button>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Every saved version, newest first; open one to see what changed since, and bring it back. */
export function RevisionHistory({ article, canRestore, onRestored }: { article: Article; canRestore: boolean; onRestored: (a: Article) => void }) {
  const revisions = useQuery({ queryKey: ['knowledge', 'revisions', article.id, article.revision], queryFn: async () => (await api.get<{ data: Revision[] }>(`/knowledge/articles/${article.id}/revisions`)).data });
  const [open, setOpen] = useState<Revision | null>(null);
  return (
    <>
      <ol aria-label="Revisions" className="space-y-1">
        {(revisions.data ?? []).map((r) => (
          <li key={r.revision}>
            <button type="button" onClick={() => setOpen(r)} className="flex w-full items-start gap-2 rounded-md px-2 py-2 text-left hover:bg-stone-50">
              <History className="mt-0.5 size-4 shrink-0 text-stone-400" aria-hidden />
              <span className="min-w-0 flex-1">
                <span className="block text-sm font-medium text-stone-800">
                  Revision {r.revision}
                  {r.revision === article.revision && <span className="ml-1.5 text-xs font-normal text-emerald-700">current</span>}
                </span>
                <span className="block truncate text-xs text-stone-500">
                  {r.author?.name ?? 'Someone'} · {relativeTime(r.createdAt)}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
      {open && <DiffDialog article={article} revision={open} canRestore={canRestore} onClose={() => setOpen(null)} onRestored={onRestored} />}
    </>
  );
}
