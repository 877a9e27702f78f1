import { requirePermission } from '../auth/index.ts';
import type { Db } from '../db/pool.ts';
import { type Article, getHelpCenterSettings, getLiveArticle, recordArticleView, type SearchHit, searchArticles } from '../knowledge/index.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import type { PortalCustomer } from './portal-access.ts';
import { type DeflectionRow, insertAttempt, recordOpened, recordSuggestions, selectDeflections } from './portal.queries.ts';

/** An unsent new request idle this long was abandoned; if the customer read a suggestion first, it was deflected. */
export const ABANDONED_AFTER_MINUTES = 30;
/** Signed-in customers are offered customer-only articles too; the portal shows those itself. */
const AUDIENCE = 'customers';

/** Each opening of the new-request form is one attempt, which ends submitted or abandoned. */
export const startRequestAttempt = (db: Db, customer: PortalCustomer): Promise<number> => insertAttempt(db, customer.customerId);

/** Articles matching what the customer is typing, remembered on their attempt. */
export async function suggestArticles(db: Db, customer: PortalCustomer, input: { attemptId: number; text: string }): Promise<SearchHit[]> {
  const text = input.text.trim().slice(0, 200);
  if (text.length < 3) return [];
  const { defaultLocale } = await getHelpCenterSettings(db);
  // Typing is prose, not a query: any of its words may match, the best-ranked first.
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2);
  if (words.length === 0) return [];
  const { hits } = await searchArticles(db, { q: words.join(' or '), locale: defaultLocale, audience: AUDIENCE, limit: 5 });
  await recordSuggestions(db, input.attemptId, customer.customerId, text, hits.map((h) => h.id));
  return hits;
}

/** The customer opened a suggestion: remembered, then they go to the article. */
export async function openSuggestion(db: Db, customer: PortalCustomer, attemptId: number, articleId: number): Promise<Article> {
  const article = await getLiveArticle(db, articleId, AUDIENCE);
  if (!article) throw notFound('article');
  await recordOpened(db, attemptId, customer.customerId, articleId);
  return article;
}

/** Per article: suggested, opened, deflected (opened, then no request sent) and submitted anyway. */
export async function deflectionReport(ctx: Ctx, since: Date): Promise<DeflectionRow[]> {
  requirePermission(ctx.actor, 'reports.read');
  return selectDeflections(ctx.db, since, ABANDONED_AFTER_MINUTES);
}

/** An article for a signed-in customer: public ones and those for customers only. */
export async function readCustomerArticle(db: Db, articleId: number): Promise<Article> {
  const article = await getLiveArticle(db, articleId, AUDIENCE);
  if (!article) throw notFound('article');
  await recordArticleView(db, article.id);
  return article;
}
