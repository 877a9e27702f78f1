/**
 * ts_headline treats what looks like markup in its input as markup (`<b>` vanishes, `&lt;` is kept
 * verbatim), so text reaches it with `<`, `>` and `&` swapped for private-use stand-ins, and it marks
 * matches with two more; `headlineHtml` turns the result into safe HTML.
 */
export const STAND_INS = { markStart: '\uE000', markEnd: '\uE001', lt: '\uE002', gt: '\uE003', amp: '\uE004' } as const;

/** SQL `translate(text, FROM, TO)` arguments that swap markup for stand-ins and drop stray stand-ins. */
export const SWAP_FROM = `<>&${Object.values(STAND_INS).join('')}`;
export const SWAP_TO = `${STAND_INS.lt}${STAND_INS.gt}${STAND_INS.amp}`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** A ts_headline result as safe HTML: everything escaped, only the matched words wrapped in `<mark>`. */
export function headlineHtml(headline: string): string {
  return escapeHtml(headline)
    .replaceAll(STAND_INS.markStart, '<mark>')
    .replaceAll(STAND_INS.markEnd, '</mark>')
    .replaceAll(STAND_INS.lt, '&lt;')
    .replaceAll(STAND_INS.gt, '&gt;')
    .replaceAll(STAND_INS.amp, '&amp;');
}
