import { Route, Switch, useSearchParams } from 'wouter';
import type { Me } from '../../lib/types.ts';
import { ArticleEditor } from './article-editor.tsx';
import { ArticleList } from './article-list.tsx';
import { KnowledgeReports } from './knowledge-reports.tsx';

/** The knowledge base for agents: routes below /knowledge (nested, so links here are relative). */
export default function KnowledgeSection({ me }: { me: Me }) {
  const [params] = useSearchParams();
  return (
    <Switch>
      <Route path="/articles/new">
        <ArticleEditor key={`new-${params.toString()}`} me={me} articleId={null} translationOf={Number(params.get('translationOf')) || null} locale={params.get('locale')} categoryId={Number(params.get('categoryId')) || null} />
      </Route>
      <Route path="/articles/:id">{(p) => <ArticleEditor key={p.id} me={me} articleId={Number(p.id)} translationOf={null} locale={null} />}</Route>
      <Route path="/reports">
        <KnowledgeReports me={me} />
      </Route>
      <Route>
        <ArticleList me={me} />
      </Route>
    </Switch>
  );
}
