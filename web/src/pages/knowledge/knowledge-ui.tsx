import { Eye, Lock, Users } from 'lucide-react';
import { Link } from 'wouter';
import { type ArticleStatus, STATUS_LABEL, type Visibility, VISIBILITY_LABEL } from './knowledge-api.ts';

const STATUS_STYLE: Record<ArticleStatus, string> = {
  draft: 'bg-stone-100 text-stone-700 ring-stone-200',
  in_review: 'bg-amber-50 text-amber-800 ring-amber-200',
  published: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
};

export function ArticleStatusBadge({ status }: { status: ArticleStatus }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STATUS_STYLE[status]}`}>{STATUS_LABEL[status]}</span>;
}

const VISIBILITY_ICON = { public: Eye, customers: Users, internal: Lock };

export function VisibilityLabel({ visibility }: { visibility: Visibility }) {
  const Icon = VISIBILITY_ICON[visibility];
  return (
    <span className="inline-flex items-center gap-1 text-xs whitespace-nowrap text-stone-600">
      <Icon className="size-3.5 text-stone-400" aria-hidden /> {VISIBILITY_LABEL[visibility]}
    </span>
  );
}

/** Articles | Reports, under the section title. */
export function KnowledgeTabs({ current }: { current: 'articles' | 'reports' }) {
  const tab = (key: 'articles' | 'reports', href: string, label: string) => (
    <Link href={href} aria-current={current === key ? 'page' : undefined} className={`border-b-2 px-1 pb-2 text-sm ${current === key ? 'border-brand-700 font-medium text-brand-800' : 'border-transparent text-stone-500 hover:text-stone-800'}`}>
      {label}
    </Link>
  );
  return (
    <nav aria-label="Knowledge base" className="flex gap-5">
      {tab('articles', '/', 'Articles')}
      {tab('reports', '/reports', 'Reports')}
    </nav>
  );
}
