import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'wouter';
import type { Macro } from '../components/macro-picker.tsx';
import { Select } from '../components/select.tsx';
import { button, input, relativeTime, STATUS_LABEL } from '../components/ui.tsx';
import { api, ApiError } from '../lib/api.ts';
import { type Agent, type Me, type Page, STATUSES } from '../lib/types.ts';

const SECTIONS = [
  ['agents', 'Agents'],
  ['teams', 'Teams'],
  ['macros', 'Macros'],
  ['tokens', 'API tokens'],
] as const;

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="space-y-4">
      <div>
        <h2 className="text-base font-semibold">{title}</h2>
        <p className="text-sm text-stone-500">{description}</p>
      </div>
      {children}
    </section>
  );
}

function Table({ head, children, empty }: { head: string[]; children: ReactNode[]; empty: string }) {
  return (
    <div className="overflow-hidden rounded-lg bg-white ring-1 ring-stone-200">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-200 bg-stone-50 text-xs text-stone-500">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-4 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {children.length > 0 ? (
            children
          ) : (
            <tr>
              <td colSpan={head.length} className="px-4 py-6 text-center text-sm text-stone-500">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

const errorText = (error: unknown) => (error instanceof ApiError ? error.message : error ? 'Something went wrong.' : null);

function AgentsSettings() {
  const queryClient = useQueryClient();
  const agents = useQuery({ queryKey: ['agents', 'all'], queryFn: () => api.get<Page<Agent & { roleName?: string }>>('/agents', { limit: 100 }) });
  const [form, setForm] = useState({ name: '', email: '', role: 'agent' });
  const [inviteUrl, setInviteUrl] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: () => api.post<{ inviteUrl: string }>('/agents', form),
    onSuccess: (r) => {
      setInviteUrl(r.inviteUrl);
      setForm({ name: '', email: '', role: 'agent' });
      void queryClient.invalidateQueries({ queryKey: ['agents'] });
    },
  });
  return (
    <Section title="Agents" description="Everyone who works in this help desk, and their role.">
      <Table head={['Name', 'Email', 'Role', 'Status']} empty="No agents yet.">
        {(agents.data?.data ?? []).map((a) => (
          <tr key={a.id}>
            <td className="px-4 py-2 font-medium">{a.name}</td>
            <td className="px-4 py-2 text-stone-600">{a.email}</td>
            <td className="px-4 py-2 text-stone-600">{a.roleName ?? ''}</td>
            <td className="px-4 py-2 text-stone-600 capitalize">{a.status}</td>
          </tr>
        ))}
      </Table>
      <form
        className="flex flex-wrap items-end gap-2 rounded-lg bg-white p-4 ring-1 ring-stone-200"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          invite.mutate();
        }}
      >
        <label className="flex-1 space-y-1 text-xs font-medium text-stone-600">
          Name
          <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} className={input} />
        </label>
        <label className="flex-1 space-y-1 text-xs font-medium text-stone-600">
          Email
          <input required type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} className={input} />
        </label>
        <div className="w-40 space-y-1 text-xs font-medium text-stone-600">
          <span>Role</span>
          <Select
            label="Role"
            value={form.role}
            onChange={(role) => setForm({ ...form, role })}
            options={[
              { value: 'agent', label: 'Agent' },
              { value: 'light_agent', label: 'Light agent' },
              { value: 'supervisor', label: 'Supervisor' },
              { value: 'admin', label: 'Admin' },
            ]}
          />
        </div>
        <button type="submit" className={button.primary} disabled={invite.isPending}>
          Invite
        </button>
        {errorText(invite.error) && <p className="w-full text-sm text-red-700">{errorText(invite.error)}</p>}
        {inviteUrl && (
          <p className="w-full rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Invitation created. Send this one-time link: <code className="break-all">{inviteUrl}</code>
          </p>
        )}
      </form>
    </Section>
  );
}

function TeamsSettings() {
  const queryClient = useQueryClient();
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => api.get<Page<{ id: number; name: string; description: string; memberCount: number }>>('/teams') });
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => api.post('/teams', { name }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['teams'] });
    },
  });
  return (
    <Section title="Teams" description="Groups of agents that tickets can be routed to.">
      <Table head={['Team', 'Description', 'Members']} empty="No teams yet.">
        {(teams.data?.data ?? []).map((t) => (
          <tr key={t.id}>
            <td className="px-4 py-2 font-medium">{t.name}</td>
            <td className="px-4 py-2 text-stone-600">{t.description}</td>
            <td className="px-4 py-2 text-stone-600 tabular-nums">{t.memberCount}</td>
          </tr>
        ))}
      </Table>
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <input aria-label="New team name" placeholder="New team name" required value={name} onChange={(e) => setName(e.target.value)} className={`${input} max-w-xs`} />
        <button type="submit" className={button.primary} disabled={create.isPending}>
          Add team
        </button>
      </form>
      {errorText(create.error) && <p className="text-sm text-red-700">{errorText(create.error)}</p>}
    </Section>
  );
}

