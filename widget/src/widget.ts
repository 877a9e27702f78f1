import { pickLanguage, translator } from './messages.ts';
import { styles } from './styles.ts';

interface Config {
  channelId: number;
  name: string;
  settings: { color: string; greeting: string; position: 'left' | 'right'; language: string; replyTimeText: string; preChatForm: 'off' | 'optional' | 'required' };
  available: boolean;
  online: boolean;
  callbacks: boolean;
}
interface ChatMessage {
  id: number;
  author: { type: 'customer' | 'agent' | 'system'; name: string; initials: string };
  body: string;
  attachments: { id: number; filename: string; contentType: string }[];
}
interface Stored {
  token: string;
  name: string;
  email: string | null;
}

const script = (document.currentScript ?? document.querySelector('script[data-channel]')) as HTMLScriptElement | null;

type Child = Node | string | null | false;
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

/** Agents have no picture: their initials on a colour of their own. */
function avatar(name: string, initials: string): HTMLElement {
  let hue = 0;
  for (const c of name) hue = (hue * 31 + c.charCodeAt(0)) % 360;
  return h('span', { class: 'avatar', 'data-avatar': initials, title: name, style: `background:hsl(${hue},55%,42%)` }, initials);
}

async function start(): Promise<void> {
  if (!script?.dataset.channel) return;
  const channelId = script.dataset.channel;
  const base = new URL(script.src, location.href).origin;
  const identity = script.dataset.userId && script.dataset.userSignature ? { userId: script.dataset.userId, signature: script.dataset.userSignature } : null;
  const storageKey = `tend-chat:${channelId}${identity ? `:${identity.userId}` : ''}`;
  const load = (): Stored | null => {
    try {
      return JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Stored | null;
    } catch {
      return null;
    }
  };
  let stored = load();

  const call = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const response = await fetch(`${base}/widget/channels/${channelId}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(stored ? { 'x-visitor-token': stored.token } : {}) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    if (response.status === 401 && stored) {
      // The visitor is unknown to the server (e.g. the database was reset): start afresh.
      localStorage.removeItem(storageKey);
      stored = null;
    }
    if (!response.ok) throw new Error(`${response.status}`);
    return (response.status === 204 ? null : await response.json()) as T;
  };

  const config = await call<Config>('');
  const t = translator(pickLanguage(config.settings.language, navigator.languages ?? [navigator.language]));

  const host = document.createElement('tend-chat');
  host.setAttribute('style', 'all: initial !important; display: block !important; position: static !important; visibility: visible !important; opacity: 1 !important;');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = h('style');
  style.textContent = styles(config.settings.color, config.settings.position);
  const root = h('div', { class: 'root', part: 'root' });
  shadow.append(style, root);
  document.body.append(host);

  const launcher = h('button', { class: 'launcher', type: 'button', 'aria-label': t('open'), 'aria-expanded': 'false' });
  launcher.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';
  const panel = h('div', { class: 'panel', role: 'dialog', 'aria-label': config.name, hidden: true });
  const header = h('div', { class: 'header' }, h('strong', {}, config.name), h('span', {}, !config.available ? '' : config.online ? config.settings.replyTimeText || t('online') : t('offline')));
  const actions = h('div', { class: 'actions' });
  const sheet = h('div', { class: 'sheet' });
  const content = h('div', { class: 'content' });
  content.setAttribute('style', 'display:flex;flex-direction:column;flex:1;min-height:0');
  panel.append(header, actions, sheet, content);
  root.append(panel, launcher);

  let opened = false;
  launcher.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    launcher.setAttribute('aria-expanded', String(!panel.hidden));
    launcher.setAttribute('aria-label', panel.hidden ? t('open') : t('close'));
    if (!panel.hidden && !opened) {
      opened = true;
      render();
    }
  });

  const field = (name: string, label: string, type = 'text', required = false) =>
    h('input', { name, type, placeholder: label, 'aria-label': label, required, autocomplete: name === 'email' ? 'email' : name === 'name' ? 'name' : name === 'phone' ? 'tel' : 'off' });

  /** A small form above the conversation; its action button opens and closes it. */
  function toggleSheet(key: string, fields: Child[], submit: string, send: (data: FormData) => Promise<string>): void {
    if (sheet.dataset.open === key) {
      delete sheet.dataset.open;
      return sheet.replaceChildren();
    }
    sheet.dataset.open = key;
    const form = h('form', {}, ...fields, h('button', { type: 'submit' }, submit));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      send(new FormData(form)).then(
        (note) => {
          delete sheet.dataset.open;
          sheet.replaceChildren(h('p', { class: 'note', role: 'status' }, note));
        },
        () => form.append(h('p', { class: 'error' }, t('failed'))),
      );
    });
    sheet.replaceChildren(form);
  }

  const action = (label: string, onClick: () => void) => {
    const button = h('button', { type: 'button' }, label);
    button.addEventListener('click', onClick);
    return button;
  };

  function renderActions(): void {
    sheet.replaceChildren();
    delete sheet.dataset.open;
    const available = stored && config.online;
    actions.hidden = !available;
    if (!available) return actions.replaceChildren();
    actions.replaceChildren(
      action(t('transcript'), () =>
        toggleSheet('transcript', [h('input', { name: 'email', type: 'email', placeholder: t('email'), 'aria-label': t('email'), required: true, autocomplete: 'email', value: stored?.email ?? '' })], t('send'), async (data) => {
          const { email } = await call<{ email: string }>('/transcript', { method: 'POST', body: { email: String(data.get('email')) } });
          if (stored) localStorage.setItem(storageKey, JSON.stringify((stored = { ...stored, email })));
          return t('transcriptSent', { email });
        }),
      ),
    );
    if (!config.callbacks) return;
    actions.append(
      action(t('callMe'), () =>
        toggleSheet('callback', [field('phone', t('phone'), 'tel', true), h('textarea', { name: 'reason', placeholder: t('reason'), 'aria-label': t('reason') })], t('callMe'), async (data) => {
          const { phone } = await call<{ phone: string }>('/callbacks', { method: 'POST', body: { phone: String(data.get('phone')), reason: String(data.get('reason') ?? ''), name: stored?.name ?? '' } });
          return t('callbackSent', { phone });
        }),
      ),
    );
  }

  function render(): void {
    content.replaceChildren();
    renderActions();
    // A deactivated channel takes nothing, not even an offline message.
    if (!config.available) return void content.append(h('p', { class: 'note', role: 'status' }, t('unavailable')));
    if (!config.online) return renderOffline();
    if (!stored && (identity || config.settings.preChatForm === 'off')) {
      void startVisitor({}).catch(() => renderError());
      return;
    }
    if (!stored) return renderPreChat();
    renderChat();
  }

  function renderError(): void {
    content.replaceChildren(h('p', { class: 'error' }, t('failed')));
  }

  function renderOffline(): void {
    const form = h('form', {}, h('p', {}, t('offline')), field('name', t('name')), field('email', t('email'), 'email', true), h('textarea', { name: 'body', placeholder: t('message'), 'aria-label': t('message'), required: true }), h('button', { type: 'submit' }, t('leaveMessage')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const email = String(data.get('email'));
      call('/offline', { method: 'POST', body: { name: String(data.get('name') ?? ''), email, body: String(data.get('body')), pageUrl: location.href } }).then(
        () => content.replaceChildren(h('p', { class: 'note', role: 'status' }, t('thanks', { email }))),
        () => form.append(h('p', { class: 'error' }, t('failed'))),
      );
    });
    content.append(form);
  }

  function renderPreChat(): void {
    const form = h('form', {}, h('p', {}, config.settings.greeting), field('name', t('name')), field('email', t('email'), 'email', config.settings.preChatForm === 'required'), h('button', { type: 'submit' }, t('start')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      startVisitor({ name: String(data.get('name') ?? ''), email: String(data.get('email') ?? '') || undefined }).catch(() => form.append(h('p', { class: 'error' }, t('failed'))));
    });
    content.append(form);
  }

  async function startVisitor(input: { name?: string; email?: string }): Promise<void> {
    const visitor = await call<{ token: string; name: string; email: string | null }>('/visitors', { method: 'POST', body: { ...input, ...(identity ? { identity } : {}) } });
    stored = { token: visitor.token, name: visitor.name, email: visitor.email };
    localStorage.setItem(storageKey, JSON.stringify(stored));
    render();
  }

  // The conversation: messages by id, kept in order, fetched after the last one shown.
  const list = h('div', { class: 'body', role: 'log', 'aria-live': 'polite' });
  const typingLine = h('div', { class: 'typing' });
  const shown = new Set<number>();
  let lastId = 0;
  let socket: WebSocket | null = null;
  let polling = false;

  const fileUrl = (id: number) => `${base}/widget/channels/${channelId}/attachments/${id}?token=${encodeURIComponent(stored?.token ?? '')}`;
  const show = (m: ChatMessage) => {
    if (shown.has(m.id)) return;
    shown.add(m.id);
    lastId = Math.max(lastId, m.id);
    const mine = m.author.type === 'customer';
    const bubble = h('div', { class: `msg${mine ? ' mine' : ''}`, 'data-author': m.author.type }, !mine && h('small', {}, m.author.name), m.body);
    for (const a of m.attachments) {
      bubble.append(a.contentType.startsWith('image/') ? h('img', { src: fileUrl(a.id), alt: a.filename }) : h('a', { href: fileUrl(a.id), target: '_blank', rel: 'noopener' }, a.filename));
    }
    const item = m.author.type === 'agent' ? h('div', { class: 'row' }, avatar(m.author.name, m.author.initials), bubble) : bubble;
    item.dataset.id = String(m.id);
    // In id order, whichever way a message arrived (own send, socket, read).
    const later = [...list.children].find((el) => Number((el as HTMLElement).dataset.id) > m.id);
    list.insertBefore(item, later ?? null);
    list.scrollTop = list.scrollHeight;
  };
  const refresh = async () => {
    const page = await call<{ data: ChatMessage[] }>(`/messages?after=${lastId}`);
    page.data.forEach(show);
  };

  function renderChat(): void {
    const greeting = h('div', { class: 'msg' }, config.settings.greeting);
    list.replaceChildren(greeting);
    shown.clear();
    lastId = 0;
    const text = h('textarea', { name: 'body', placeholder: t('placeholder'), 'aria-label': t('message') });
    const file = h('input', { type: 'file', 'aria-label': t('attach') });
    file.setAttribute('style', 'display:none');
    const attach = h('button', { type: 'button', class: 'icon', 'aria-label': t('attach'), title: t('attach') }, '📎');
    const composer = h('form', { class: 'composer' }, attach, file, text, h('button', { type: 'submit' }, t('send')));
    content.append(list, typingLine, composer);

    attach.addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      const reader = new FileReader();
      reader.onload = () => {
        const data = String(reader.result).split(',')[1] ?? '';
        void send({ attachment: { filename: chosen.name, contentType: chosen.type || 'application/octet-stream', data } });
        file.value = '';
      };
      reader.readAsDataURL(chosen);
    });
    composer.addEventListener('submit', (event) => {
      event.preventDefault();
      const body = text.value.trim();
      if (!body) return;
      text.value = '';
      void send({ body });
    });
    text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        composer.requestSubmit();
      }
    });
    let typingTimer: ReturnType<typeof setTimeout> | null = null;
    text.addEventListener('input', () => {
      if (!typingTimer) sendTyping(true);
      else clearTimeout(typingTimer);
      typingTimer = setTimeout(() => {
        typingTimer = null;
        sendTyping(false);
      }, 2500);
    });

    void refresh().catch(() => {});
    connect(0);
  }

  async function send(input: { body?: string; attachment?: { filename: string; contentType: string; data: string } }): Promise<void> {
    try {
      show(await call<ChatMessage>('/messages', { method: 'POST', body: { ...input, pageUrl: location.href } }));
    } catch {
      list.append(h('p', { class: 'error' }, t('failed')));
    }
  }

  function sendTyping(typing: boolean): void {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ typing }));
    else void call('/typing', { method: 'POST', body: { typing } }).catch(() => {});
  }

  let typingHide: ReturnType<typeof setTimeout> | null = null;
  const onSignal = (signal: { type: string; name?: string; typing?: boolean; messages?: ChatMessage[] }) => {
    if (signal.type === 'message') {
      typingLine.textContent = '';
      signal.messages?.forEach(show);
    } else if (signal.type === 'typing') {
      typingLine.textContent = signal.typing ? t('typing', { name: signal.name ?? '' }) : '';
      if (typingHide) clearTimeout(typingHide);
      typingHide = setTimeout(() => (typingLine.textContent = ''), 8000);
    }
  };

  /** WebSocket first; after repeated failures, long polling. */
  function connect(failures: number): void {
    if (!stored) return;
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/widget/channels/${channelId}/socket?token=${encodeURIComponent(stored.token)}`);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      // Whatever arrived while connecting.
      void refresh().catch(() => {});
    };
    ws.onmessage = (event) => {
      try {
        onSignal(JSON.parse(String(event.data)) as { type: string });
      } catch {
        // not ours
      }
    };
    ws.onclose = () => {
      socket = null;
      const failed = opened ? 0 : failures + 1;
      if (failed >= 3) return void poll();
      setTimeout(() => connect(failed), 1000 * (failed + 1));
    };
  }

  async function poll(): Promise<void> {
    if (polling) return;
    polling = true;
    while (stored) {
      try {
        const page = await call<{ data: ChatMessage[] }>(`/messages?after=${lastId}&wait=25`);
        page.data.forEach(show);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 3000));
      }
    }
    polling = false;
  }

  // Another tab of this site started or continued the chat: follow it.
  window.addEventListener('storage', (event) => {
    if (event.key !== storageKey) return;
    stored = load();
    if (opened) render();
  });

  if (stored && config.online) {
    opened = true;
    render();
  }
}

void start().catch(() => {
  // The widget must never break the page it is embedded in.
});
