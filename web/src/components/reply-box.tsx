import { Lock, MessageSquare, Paperclip, Send, X } from 'lucide-react';
import { ToggleGroup } from 'radix-ui';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useWorkspaceAgents } from '../lib/agents.ts';
import { api, ApiError } from '../lib/api.ts';
import { realtime } from '../lib/realtime.ts';
import type { Message, Ticket } from '../lib/types.ts';
import { type ArticleHit, ArticleSearch, type PickHow } from './article-search.tsx';
import { type Macro, MacroPicker, renderPlaceholders } from './macro-picker.tsx';
import { MessagingRecipient, ReplyRecipients, ReplyRouteProblem, useMessagingRoute, useReplyRoute } from './reply-recipients.tsx';
import { SendTemplate } from './send-template.tsx';
import { LazyRichEditor, linkHtml, type RichEditorHandle, textToHtml } from './rich-editor-lazy.tsx';
import { button, channelName, Kbd } from './ui.tsx';

const toBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });

export interface ReplyBoxHandle {
  focus(mode: 'reply' | 'note'): void;
}

interface Props {
  ticket: Ticket | undefined;
  ticketId: number;
  meId: number | null;
  meName: string;
  canReply: boolean;
  /** The thread as shown, to warn when someone else wrote while this draft was open. */
  messages: Message[];
  onSent(): void;
}

/**
 * Public reply or internal note. When a colleague's or the customer's message arrives while the
 * agent is writing, sending first shows it and asks again, so nobody answers a stale question.
 */
