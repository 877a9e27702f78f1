import { mergeAttributes, Node } from '@tiptap/core';
import { Image } from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import { Placeholder } from '@tiptap/extensions';
import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { StarterKit } from '@tiptap/starter-kit';
import {
  Bold,
  Code,
  FileCode,
  Heading2,
  Heading3,
  ImagePlus,
  Info,
  Italic,
  Link2,
  List,
  ListOrdered,
  Quote,
  Redo2,
  Table2,
  Undo2,
} from 'lucide-react';
import { Popover, Toolbar } from 'radix-ui';
import { type ReactNode, type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { ArticleSearch } from './article-search.tsx';
import { button, input, popover } from './ui.tsx';
import './rich-editor.css';

export interface RichEditorHandle {
  focus(): void;
  blur(): void;
  /** Replaces everything; reports it as a change only when asked (a macro yes, loading a draft no). */
  setContent(html: string, reportChange?: boolean): void;
  /** Inserts at the cursor and reports the change. */
  insertContent(html: string): void;
}

export interface RichEditorProps {
  ref?: Ref<RichEditorHandle>;
  initialHtml: string;
  /** The accessible name of the editable area (it is a textbox to assistive technology). */
  label: string;
  placeholder?: string;
  /** Articles get the whole toolbar; replies the few marks an email carries well. */
  variant: 'article' | 'reply';
  onChange(value: { html: string; text: string }): void;
  /** Return true when the key was handled (e.g. Ctrl+Enter to send). */
  onKeyDown?(event: KeyboardEvent): boolean;
  /** Called once the editor exists, e.g. to focus it if asked to while it was loading. */
  onReady?(): void;
  /** Extra controls at the end of the toolbar. */
  toolbarEnd?: ReactNode;
  minHeight?: string;
  /** Names offered after "@", inserted as "@Full Name" (a note's mentions notify those agents). */
  mentions?: readonly string[];
}

/**
 * A box of highlighted content: `<div class="callout">`, which the help center styles and the
 * server's sanitiser keeps (class attributes pass; data attributes would not).
 */
const Callout = Node.create({
  name: 'callout',
  group: 'block',
  content: 'block+',
  defining: true,
  parseHTML: () => [{ tag: 'div.callout' }],
  renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { class: 'callout' }), 0],
});

const MAX_INLINE_IMAGE_BYTES = 300_000;

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the image'));
    reader.readAsDataURL(file);
  });

const toolButton =
  'inline-flex size-7 items-center justify-center rounded text-stone-600 hover:bg-stone-100 hover:text-stone-900 focus-visible:outline-2 focus-visible:outline-brand-600 aria-pressed:bg-stone-200 aria-pressed:text-stone-900 disabled:opacity-40';

function ToolButton({ label, active, onClick, children, disabled }: { label: string; active?: boolean; onClick: () => void; children: ReactNode; disabled?: boolean }) {
  return (
    <Toolbar.Button type="button" aria-label={label} title={label} aria-pressed={active} disabled={disabled} className={toolButton} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      {children}
    </Toolbar.Button>
  );
}

function Separator() {
  return <Toolbar.Separator className="mx-1 h-5 w-px bg-stone-200" />;
}

