import { createHash } from 'node:crypto';
import { html, type Html, page, trustedHtml } from '../help-center/index.ts';
import type { Article, HelpCenterSettings } from '../knowledge/index.ts';
import type { CustomerTicket, Message, Ticket } from '../tickets/index.ts';
import type { PortalCustomer } from './portal-access.ts';

const STATUS_LABEL: Record<string, string> = { new: 'Open', open: 'Open', pending: 'Awaiting your reply', on_hold: 'On hold', solved: 'Solved', closed: 'Closed' };
const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

function portalPage(s: HelpCenterSettings, title: string, body: Html, customer: PortalCustomer | null): string {
  const locale = s.defaultLocale;
  const nav = customer
    ? html`<a href="/help/${locale}">Help Center</a><a href="/portal/requests">My requests</a><a href="/portal/requests/new">New request</a>
<form method="post" action="/portal/sign-out" style="display:inline"><input type="hidden" name="_csrf" value="${customer.csrfToken}"><button class="btn" style="margin-left:18px;padding:4px 12px">Sign out</button></form>`
    : html`<a href="/help/${locale}">Help Center</a>`;
  return page(s, { title, locale, noindex: true }, body, { nav });
}

export function signInPage(s: HelpCenterSettings, state: { sentTo?: string; error?: string } = {}): string {
  const body = state.sentTo
    ? html`<div class="card" style="max-width:520px;margin:0 auto"><h1>Check your email</h1>
<p>We sent a sign-in link to <strong>${state.sentTo}</strong>. It works once, within 15 minutes.</p></div>`
    : html`<div class="card" style="max-width:520px;margin:0 auto"><h1>Sign in to see your requests</h1>
${state.error ? html`<p class="notice" style="background:#fef2f2;border-color:#fecaca;color:#991b1b">${state.error}</p>` : ''}
<p class="muted">No password needed: we email you a link.</p>
<form method="post" action="/portal/sign-in"><label for="email">Email</label><input id="email" type="email" name="email" required autocomplete="email">
<p><button class="btn primary" type="submit">Email me a sign-in link</button></p></form></div>`;
  return portalPage(s, 'Sign in', body, null);
}

export function confirmSignInPage(s: HelpCenterSettings, token: string, email: string): string {
  return portalPage(
    s,
    'Sign in',
    html`<div class="card" style="max-width:520px;margin:0 auto"><h1>Welcome back</h1><p>Continue as <strong>${email}</strong>?</p>
<form method="post" action="/portal/sign-in/confirm"><input type="hidden" name="token" value="${token}"><button class="btn primary" type="submit">Sign in</button></form></div>`,
    null,
  );
}

export function requestsPage(s: HelpCenterSettings, customer: PortalCustomer, tickets: CustomerTicket[], organization: boolean): string {
  const org = customer.managedOrganization;
  const body = html`<h1>${organization && org ? `Requests of ${org.name}` : 'My requests'}</h1>
${org ? html`<p class="small"><a href="/portal/requests">Mine</a> · <a href="/portal/requests?scope=organization">All of ${org.name}</a></p>` : ''}
${
  tickets.length
    ? html`<table class="list"><thead><tr><th>Subject</th>${organization ? html`<th>Requester</th>` : ''}<th>Status</th><th>Updated</th></tr></thead><tbody>
${tickets.map((t) => html`<tr><td><a href="/portal/requests/${t.id}">${t.subject}</a> <span class="muted small">#${t.id}</span></td>${organization ? html`<td>${t.requester.name}</td>` : ''}<td><span class="status ${t.status}">${STATUS_LABEL[t.status] ?? t.status}</span></td><td class="muted small">${when(t.updatedAt)}</td></tr>`)}
</tbody></table>`
    : html`<div class="card"><p>You have no requests yet.</p></div>`
}
<p style="margin-top:20px"><a class="btn primary" href="/portal/requests/new">New request</a> <a class="btn" href="/portal/callback">Ask us to call you</a></p>`;
  return portalPage(s, 'My requests', body, customer);
}

export function requestPage(s: HelpCenterSettings, customer: PortalCustomer, ticket: Ticket, messages: Message[]): string {
  const closed = ticket.status === 'closed';
  const body = html`<div class="crumbs"><a href="/portal/requests">My requests</a> › #${ticket.id}</div>
<h1>${ticket.subject}</h1>
<p><span class="status ${ticket.status}">${STATUS_LABEL[ticket.status] ?? ticket.status}</span> <span class="muted small">Opened ${when(ticket.createdAt)} via ${ticket.channel}</span></p>
${messages.map(
  (m) => html`<div class="message ${m.author.type}"><div class="who">${m.author.name} <span class="muted small">${when(m.createdAt)}</span></div>
<div style="white-space:pre-wrap">${m.body}</div>
${m.attachments.map((a) => html`<div class="small">Attachment: <a href="/portal/requests/${ticket.id}/attachments/${a.id}">${a.filename}</a></div>`)}</div>`,
)}
${
  closed
    ? html`<p class="muted">This request is closed. <a href="/portal/requests/new">Open a new one</a> if you need more help.</p>`
    : html`<form method="post" action="/portal/requests/${ticket.id}/replies" enctype="multipart/form-data" class="card">
<input type="hidden" name="_csrf" value="${customer.csrfToken}">
<label for="reply">Reply</label><textarea class="field" id="reply" name="body" required></textarea>
<label for="reply-files">Attachments</label><input id="reply-files" type="file" name="files" multiple>
<p><button class="btn primary" type="submit">Send reply</button></p></form>`
}`;
  return portalPage(s, ticket.subject, body, customer);
}