export const ReplyBox = forwardRef<ReplyBoxHandle, Props>(function ReplyBox({ ticket, ticketId, meId, meName, canReply, messages, onSent }, ref) {
  const [mode, setMode] = useState<'reply' | 'note'>(canReply ? 'reply' : 'note');
  // The text goes along as the message body (mentions, email's text part); the HTML keeps the formatting.
  const [body, setBody] = useState('');
  const [html, setHtml] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [seenUpTo, setSeenUpTo] = useState<number | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const editor = useRef<RichEditorHandle>(null);
  // Typing before the saved draft arrives wins over the draft.
  const typed = useRef(false);
  // Asked to focus (r / n) before the editor finished loading: it focuses once ready.
  const focusWhenReady = useRef(false);
  const lastTyping = useRef(0);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The draft save still waiting out its debounce, if any: sent at once when the agent leaves.
  const pendingSave = useRef<((leaving: boolean) => void) | null>(null);
  const flushDraft = () => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    pendingSave.current?.(true);
  };

  // The draft lives on the server: it survives a reload and follows the agent to another device.
  useEffect(() => {
    let cancelled = false;
    api.get<{ draft: { body: string; html: string | null; internal: boolean } | null }>(`/tickets/${ticketId}/draft`).then(
      ({ draft }) => {
        if (cancelled || !draft) return;
        if (typed.current) return;
        const draftHtml = draft.html ?? textToHtml(draft.body);
        setBody(draft.body);
        setHtml(draftHtml);
        editor.current?.setContent(draftHtml);
        setMode(draft.internal || !canReply ? 'note' : 'reply');
      },
      () => {},
    );
    return () => {
      cancelled = true;
      flushDraft();
    };
  }, [ticketId, canReply]);

  // A reload or a closed tab within the debounce would otherwise lose what was typed last.
  useEffect(() => {
    window.addEventListener('pagehide', flushDraft);
    return () => window.removeEventListener('pagehide', flushDraft);
  }, []);

  const saveDraft = (text: string, draftHtml: string, internal: boolean) => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    // Leaving, the request must outlive the page (keepalive, which caps it at 64 KB).
    const save = (leaving: boolean) => {
      pendingSave.current = null;
      void api.put(`/tickets/${ticketId}/draft`, { body: text, html: draftHtml, internal }, { keepalive: leaving }).catch(() => {});
    };
    pendingSave.current = save;
    saveTimer.current = setTimeout(() => save(false), 800);
  };

  useImperativeHandle(ref, () => ({
    focus(next) {
      setMode(next === 'reply' && !canReply ? 'note' : next);
      if (editor.current) editor.current.focus();
      else focusWhenReady.current = true;
    },
  }));
  const onEditorReady = useCallback(() => {
    if (focusWhenReady.current) editor.current?.focus();
    focusWhenReady.current = false;
  }, []);

  const latestId = messages.reduce((max, m) => Math.max(max, m.id), 0);
  const newSinceDraft = seenUpTo === null ? [] : messages.filter((m) => m.id > seenUpTo && m.author.id !== meId);

  const onChange = ({ text: value, html: nextHtml }: { text: string; html: string }) => {
    typed.current = true;
    setBody(value);
    setHtml(nextHtml);
    saveDraft(value, nextHtml, mode === 'note');
    if (value && seenUpTo === null) setSeenUpTo(latestId);
    if (!value) setSeenUpTo(null);
    if (Date.now() - lastTyping.current > 2500 && value) {
      lastTyping.current = Date.now();
      realtime.setMyPresence(ticketId, 'typing', mode === 'note');
    }
  };

  const send = async (status?: string) => {
    if (!body.trim() || busy) return;
    if (newSinceDraft.length > 0) {
      setSeenUpTo(latestId);
      setError(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const attachments = await Promise.all(files.map(async (f) => ({ filename: f.name, contentType: f.type || 'application/octet-stream', data: await toBase64(f) })));
      await api.post(`/tickets/${ticketId}/messages`, { body, ...(html ? { html } : {}), internal: mode === 'note', ...(status ? { status } : {}), ...(attachments.length ? { attachments } : {}) });
      setBody('');
      setHtml('');
      editor.current?.setContent('');
      setFiles([]);
      setSeenUpTo(null);
      if (saveTimer.current) clearTimeout(saveTimer.current);
      pendingSave.current = null;
      await api.put(`/tickets/${ticketId}/draft`, { body: '' }).catch(() => {});
      realtime.setMyPresence(ticketId, 'viewing');
      onSent();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not send. Your text is still here.');
    } finally {
      setBusy(false);
    }
  };

  // One click: the text lands in the box for review, the property changes apply at once.
  const applyMacro = async (macro: Macro) => {
    const a = macro.actions;
    if (a.reply && ticket) {
      const text = renderPlaceholders(a.reply, ticket, meName);
      const nextMode = a.internal || !canReply ? 'note' : 'reply';
      setMode(nextMode);
      const next = { text: body.trim() ? `${body.trimEnd()}\n\n${text}` : text, html: `${body.trim() ? html : ''}${textToHtml(text)}` };
      onChange(next);
      saveDraft(next.text, next.html, nextMode === 'note');
      editor.current?.setContent(next.html);
      editor.current?.focus();
    }
    const change = {
      ...(a.status ? { status: a.status } : {}),
      ...(a.priority ? { priority: a.priority } : {}),
      ...(a.addTags?.length ? { addTags: a.addTags } : {}),
      ...(a.assignToMe && meId !== null ? { assigneeId: meId } : {}),
      ...(a.teamId !== undefined ? { teamId: a.teamId } : {}),
    };
    if (Object.keys(change).length === 0) return;
    try {
      await api.patch(`/tickets/${ticketId}`, change);
      onSent();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The macro could not change the ticket.');
    }
  };

  // One click: a link to the article, or its whole text to adapt before sending.
  const insertArticle = async (hit: ArticleHit, how: PickHow) => {
    const piece = how === 'link' ? `${linkHtml(hit.url, hit.title)} ` : (await api.get<{ bodyHtml: string }>(`/knowledge/articles/${hit.id}`)).bodyHtml;
    if (editor.current) return editor.current.insertContent(piece);
    onChange({ text: body, html: `${html}${how === 'link' ? `<p>${piece}</p>` : piece}` });
  };

  const note = mode === 'note';
  const route = useReplyRoute(ticketId, canReply);
  const texted = useMessagingRoute(ticket, canReply);
  // Whom a note can mention: active colleagues.
  const colleagues = (useWorkspaceAgents().data?.data ?? []).filter((a) => a.status === 'active' && a.id !== meId).map((a) => a.name);
  return (
    <div className={`rounded-lg ring-1 transition-colors ${note ? 'bg-amber-50/60 ring-amber-300' : 'bg-white ring-stone-300'} focus-within:ring-2 ${note ? 'focus-within:ring-amber-400' : 'focus-within:ring-brand-600'}`}>
      {/* Only the line saying who receives the message gives way on a narrow screen. */}
      <div className="flex items-center gap-2 border-b border-stone-200/70 px-3 py-2 [&>*]:shrink-0">
        <ToggleGroup.Root type="single" value={mode} onValueChange={(v) => {
            if (!v) return;
            setMode(v as 'reply' | 'note');
            if (body) saveDraft(body, html, v === 'note');
          }} aria-label="Message kind" className="inline-flex rounded-md bg-stone-100 p-0.5">
          <ToggleGroup.Item value="reply" disabled={!canReply} className="inline-flex items-center gap-1.5 rounded px-2.5 py-1 text-xs font-medium text-stone-600 data-[state=on]:bg-white data-[state=on]:text-stone-900 data-[state=on]:shadow-sm disabled:opacity-40">
            <MessageSquare className="size-3.5" aria-hidden /> Public reply
          </ToggleGroup.Item>
          <ToggleGroup.Item value="note" className="inline-flex items-center gap-1.5 rounded px-2.5 py-1 text-xs font-medium text-stone-600 data-[state=on]:bg-amber-100 data-[state=on]:text-amber-900 data-[state=on]:shadow-sm">
            <Lock className="size-3.5" aria-hidden /> Internal note
          </ToggleGroup.Item>
        </ToggleGroup.Root>
        <MacroPicker onApply={(m) => void applyMacro(m)} />
        <ArticleSearch
          triggerLabel="Insert from the knowledge base"
          actions={['link', 'content']}
          onPick={insertArticle}
          unavailable={(hit) => (!note && hit.visibility === 'internal' ? 'Internal: for notes only' : null)}
        />
        <span className="ml-auto flex min-w-0 !shrink justify-end text-xs text-stone-400">
          {note ? 'Only agents see notes' : route?.to ? <ReplyRecipients ticketId={ticketId} route={route} /> : texted ? texted.to ? <MessagingRecipient route={texted} /> : 'Not sent to the customer' : 'The customer receives this'}
        </span>
      </div>
      {!note && route?.problem && <ReplyRouteProblem problem={route.problem} how="emailed" />}
      {!note && texted?.problem && <ReplyRouteProblem problem={texted.problem} how={`sent by ${channelName(texted.channel ?? '')}`} />}
      {!note && texted?.templateOnly && <SendTemplate ticketId={ticketId} route={texted} />}
      {newSinceDraft.length > 0 && (
        <div role="alert" className="flex items-center gap-2 border-b border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
          <span className="font-medium">{[...new Set(newSinceDraft.map((m) => m.author.name))].join(', ')}</span> wrote on this ticket while you were typing. Read it above, then send again.
        </div>
      )}
      <LazyRichEditor
        ref={editor}
        variant="reply"
        initialHtml={html}
        label={note ? 'Internal note' : 'Reply to the customer'}
        placeholder={note ? 'Add a note for your team…' : 'Write your reply…'}
        onChange={onChange}
        onReady={onEditorReady}
        mentions={note ? colleagues : undefined}
        minHeight="6rem"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
            void send();
            return true;
          }
          if (e.key === 'Escape') {
            editor.current?.blur();
            return true;
          }
          return false;
        }}
      />
      {files.length > 0 && (
        <ul className="flex flex-wrap gap-1.5 px-3 pb-2" aria-label="Attachments">
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`} className="inline-flex items-center gap-1 rounded bg-stone-100 py-0.5 pr-1 pl-2 text-xs text-stone-700">
              {f.name}
              <button type="button" aria-label={`Remove ${f.name}`} onClick={() => setFiles(files.filter((_, j) => j !== i))} className="text-stone-400 hover:text-stone-700">
                <X className="size-3" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="px-3 pb-2 text-sm text-red-700">{error}</p>}
      <div className="flex items-center gap-2 px-3 pb-3">
        <input ref={fileInput} type="file" multiple hidden onChange={(e) => setFiles([...files, ...Array.from(e.target.files ?? [])])} />
        <button type="button" className={button.ghost} onClick={() => fileInput.current?.click()} aria-label="Attach files">
          <Paperclip className="size-4" />
        </button>
        <span className="text-xs text-stone-400">
          <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> to send
        </span>
        {!note && (
          <button type="button" className={`${button.secondary} ml-auto`} disabled={busy || !body.trim()} onClick={() => void send('solved')}>
            Send and solve
          </button>
        )}
        <button type="button" className={`${button.primary} ${note ? 'ml-auto bg-amber-600 hover:bg-amber-700' : ''}`} disabled={busy || !body.trim()} onClick={() => void send()}>
          <Send className="size-3.5" aria-hidden />
          {note ? 'Add note' : 'Send reply'}
        </button>
      </div>
    </div>
  );
});