/** A small form in a popover: a link's address or an image's. */
function UrlPopover({ label, icon, initial, onApply, onRemove, children }: { label: string; icon: ReactNode; initial: () => string; onApply: (url: string) => void; onRemove?: () => void; children?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState('');
  return (
    <Popover.Root
      open={open}
      onOpenChange={(next) => {
        if (next) setUrl(initial());
        setOpen(next);
      }}
    >
      <Toolbar.Button asChild>
        <Popover.Trigger aria-label={label} title={label} className={toolButton}>
          {icon}
        </Popover.Trigger>
      </Toolbar.Button>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={6} className={`${popover} w-80`}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (url.trim()) onApply(url.trim());
              setOpen(false);
            }}
          >
            <label className="text-xs font-medium text-stone-600">
              {label}
              <input autoFocus type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" className={`${input} mt-1`} />
            </label>
            {children}
            <div className="mt-3 flex justify-end gap-2">
              {onRemove && (
                <button
                  type="button"
                  className={button.secondary}
                  onClick={() => {
                    onRemove();
                    setOpen(false);
                  }}
                >
                  Remove link
                </button>
              )}
              <button type="submit" className={button.primary}>
                Apply
              </button>
            </div>
          </form>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function EditorToolbar({ editor, variant, end }: { editor: Editor; variant: RichEditorProps['variant']; end?: ReactNode }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      code: e.isActive('code'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      callout: e.isActive('callout'),
      codeBlock: e.isActive('codeBlock'),
      link: e.isActive('link'),
      table: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const [imageError, setImageError] = useState<string | null>(null);
  const chain = () => editor.chain().focus();
  const article = variant === 'article';

  return (
    <Toolbar.Root aria-label="Formatting" className="flex flex-wrap items-center gap-0.5 border-b border-stone-200/70 px-2 py-1">
      {article && (
        <>
          <ToolButton label="Heading" active={state.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
            <Heading2 className="size-4" />
          </ToolButton>
          <ToolButton label="Subheading" active={state.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
            <Heading3 className="size-4" />
          </ToolButton>
          <Separator />
        </>
      )}
      <ToolButton label="Bold" active={state.bold} onClick={() => chain().toggleBold().run()}>
        <Bold className="size-4" />
      </ToolButton>
      <ToolButton label="Italic" active={state.italic} onClick={() => chain().toggleItalic().run()}>
        <Italic className="size-4" />
      </ToolButton>
      <ToolButton label="Inline code" active={state.code} onClick={() => chain().toggleCode().run()}>
        <Code className="size-4" />
      </ToolButton>
      <Separator />
      <ToolButton label="Bulleted list" active={state.bullet} onClick={() => chain().toggleBulletList().run()}>
        <List className="size-4" />
      </ToolButton>
      <ToolButton label="Numbered list" active={state.ordered} onClick={() => chain().toggleOrderedList().run()}>
        <ListOrdered className="size-4" />
      </ToolButton>
      <ToolButton label="Quote" active={state.quote} onClick={() => chain().toggleBlockquote().run()}>
        <Quote className="size-4" />
      </ToolButton>
      {article && (
        <>
          <ToolButton label="Callout" active={state.callout} onClick={() => chain().toggleWrap('callout').run()}>
            <Info className="size-4" />
          </ToolButton>
          <ToolButton label="Code block" active={state.codeBlock} onClick={() => chain().toggleCodeBlock().run()}>
            <FileCode className="size-4" />
          </ToolButton>
        </>
      )}
      <Separator />
      <UrlPopover
        label="Link"
        icon={<Link2 className="size-4" />}
        initial={() => String(editor.getAttributes('link').href ?? '')}
        onApply={(href) => chain().extendMarkRange('link').setLink({ href }).run()}
        onRemove={state.link ? () => chain().extendMarkRange('link').unsetLink().run() : undefined}
      />
      {article && (
        <>
          <ArticleSearch
            triggerLabel="Link to an article"
            compactTrigger
            actions={['link']}
            onPick={(hit) => {
              const { empty } = editor.state.selection;
              if (empty) chain().insertContent({ type: 'text', text: hit.title, marks: [{ type: 'link', attrs: { href: hit.url } }] }).insertContent(' ').run();
              else chain().setLink({ href: hit.url }).run();
            }}
          />
          <UrlPopover label="Image" icon={<ImagePlus className="size-4" />} initial={() => ''} onApply={(src) => chain().setImage({ src }).run()}>
            <label className="mt-3 block text-xs text-stone-600">
              or upload one (up to {MAX_INLINE_IMAGE_BYTES / 1000} KB)
              <input
                type="file"
                accept="image/*"
                className="mt-1 block w-full text-xs"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (!file) return;
                  if (file.size > MAX_INLINE_IMAGE_BYTES) return setImageError(`${file.name} is larger than ${MAX_INLINE_IMAGE_BYTES / 1000} KB`);
                  setImageError(null);
                  void readAsDataUrl(file).then((src) => chain().setImage({ src, alt: file.name }).run(), () => setImageError(`${file.name} could not be read`));
                }}
              />
              {imageError && <span className="mt-1 block text-red-700">{imageError}</span>}
            </label>
          </UrlPopover>
          <ToolButton label="Table" active={state.table} onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}>
            <Table2 className="size-4" />
          </ToolButton>
          {state.table && (
            <span className="ml-1 inline-flex items-center gap-1 text-xs" role="group" aria-label="Table">
              <button type="button" className={button.ghost} onClick={() => chain().addRowAfter().run()}>
                + Row
              </button>
              <button type="button" className={button.ghost} onClick={() => chain().addColumnAfter().run()}>
                + Column
              </button>
              <button type="button" className={button.ghost} onClick={() => chain().deleteRow().run()}>
                − Row
              </button>
              <button type="button" className={button.ghost} onClick={() => chain().deleteColumn().run()}>
                − Column
              </button>
              <button type="button" className={button.ghost} onClick={() => chain().deleteTable().run()}>
                Delete table
              </button>
            </span>
          )}
          <Separator />
          <ToolButton label="Undo" disabled={!state.canUndo} onClick={() => chain().undo().run()}>
            <Undo2 className="size-4" />
          </ToolButton>
          <ToolButton label="Redo" disabled={!state.canRedo} onClick={() => chain().redo().run()}>
            <Redo2 className="size-4" />
          </ToolButton>
        </>
      )}
      {end && <div className="ml-auto flex items-center gap-1">{end}</div>}
    </Toolbar.Root>
  );
}

/** An "@…" being typed just before the cursor: where it starts, what follows the @, and the names it fits. */
interface MentionQuery {
  from: number;
  to: number;
  names: string[];
  left: number;
  top: number;
}

const MENTION_BEFORE_CURSOR = /(?:^|\s)@([\p{L}\p{N}.'-]{0,30})$/u;

function mentionQuery(editor: Editor, names: readonly string[]): MentionQuery | null {
  const { selection } = editor.state;
  if (!selection.empty || names.length === 0) return null;
  const { $from } = selection;
  const typed = MENTION_BEFORE_CURSOR.exec($from.parent.textBetween(0, $from.parentOffset, undefined, '\ufffc'));
  if (!typed) return null;
  const query = (typed[1] ?? '').toLowerCase();
  const fits = names.filter((name) => name.toLowerCase().startsWith(query) || name.toLowerCase().split(/\s+/).some((word) => word.startsWith(query))).slice(0, 6);
  if (fits.length === 0) return null;
  const from = selection.from - query.length - 1;
  const at = editor.view.coordsAtPos(from);
  return { from, to: selection.from, names: fits, left: at.left, top: at.bottom };
}

function MentionList({ query, active, onPick }: { query: MentionQuery; active: number; onPick: (name: string) => void }) {
  return (
    <ul role="listbox" aria-label="Mention an agent" className="fixed z-50 min-w-48 rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-stone-200" style={{ left: query.left, top: query.top + 4 }}>
      {query.names.map((name, i) => (
        <li
          key={name}
          role="option"
          aria-selected={i === active}
          className={`cursor-pointer px-3 py-1.5 ${i === active ? 'bg-brand-50 text-brand-900' : 'text-stone-700 hover:bg-stone-50'}`}
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(name);
          }}
        >
          {name}
        </li>
      ))}
    </ul>
  );
}

/** Plain text of the document, paragraphs apart by a blank line, as a text/plain email reads. */
const plainText = (editor: Editor) => editor.getText({ blockSeparator: '\n\n' }).trim();

/**
 * The one rich text editor of the app (Tiptap): articles and replies. It is uncontrolled — the
 * parent gives the first content and hears every change — because feeding ProseMirror its own
 * output back on each keystroke would fight the cursor.
 */
export default function RichEditor({ ref, initialHtml, label, placeholder, variant, onChange, onKeyDown, onReady, toolbarEnd, minHeight = '8rem', mentions = [] }: RichEditorProps) {
  const [mention, setMention] = useState<{ query: MentionQuery; active: number } | null>(null);
  // The editor is created once; these keep its callbacks and the open mention list current without recreating it.
  const latest = useRef({ onChange, onKeyDown, placeholder, mentions, mention });
  latest.current = { onChange, onKeyDown, placeholder, mentions, mention };

  const editor = useEditor({
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3] }, link: { openOnClick: false, autolink: true, defaultProtocol: 'https' } }),
      Image.configure({ allowBase64: true }),
      TableKit.configure({ table: { resizable: false } }),
      Callout,
      Placeholder.configure({ placeholder: () => latest.current.placeholder ?? '' }),
    ],
    content: initialHtml,
    immediatelyRender: true,
    editorProps: {
      attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, class: 'rich-content focus:outline-none', style: `min-height:${minHeight}` },
      handleKeyDown: (_view, event) => handleMentionKey(event) || (latest.current.onKeyDown?.(event) ?? false),
    },
    onUpdate: ({ editor: e }) => latest.current.onChange({ html: e.isEmpty ? '' : e.getHTML(), text: plainText(e) }),
    onTransaction: ({ editor: e }) => {
      const query = mentionQuery(e, latest.current.mentions);
      setMention((open) => (query ? { query, active: open && open.query.from === query.from ? Math.min(open.active, query.names.length - 1) : 0 } : null));
    },
  });

  const pickMention = (name: string) => {
    const open = latest.current.mention;
    if (!open) return;
    editor.chain().focus().insertContentAt({ from: open.query.from, to: open.query.to }, `@${name} `).run();
    setMention(null);
  };

  // While the list is open, the arrows choose, Enter or Tab takes, Escape closes; other keys type on.
  function handleMentionKey(event: KeyboardEvent): boolean {
    const open = latest.current.mention;
    if (!open) return false;
    const count = open.query.names.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : count - 1;
      setMention({ ...open, active: (open.active + step) % count });
      return true;
    }
    if ((event.key === 'Enter' && !event.metaKey && !event.ctrlKey) || event.key === 'Tab') {
      pickMention(open.query.names[open.active] as string);
      return true;
    }
    if (event.key === 'Escape') {
      setMention(null);
      return true;
    }
    return false;
  }

  // The box changes name and hint with what it is writing (a reply or a note).
  useEffect(() => {
    editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: { ...(editor.options.editorProps.attributes as Record<string, string>), 'aria-label': label } } });
    editor.view.dispatch(editor.state.tr); // redraws the placeholder
  }, [editor, label, placeholder]);

  useImperativeHandle(
    ref,
    () => ({
      // Tiptap's focus and blur commands wait for the next frame. Keys pressed before it would miss the
      // box: the note typed right after "n" would land on the page and fire shortcuts ("r", "e"), and a
      // shortcut right after Escape would type into the box.
      focus: () => {
        editor.view.focus();
        editor.commands.scrollIntoView();
      },
      blur: () => editor.view.dom.blur(),
      setContent: (html, reportChange = false) => editor.commands.setContent(html, { emitUpdate: reportChange }),
      insertContent: (html) => editor.chain().focus().insertContent(html).run(),
    }),
    [editor],
  );

  const readyFired = useRef(false);
  useEffect(() => {
    if (readyFired.current) return;
    readyFired.current = true;
    onReady?.();
  }, [onReady]);

  return (
    <div className="flex flex-col">
      <EditorToolbar editor={editor} variant={variant} end={toolbarEnd} />
      <EditorContent editor={editor} className="min-h-0 flex-1 overflow-y-auto px-3 py-2.5" />
      {mention && <MentionList query={mention.query} active={mention.active} onPick={pickMention} />}
    </div>
  );
}
