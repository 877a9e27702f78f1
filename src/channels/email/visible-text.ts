import EmailReplyParser from 'email-reply-parser';

// Attribution lines that introduce a quote ("On Mon, Ann wrote:"), in the languages mail clients write them in.
const ATTRIBUTION = /(wrote|écrit|schrieb|escribió|scrisse|написал|napisał|schreef|skrev|kirjoitti|yazdı|escreveu|書きました|写道)\s*:\s*$/i;
const QUOTED = /^\s*>/;

/**
 * The new text of a reply, without quoted history or signature. The line rules are
 * email-reply-parser's (GitHub's rules, as maintained by Crisp); on top, lines quoted with
 * ">" and an attribution line wrapped over two lines are dropped, which that library leaves
 * in for bottom-posted and Android replies.
 */
export function visibleText(text: string): string {
  const kept = new EmailReplyParser().read(text.replace(/\r\n/g, '\n')).getVisibleText();
  const lines = kept.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (QUOTED.test(line)) continue;
    if (ATTRIBUTION.test(line) && (i + 1 >= lines.length || QUOTED.test(lines[i + 1] as string) || !(lines[i + 1] as string).trim())) {
      // "…<\nbob@example.com> wrote:" — the first half of a wrapped attribution is already in `out`.
      const previous = out[out.length - 1];
      if (previous !== undefined && /[<@]\s*$|^\s*(on|le|am|el)\s/i.test(previous) && !/[<]/.test(line.split('>')[0] ?? '')) out.pop();
      continue;
    }
    out.push(line);
  }
  const visible = out.join('\n').trim();
  return visible || text.trim();
}

/** Whether a text holds quoted history: "> " lines, an attribution, or Outlook's From:/Sent: block. */
export function hasQuotedHistory(text: string): boolean {
  return (
    /^\s*>/m.test(text) ||
    /-----\s*Original Message/i.test(text) ||
    /^\s*(From|De|Von|От):.*\r?\n\s*(Sent|Date|Envoyé|Gesendet|Отправлено):/im.test(text) ||
    text.split('\n').some((line) => ATTRIBUTION.test(line))
  );
}

// Where mail clients start the quoted part of an HTML reply.
const HTML_QUOTE_STARTS = [
  /<div[^>]*class="?gmail_(quote|attr)/i,
  /<blockquote\b/i,
  /<div[^>]*class="?moz-cite-prefix/i,
  /<div[^>]*id="?(divRplyFwdMsg|appendonsend)/i,
  /<hr[^>]*id="?stopSpelling/i,
  /<div[^>]*class="?yahoo_quoted/i,
  /<div[^>]*border-top:\s*solid\s+#(B5C4DF|E1E1E1)/i,
  /<(p|div)\b[^>]*>(\s*<(b|span|font|strong)\b[^>]*>)+\s*(From|De|Von|Van|Da|От):/i,
  /-----\s*Original Message\s*-----/i,
];

/** The HTML of a reply cut where the quoted history starts; the whole mail stays in the raw source. */
export function visibleHtml(html: string): string {
  const body = html.search(/<body\b/i);
  let cut = html.length;
  for (const start of HTML_QUOTE_STARTS) {
    const at = html.slice(Math.max(body, 0)).search(start);
    if (at >= 0) cut = Math.min(cut, Math.max(body, 0) + at);
  }
  const visible = html.slice(0, cut);
  // A mail that is all quote (a bare forward) keeps everything.
  return /\S/.test(visible.replace(/<style[\s\S]*?<\/style>|<[^>]*>|&nbsp;/gi, '')) ? visible : html;
}