// Runs in the customer's browser: asks for suggestions as they type, builds the list with text nodes only.
const SUGGEST_SCRIPT = `
(function(){
  var form=document.getElementById('new-request'),box=document.getElementById('suggestions'),list=box.querySelector('ul'),timer,last='';
  function update(){
    var text=(form.subject.value+' '+form.body.value).trim();
    if(text===last)return; last=text;
    fetch('/portal/suggestions',{method:'POST',headers:{'content-type':'application/json','x-csrf-token':form._csrf.value},
      body:JSON.stringify({attemptId:Number(form.attemptId.value),text:text})})
      .then(function(r){return r.ok?r.json():{data:[]}})
      .then(function(d){
        list.textContent='';
        d.data.forEach(function(a){var li=document.createElement('li'),link=document.createElement('a');link.href=a.url;link.target='_blank';link.textContent=a.title;li.appendChild(link);list.appendChild(li);});
        box.hidden=d.data.length===0;
      });
  }
  function later(){clearTimeout(timer);timer=setTimeout(update,300);}
  form.subject.addEventListener('input',later);form.body.addEventListener('input',later);
})();`;

/** The CSP hash that lets exactly this script run. */
export const SUGGEST_SCRIPT_HASH = `sha256-${createHash('sha256').update(SUGGEST_SCRIPT).digest('base64')}`;

export function newRequestPage(s: HelpCenterSettings, customer: PortalCustomer, attemptId: number): string {
  const body = html`<h1>New request</h1>
<form id="new-request" method="post" action="/portal/requests" enctype="multipart/form-data" class="card">
<input type="hidden" name="_csrf" value="${customer.csrfToken}"><input type="hidden" name="attemptId" value="${attemptId}">
<label for="subject">Subject</label><input id="subject" type="text" name="subject" required maxlength="300" autocomplete="off">
<div id="suggestions" class="suggestions" hidden aria-live="polite"><strong>These articles may answer your question:</strong><ul></ul></div>
<label for="body">How can we help?</label><textarea class="field" id="body" name="body" required></textarea>
<label for="files">Attachments</label><input id="files" type="file" name="files" multiple>
<p><button class="btn primary" type="submit">Submit request</button></p>
</form>
<script>${trustedHtml(SUGGEST_SCRIPT)}</script>`;
  return portalPage(s, 'New request', body, customer);
}

export function callbackPage(s: HelpCenterSettings, customer: PortalCustomer, queues: { id: number; name: string }[]): string {
  const body = queues.length
    ? html`<h1>Ask us to call you</h1>
<form method="post" action="/portal/callback" class="card">
<input type="hidden" name="_csrf" value="${customer.csrfToken}">
${queues.length > 1 ? html`<label for="queueId">Topic</label><select class="field" id="queueId" name="queueId">${queues.map((q) => html`<option value="${q.id}">${q.name}</option>`)}</select>` : html`<input type="hidden" name="queueId" value="${queues[0]?.id ?? ''}">`}
<label for="phone">Phone number</label><input id="phone" type="tel" name="phone" required maxlength="40" autocomplete="tel">
<label for="reason">What is it about?</label><textarea class="field" id="reason" name="reason" maxlength="2000"></textarea>
<p><button class="btn primary" type="submit">Call me back</button></p>
</form>`
    : html`<h1>Ask us to call you</h1><div class="card"><p>Call-backs are not offered here yet. <a href="/portal/requests/new">Write to us</a> instead.</p></div>`;
  return portalPage(s, 'Ask us to call you', body, customer);
}

export const suggestionUrl = (attemptId: number, articleId: number) => `/portal/suggested/${attemptId}/${articleId}`;

export function portalErrorPage(s: HelpCenterSettings, customer: PortalCustomer | null, title: string, message: string): string {
  return portalPage(s, title, html`<h1>${title}</h1><p>${message}</p><p><a href="/portal">Back to your requests</a></p>`, customer);
}

export function customerArticlePage(s: HelpCenterSettings, customer: PortalCustomer, article: Article): string {
  const body = html`<div class="crumbs"><a href="/portal/requests">My requests</a> › Article</div>
<article class="body"><h1>${article.title}</h1>${trustedHtml(article.bodyHtml)}</article>
<div class="help-more"><div><strong>Still need help?</strong></div><a class="btn primary" href="/portal/requests/new">New request</a></div>`;
  return portalPage(s, article.title, body, customer);
}
