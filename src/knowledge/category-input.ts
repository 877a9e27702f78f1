import type { Queryable } from '../db/pool.ts';
import { conflict, invalid } from '../platform/errors.ts';
import { checkLocale, checkSlug } from './article-content.ts';
import { type CategoryColumns, isSelfOrAncestor, selectCategory } from './knowledge.queries.ts';
import type { Category } from './knowledge.types.ts';

export interface CategoryInput {
  parentId?: number | null;
  slug?: string;
  name?: string;
  description?: string;
  translations?: Category['translations'];
  position?: number;
}

/** Checked columns for a new category (`existing` null) or a change to one. */
export async function categoryColumns(db: Queryable, input: CategoryInput, existing: Category | null): Promise<CategoryColumns> {
  const columns: CategoryColumns = { description: input.description?.trim(), translations: input.translations, position: input.position };
  if (input.name !== undefined || !existing) {
    const name = input.name?.trim() ?? '';
    if (!name) throw invalid('name', 'name must not be empty');
    columns.name = name;
  }
  if (input.slug !== undefined || !existing) columns.slug = checkSlug(input.slug, columns.name ?? '');
  for (const locale of Object.keys(input.translations ?? {})) checkLocale(locale, `translations.${locale}`);
  if (input.parentId !== undefined) {
    if (input.parentId !== null) {
      if (!(await selectCategory(db, input.parentId))) throw invalid('parentId', 'parent category does not exist');
      if (existing && (await isSelfOrAncestor(db, existing.id, input.parentId))) throw invalid('parentId', 'a category cannot be placed inside itself');
    }
    columns.parent_id = input.parentId;
  }
  return columns;
}

/** A taken slug is a conflict on the slug field, not a server error. */
export function mapCategoryConstraint(error: unknown): never {
  if ((error as { code?: string; constraint?: string }).code === '23505') throw conflict('another category has this slug', 'slug');
  throw error;
}
