import { lazy, Suspense } from 'react';
import type { RichEditorProps } from './rich-editor.tsx';

export type { RichEditorHandle } from './rich-editor.tsx';

// The editor (Tiptap and ProseMirror) is most of a ticket page's weight: it loads on first use, not with the app.
const RichEditor = lazy(() => import('./rich-editor.tsx'));

/** The rich editor, loaded when first shown; meanwhile a quiet box of the same height. */
export function LazyRichEditor(props: RichEditorProps) {
  return (
    <Suspense
      fallback={
        <div aria-busy="true" className="px-3 py-2.5 text-sm text-stone-400" style={{ minHeight: `calc(${props.minHeight ?? '8rem'} + 2.5rem)` }}>
          {props.placeholder}
        </div>
      }
    >
      <RichEditor {...props} />
    </Suspense>
  );
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text (a macro, an old draft) as editor HTML: blank lines part paragraphs, single ones break lines. */
export const textToHtml = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('');

export const linkHtml = (href: string, title: string): string => `<a href="${escapeHtml(href)}">${escapeHtml(title)}</a>`;
