import { recordAudit } from '../audit/index.ts';
import { withTransaction, type DbOrTx } from '../db/pool.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { insertVote } from './knowledge.queries.ts';
import { getLiveArticle } from './read-live-articles.ts';
import type { Audience } from './knowledge.types.ts';

const MAX_COMMENT = 2000;

/** "Was this helpful?": a reader's yes or no, with an optional comment, on an article they can see. */
export async function voteOnArticle(
  db: DbOrTx,
  input: { articleId: number; helpful: boolean; comment?: string; audience: Audience; customerId?: number | null },
): Promise<void> {
  const comment = input.comment?.trim() ?? '';
  if (comment.length > MAX_COMMENT) throw invalid('comment', `comment must be at most ${MAX_COMMENT} characters`);
  await withTransaction(db, async (tx) => {
    if (!(await getLiveArticle(tx, input.articleId, input.audience))) throw notFound('article');
    const voteId = await insertVote(tx, { articleId: input.articleId, helpful: input.helpful, comment, customerId: input.customerId ?? null });
    await recordAudit(tx, null, { action: 'article.voted', entityType: 'article', entityId: input.articleId, after: { voteId, helpful: input.helpful, customerId: input.customerId ?? null } });
  });
}
