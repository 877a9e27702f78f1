import { Columns2, Languages } from 'lucide-react';
import { Link } from 'wouter';
import { button } from '../../components/ui.tsx';
import { type Article, useHelpCenterSettings } from './knowledge-api.ts';
import { ArticleStatusBadge } from './knowledge-ui.tsx';

/** The article's other languages, the help center languages it still lacks, and which one sits beside the editor. */
export function TranslationsPanel({ article, beside, onBeside }: { article: Article; beside: number | null; onBeside: (id: number | null) => void }) {
  const settings = useHelpCenterSettings();
  const have = new Set([article.locale, ...article.translations.map((t) => t.locale)]);
  const missing = (settings.data?.locales ?? []).filter((l) => !have.has(l));
  return (
    <div className="space-y-4">
      <ul aria-label="Languages" className="space-y-1">
        {article.translations.map((t) => (
          <li key={t.id} className="rounded-md px-2 py-2 ring-1 ring-stone-200">
            <div className="flex items-center gap-2">
              <span className="w-7 text-xs font-semibold text-stone-500 uppercase">{t.locale}</span>
              <Link href={`/articles/${t.id}`} className="min-w-0 flex-1 truncate text-sm text-stone-800 hover:underline">
                {t.title}
              </Link>
              <ArticleStatusBadge status={t.status} />
            </div>
            <button type="button" aria-pressed={beside === t.id} onClick={() => onBeside(beside === t.id ? null : t.id)} className={`${button.ghost} mt-1 text-xs aria-pressed:bg-brand-50 aria-pressed:text-brand-800`}>
              <Columns2 className="size-3.5" aria-hidden /> {beside === t.id ? 'Hide side by side' : 'Side by side'}
            </button>
          </li>
        ))}
        {article.translations.length === 0 && <li className="text-sm text-stone-500">Only in {article.locale.toUpperCase()} so far.</li>}
      </ul>
      {missing.length > 0 && (
        <div>
          <p className="mb-1.5 text-xs font-medium text-amber-800">Missing in {missing.map((l) => l.toUpperCase()).join(', ')}</p>
          <div className="flex flex-wrap gap-1.5">
            {missing.map((locale) => (
              <Link key={locale} href={`/articles/new?translationOf=${article.id}&locale=${locale}`} className={button.secondary}>
                <Languages className="size-3.5" aria-hidden /> Translate to {locale.toUpperCase()}
              </Link>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
