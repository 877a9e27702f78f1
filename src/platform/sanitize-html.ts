import sanitize from 'sanitize-html';

const OPTIONS: sanitize.IOptions = {
  allowedTags: [
    ...sanitize.defaults.allowedTags,
    'img', 'span', 'font', 'center', 'del', 'ins', 'sub', 'sup', 'u', 's', 'small', 'big', 'colgroup', 'col',
  ],
  allowedAttributes: {
    '*': ['style', 'dir', 'lang', 'title', 'align', 'class'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan', 'valign', 'width', 'bgcolor'],
    th: ['colspan', 'rowspan', 'valign', 'width', 'bgcolor'],
    table: ['width', 'border', 'cellpadding', 'cellspacing', 'bgcolor'],
    font: ['color', 'face', 'size'],
    col: ['span', 'width'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
  allowProtocolRelative: false,
  // Styles are kept (mail looks wrong without them) but only properties that cannot load or run anything.
  allowedStyles: {
    '*': Object.fromEntries(
      ['color', 'background-color', 'font-size', 'font-weight', 'font-style', 'font-family', 'text-align', 'text-decoration', 'margin', 'margin-left', 'margin-right', 'margin-top', 'margin-bottom', 'padding', 'padding-left', 'padding-right', 'padding-top', 'padding-bottom', 'border', 'border-left', 'border-collapse', 'width', 'max-width', 'height', 'line-height', 'vertical-align', 'white-space', 'display'].map((p) => [p, [/^[^()<>\\;]*$/]]),
    ),
  },
  transformTags: { a: sanitize.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
};

/** Removes scripts, event handlers, `javascript:` URLs and anything else that could run or track. */
export function sanitizeHtml(html: string): string {
  return sanitize(html, OPTIONS);
}

/** A plain-text rendering of HTML, for bodies that arrive as HTML only. */
export function htmlToText(html: string): string {
  return sanitize(html.replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, '\n$&'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
