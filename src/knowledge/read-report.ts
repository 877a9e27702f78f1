import { requirePermission } from '../auth/index.ts';
import type { Ctx } from '../platform/context.ts';
import { type ArticleReportRow, selectArticleReport, selectReportTotals, selectVoteComments, type VoteComment } from './knowledge-report.queries.ts';

export interface KnowledgeReport {
  totals: { articles: number; published: number; views: number; helpful: number; notHelpful: number };
  articles: ArticleReportRow[];
  comments: VoteComment[];
}

/**
 * How the knowledge base is read: views and helpfulness per article, most read first, and what
 * readers wrote with their votes. Searches that found nothing and deflections have their own reports.
 */
export async function readKnowledgeReport(ctx: Ctx, limit = 50): Promise<KnowledgeReport> {
  requirePermission(ctx.actor, 'reports.read');
  const [totals, articles, comments] = await Promise.all([selectReportTotals(ctx.db), selectArticleReport(ctx.db, limit), selectVoteComments(ctx.db, 20)]);
  return { totals, articles, comments };
}
