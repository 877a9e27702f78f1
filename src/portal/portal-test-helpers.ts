import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createTestTend, type TestTend } from '../testing/harness.ts';

/**
 * A loopback SMTP server that keeps every mail it is given, for tests that follow emailed links.
 * The portal sends before it answers, so a mail is here once the request that sent it returns.
 */
export interface MailSink {
  url: string;
  /** The newest mail to this address. */
  lastTo(to: string): { subject: string; text: string } | undefined;
  close(): Promise<void>;
}

async function startMailSink(): Promise<MailSink> {
  const mails: { to: string; subject: string; text: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          for (const rcpt of session.envelope.rcptTo) mails.push({ to: rcpt.address, subject: mail.subject ?? '', text: mail.text ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  return {
    url: `smtp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    lastTo: (to) => mails.filter((m) => m.to === to).pop(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A listening Tend whose portal mails (sign-in links) go to a sink of its own; `close` stops both and forgets the sink. */
export async function startPortalTend(): Promise<{ t: TestTend; sink: MailSink; base: string; close(): Promise<void> }> {
  const sink = await startMailSink();
  process.env.PORTAL_SMTP_URL = sink.url;
  const t = await createTestTend();
  const base = await t.listen();
  return {
    t,
    sink,
    base,
    async close() {
      await t.close();
      await sink.close();
      delete process.env.PORTAL_SMTP_URL;
    },
  };
}

/** A browser-like client for the portal over real HTTP: keeps its cookies, never follows redirects. */
export class PortalClient {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: Record<string, unknown> | FormData, headers: Record<string, string> = {}): Promise<{ status: number; text: string; location: string | null }> {
    const init: RequestInit = { method, redirect: 'manual', headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...headers } };
    if (body instanceof FormData) init.body = body;
    else if (headers['content-type'] === 'application/json') init.body = JSON.stringify(body ?? {});
    else if (body) {
      init.body = new URLSearchParams(body as Record<string, string>).toString();
      (init.headers as Record<string, string>)['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(this.base + path, init);
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = (pair ?? '').split('=');
      if (name) this.cookies.set(name, value ?? '');
    }
    const text = await res.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(text);
    if (csrf?.[1]) this.csrf = csrf[1];
    return { status: res.status, text, location: res.headers.get('location') };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: Record<string, string> | FormData, headers?: Record<string, string>) => this.request('POST', path, body, headers);
  /** What the page's script does: JSON with the session's CSRF token in a header. */
  postJson = (path: string, body: Record<string, unknown>) => this.request('POST', path, body, { 'content-type': 'application/json', 'x-csrf-token': this.csrf });

  /** Asks for a link, reads it from the mail, confirms it: signed in. */
  async signIn(email: string, sink: MailSink): Promise<void> {
    const asked = await this.post('/portal/sign-in', { email });
    if (asked.status !== 200) throw new Error(`sign-in request answered ${asked.status}: ${asked.text.slice(0, 200)}`);
    const link = /http:\/\/\S+\/portal\/sign-in\/(\S+)/.exec(sink.lastTo(email)?.text ?? '');
    if (!link?.[1]) throw new Error(`no sign-in link mailed to ${email}`);
    const confirmed = await this.post('/portal/sign-in/confirm', { token: link[1] });
    if (confirmed.status !== 303) throw new Error(`sign-in confirm answered ${confirmed.status}`);
    await this.get('/portal/requests');
  }
}