function MacrosSettings({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const macros = useQuery({ queryKey: ['macros', ''], queryFn: () => api.get<Page<Macro>>('/macros') });
  const canShare = me.permissions.includes('settings.manage');
  const [form, setForm] = useState({ name: '', reply: '', status: 'keep', tags: '', shared: false });
  const create = useMutation({
    mutationFn: () =>
      api.post('/macros', {
        name: form.name,
        shared: form.shared,
        actions: {
          ...(form.reply ? { reply: form.reply } : {}),
          ...(form.status !== 'keep' ? { status: form.status } : {}),
          ...(form.tags.trim() ? { addTags: form.tags.split(',').map((t) => t.trim()).filter(Boolean) } : {}),
        },
      }),
    onSuccess: () => {
      setForm({ name: '', reply: '', status: 'keep', tags: '', shared: false });
      void queryClient.invalidateQueries({ queryKey: ['macros'] });
    },
  });
  const remove = useMutation({ mutationFn: (id: number) => api.delete(`/macros/${id}`), onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['macros'] }) });
  return (
    <Section title="Macros" description="Canned replies and actions, applied in one click from the reply box. Placeholders: {{customer.first_name}}, {{customer.name}}, {{agent.name}}, {{ticket.id}}.">
      <Table head={['Name', 'Does', 'Shared', '']} empty="No macros yet. Create the first one below.">
        {(macros.data?.data ?? []).map((m) => (
          <tr key={m.id}>
            <td className="px-4 py-2 font-medium">{m.name}</td>
            <td className="max-w-md truncate px-4 py-2 text-stone-600">{[m.actions.reply, m.actions.status && `status → ${m.actions.status}`, m.actions.addTags?.length && `tags + ${m.actions.addTags.join(', ')}`].filter(Boolean).join(' · ')}</td>
            <td className="px-4 py-2 text-stone-600">{m.shared ? 'Everyone' : 'Only you'}</td>
            <td className="px-4 py-2 text-right">
              {(!m.shared || canShare) && (
                <button type="button" aria-label={`Delete macro ${m.name}`} className={button.ghost} onClick={() => remove.mutate(m.id)}>
                  <Trash2 className="size-4" />
                </button>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <form
        className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <div className="flex gap-2">
          <label className="flex-1 space-y-1 text-xs font-medium text-stone-600">
            Name
            <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} className={input} />
          </label>
          <div className="w-44 space-y-1 text-xs font-medium text-stone-600">
            <span>Set status</span>
            <Select label="Set status" value={form.status} onChange={(status) => setForm({ ...form, status })} options={[{ value: 'keep', label: 'Leave as is' }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))]} />
          </div>
          <label className="w-48 space-y-1 text-xs font-medium text-stone-600">
            Add tags (comma separated)
            <input value={form.tags} onChange={(e) => setForm({ ...form, tags: e.target.value })} className={input} />
          </label>
        </div>
        <label className="block space-y-1 text-xs font-medium text-stone-600">
          Reply text
          <textarea rows={3} value={form.reply} onChange={(e) => setForm({ ...form, reply: e.target.value })} className={input} />
        </label>
        <div className="flex items-center gap-3">
          {canShare && (
            <label className="flex items-center gap-2 text-sm text-stone-700">
              <input type="checkbox" checked={form.shared} onChange={(e) => setForm({ ...form, shared: e.target.checked })} className="accent-brand-700" /> Share with every agent
            </label>
          )}
          <button type="submit" className={`${button.primary} ml-auto`} disabled={create.isPending}>
            Save macro
          </button>
        </div>
        {errorText(create.error) && <p className="text-sm text-red-700">{errorText(create.error)}</p>}
      </form>
    </Section>
  );
}

function TokensSettings() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<{ data: { id: number; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }[] }>('/tokens') });
  const [name, setName] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api.post<{ token: string }>('/tokens', { name }),
    onSuccess: (r) => {
      setShown(r.token);
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({ mutationFn: (id: number) => api.delete(`/tokens/${id}`), onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['tokens'] }) });
  return (
    <Section title="API tokens" description="Personal tokens for the REST API (Authorization: Bearer …). A token is shown once, when created.">
      <Table head={['Name', 'Starts with', 'Last used', '']} empty="No API tokens.">
        {(tokens.data?.data ?? []).map((t) => (
          <tr key={t.id} className={t.revokedAt ? 'text-stone-400' : ''}>
            <td className="px-4 py-2 font-medium">{t.name}</td>
            <td className="px-4 py-2 font-mono text-xs">{t.prefix}…</td>
            <td className="px-4 py-2">{t.revokedAt ? 'Revoked' : t.lastUsedAt ? relativeTime(t.lastUsedAt) : 'Never'}</td>
            <td className="px-4 py-2 text-right">
              {!t.revokedAt && (
                <button type="button" className={button.ghost} onClick={() => revoke.mutate(t.id)}>
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <input aria-label="Token name" placeholder="What is it for?" required value={name} onChange={(e) => setName(e.target.value)} className={`${input} max-w-xs`} />
        <button type="submit" className={button.primary}>
          Create token
        </button>
      </form>
      {shown && (
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Copy it now, it will not be shown again: <code className="break-all">{shown}</code>
        </p>
      )}
    </Section>
  );
}

export function SettingsPage({ section, me }: { section: string; me: Me }) {
  return (
    <div className="flex min-h-0 flex-1">
      <nav aria-label="Settings" className="w-48 shrink-0 border-r border-stone-200 bg-white p-3">
        <p className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-stone-400 uppercase">Settings</p>
        {SECTIONS.map(([key, label]) => (
          <Link key={key} href={`/settings/${key}`} className={`block rounded-md px-2 py-1.5 text-sm ${section === key ? 'bg-brand-50 font-medium text-brand-800' : 'text-stone-700 hover:bg-stone-100'}`}>
            {label}
          </Link>
        ))}
      </nav>
      <div className="min-w-0 flex-1 overflow-y-auto bg-stone-50 p-6">
        <div className="mx-auto max-w-4xl">
          {section === 'agents' && <AgentsSettings />}
          {section === 'teams' && <TeamsSettings />}
          {section === 'macros' && <MacrosSettings me={me} />}
          {section === 'tokens' && <TokensSettings />}
        </div>
      </div>
    </div>
  );
}
