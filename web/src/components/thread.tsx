import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BookPlus, Lock, Paperclip } from 'lucide-react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { api } from '../lib/api.ts';
import type { Message, MessageMail } from '../lib/types.ts';
import { errorText } from './forms/index.ts';
import { OriginalMailButton } from './message-mail.tsx';
import { DeliveryBadge, DeliveryProblem, type ReplyDelivery } from './reply-delivery.tsx';
import { SplitMessage } from './split-message.tsx';
import { Avatar, button, channelName, fullTime, relativeTime } from './ui.tsx';

/** Splits an email body at the start of the quoted earlier conversation, so it can be folded away. */
function splitQuoted(body: string): [string, string] {
  const lines = body.split('\n');
  const start = lines.findIndex((line, i) => /^On .+wrote:\s*$/.test(line) || (line.startsWith('>') && lines.slice(i).every((l) => l.startsWith('>') || !l.trim())));
  if (start <= 0) return [body, ''];
  return [lines.slice(0, start).join('\n').trimEnd(), lines.slice(start).join('\n')];
}

function MessageBody({ message }: { message: Message }) {
  const [showQuoted, setShowQuoted] = useState(false);
  if (message.html) {
    const hasQuote = message.html.includes('<blockquote');
    return (
      <>
        <div className={`message-html text-sm leading-relaxed text-stone-800 ${hasQuote && !showQuoted ? '[&_blockquote]:hidden' : ''}`} dangerouslySetInnerHTML={{ __html: message.html }} />
        {hasQuote && <QuoteToggle shown={showQuoted} onToggle={() => setShowQuoted((v) => !v)} />}
      </>
    );
  }
  const [text, quoted] = splitQuoted(message.body);
  return (
    <>
      <div className="text-sm leading-relaxed whitespace-pre-wrap text-stone-800">{text}</div>
      {quoted && (
        <>
          <QuoteToggle shown={showQuoted} onToggle={() => setShowQuoted((v) => !v)} />
          {showQuoted && <div className="mt-2 border-l-2 border-stone-200 pl-3 text-sm whitespace-pre-wrap text-stone-500">{quoted}</div>}
        </>
      )}
    </>
  );
}

function QuoteToggle({ shown, onToggle }: { shown: boolean; onToggle: () => void }) {
  return (
    <button type="button" onClick={onToggle} className="mt-2 rounded bg-stone-100 px-2 py-0.5 text-xs text-stone-500 hover:bg-stone-200" aria-expanded={shown}>
      {shown ? 'Hide quoted text' : '··· Show quoted text'}
    </button>
  );
}

function Attachments({ message }: { message: Message }) {
  if (message.attachments.length === 0) return null;
  return (
    <ul className="mt-3 flex flex-wrap gap-2">
      {message.attachments.map((a) => {
        const href = `/api/v1/attachments/${a.id}`;
        return (
          <li key={a.id}>
            <a href={href} target="_blank" rel="noreferrer" className="flex items-center gap-2 rounded-md bg-white px-2 py-1.5 text-xs text-stone-700 ring-1 ring-stone-200 hover:ring-stone-300">
              {a.contentType.startsWith('image/') ? <img src={href} alt="" className="size-10 rounded object-cover" loading="lazy" /> : <Paperclip className="size-4 text-stone-400" aria-hidden />}
              <span className="max-w-48 truncate">{a.filename}</span>
              <span className="text-stone-400">{Math.max(1, Math.round(a.size / 1024))} KB</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** Turns a good reply into a draft article and opens it in the Knowledge editor, to be polished there. */
function ArticleFromReply({ ticketId, messageId }: { ticketId: number; messageId: number }) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const create = useMutation({
    mutationFn: () => api.post<{ id: number }>('/knowledge/articles/from-reply', { ticketId, messageId }),
    onSuccess: (article) => {
      void queryClient.invalidateQueries({ queryKey: ['knowledge'] });
      navigate(`/knowledge/articles/${article.id}`);
    },
  });
  const error = errorText(create.error);
  return (
    <>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
      <button type="button" className={`${button.ghost} px-1.5 py-0.5 text-stone-400 hover:text-stone-700`} title="Create a draft article from this reply" disabled={create.isPending} onClick={() => create.mutate()}>
        <BookPlus className="size-4" aria-hidden />
        <span className="sr-only">Create an article from this reply</span>
      </button>
    </>
  );
}

/**
 * One message of the thread; for knowledge writers, an agent's public reply offers to become an article.
 * `mail` tells how it came or went by email: its whole original is a click away. `delivery` tells how an agent's reply is getting to the customer.
 * Agents who may change the ticket can split a customer's message off into a ticket of its own.
 */
export function MessageItem({
  message,
  mail,
  delivery,
  canWriteArticles,
  canReply,
  canSplit,
}: {
  message: Message;
  mail?: MessageMail;
  delivery?: ReplyDelivery;
  canWriteArticles?: boolean;
  canReply?: boolean;
  canSplit?: boolean;
}) {
  const fromCustomer = message.author.type === 'customer';
  const style = message.internal
    ? 'bg-amber-50 ring-amber-200'
    : fromCustomer
      ? 'bg-white ring-stone-200'
      : 'bg-white ring-stone-200 shadow-[inset_3px_0_0_var(--color-brand-600)]';
  return (
    <article data-message-id={message.id} data-internal={message.internal} aria-label={`${message.internal ? 'Internal note' : 'Message'} from ${message.author.name}`} className={`rounded-lg p-4 ring-1 ${style}`}>
      <header className="mb-2 flex items-center gap-2">
        <Avatar name={message.author.name || '?'} size="sm" />
        <span className="text-sm font-medium text-stone-900">{message.author.name}</span>
        {message.internal ? (
          <span className="inline-flex items-center gap-1 rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-800">
            <Lock className="size-3" aria-hidden /> Internal note
          </span>
        ) : (
          <span className="text-xs text-stone-500">{fromCustomer ? `via ${channelName(message.channel)}` : message.author.type === 'system' ? 'automation' : 'replied'}</span>
        )}
        {delivery && <DeliveryBadge delivery={delivery} />}
        <time className="ml-auto text-xs text-stone-400" dateTime={message.createdAt} title={fullTime(message.createdAt)}>
          {relativeTime(message.createdAt)}
        </time>
        {mail?.source && <OriginalMailButton messageId={message.id} />}
        {canSplit && fromCustomer && <SplitMessage message={message} />}
        {canWriteArticles && message.author.type === 'agent' && !message.internal && <ArticleFromReply ticketId={message.ticketId} messageId={message.id} />}
      </header>
      <MessageBody message={message} />
      <Attachments message={message} />
      {delivery && <DeliveryProblem delivery={delivery} canResend={!!canReply} />}
    </article>
  );
}
