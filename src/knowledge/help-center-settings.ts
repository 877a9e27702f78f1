import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { type Queryable, withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { checkLocale } from './article-content.ts';
import { selectSettings, updateSettingsRow } from './knowledge.queries.ts';
import type { HelpCenterSettings } from './knowledge.types.ts';

/** Public: the help center and portal render with these. */
export const getHelpCenterSettings = (db: Queryable): Promise<HelpCenterSettings> => selectSettings(db);

export async function updateHelpCenterSettings(ctx: Ctx, patch: Partial<Omit<HelpCenterSettings, 'updatedAt'>>): Promise<HelpCenterSettings> {
  requirePermission(ctx.actor, 'settings.manage');
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectSettings(tx);
    const next = { ...before, ...patch };
    next.locales = [...new Set((patch.locales ?? before.locales).map((l, i) => checkLocale(l, `locales.${i}`)))];
    checkLocale(next.defaultLocale, 'defaultLocale');
    if (!next.locales.includes(next.defaultLocale)) throw invalid('defaultLocale', 'defaultLocale must be one of locales');
    if (!/^#[0-9a-fA-F]{6}$/.test(next.brandColor)) throw invalid('brandColor', 'brandColor must be a colour like #2563eb');
    if (!next.name.trim()) throw invalid('name', 'name must not be empty');
    const after = await updateSettingsRow(tx, { name: next.name.trim(), logoText: next.logoText.trim(), brandColor: next.brandColor, defaultLocale: next.defaultLocale, locales: next.locales });
    await recordAudit(tx, ctx.actor, { action: 'help_center.settings_updated', entityType: 'setting', entityId: 'help_center', before, after });
    return after;
  });
}
