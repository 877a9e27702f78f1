import { type ComponentType, lazy, Suspense } from 'react';
import { Link, Redirect } from 'wouter';
import type { Me } from '../lib/types.ts';

interface SettingsSection {
  key: string;
  label: string;
  /** Shown only to those holding it; the server checks it again on every call. */
  permission?: string;
  page: ComponentType<{ me: Me }>;
}

// Each page is its own chunk, fetched when opened: settings stay out of the app's first load.
const GROUPS: { label: string; sections: SettingsSection[] }[] = [
  {
    label: 'People',
    sections: [
      { key: 'agents', label: 'Agents', permission: 'users.manage', page: lazy(() => import('./settings/agents-settings.tsx')) },
      { key: 'teams', label: 'Teams', permission: 'teams.manage', page: lazy(() => import('./settings/teams-settings.tsx')) },
      { key: 'roles', label: 'Roles', permission: 'roles.manage', page: lazy(() => import('./settings/roles-settings.tsx')) },
      { key: 'organizations', label: 'Organizations', permission: 'customers.write', page: lazy(() => import('./settings/organizations-settings.tsx')) },
    ],
  },
  {
    label: 'Channels',
    sections: [
      { key: 'mailboxes', label: 'Email mailboxes', permission: 'settings.manage', page: lazy(() => import('./settings/mailboxes-settings.tsx')) },
      { key: 'failed-mail', label: 'Failed mail', permission: 'settings.manage', page: lazy(() => import('./settings/failed-mail-settings.tsx')) },
      { key: 'blocklist', label: 'Blocked senders', permission: 'settings.manage', page: lazy(() => import('./settings/blocklist-settings.tsx')) },
      { key: 'chat', label: 'Website chat', permission: 'settings.manage', page: lazy(() => import('./settings/chat-settings.tsx')) },
      { key: 'messaging', label: 'SMS & social', permission: 'settings.manage', page: lazy(() => import('./settings/messaging-settings.tsx')) },
      { key: 'phone', label: 'Phone', permission: 'settings.manage', page: lazy(() => import('./settings/phone-settings.tsx')) },
    ],
  },
  {
    label: 'Tickets',
    sections: [
      { key: 'custom-fields', label: 'Custom fields', permission: 'custom_fields.manage', page: lazy(() => import('./settings/custom-fields-settings.tsx')) },
      { key: 'views', label: 'Views', page: lazy(() => import('./settings/views-settings.tsx')) },
      { key: 'macros', label: 'Macros', page: lazy(() => import('./settings/macros-settings.tsx')) },
    ],
  },
  {
    label: 'Service levels',
    sections: [
      { key: 'business-hours', label: 'Business hours', permission: 'settings.manage', page: lazy(() => import('./settings/business-hours-settings.tsx')) },
      { key: 'sla', label: 'SLA policies', permission: 'settings.manage', page: lazy(() => import('./settings/sla-settings.tsx')) },
      { key: 'queues', label: 'Routing queues', permission: 'teams.manage', page: lazy(() => import('./settings/queues-settings.tsx')) },
      { key: 'capacity', label: 'Capacity & skills', permission: 'teams.manage', page: lazy(() => import('./settings/capacity-settings.tsx')) },
    ],
  },
  {
    label: 'Help center',
    sections: [{ key: 'help-center', label: 'Branding & languages', permission: 'settings.manage', page: lazy(() => import('./settings/help-center-settings.tsx')) }],
  },
  {
    label: 'Integrations',
    sections: [
      { key: 'webhooks', label: 'Webhooks', permission: 'webhooks.manage', page: lazy(() => import('./settings/webhooks-settings.tsx')) },
      { key: 'tokens', label: 'API tokens', page: lazy(() => import('./settings/tokens-settings.tsx')) },
      { key: 'audit', label: 'Audit log', permission: 'audit.read', page: lazy(() => import('./settings/audit-settings.tsx')) },
    ],
  },
];

export function SettingsPage({ section, me }: { section: string | undefined; me: Me }) {
  const groups = GROUPS.map((g) => ({ ...g, sections: g.sections.filter((s) => !s.permission || me.permissions.includes(s.permission)) })).filter((g) => g.sections.length > 0);
  const allowed = groups.flatMap((g) => g.sections);
  const current = allowed.find((s) => s.key === section);
  if (!current) return allowed[0] ? <Redirect to={`/settings/${allowed[0].key}`} replace /> : null;
  const Page = current.page;
  return (
    <div className="flex min-h-0 flex-1">
      <nav aria-label="Settings" className="w-48 shrink-0 overflow-y-auto border-r border-stone-200 bg-white px-2 py-4">
        {groups.map((group) => (
          <div key={group.label} className="mb-3">
            <p className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-stone-400 uppercase">{group.label}</p>
            <ul className="space-y-0.5">
              {group.sections.map((s) => (
                <li key={s.key}>
                  <Link
                    href={`/settings/${s.key}`}
                    aria-current={s === current ? 'page' : undefined}
                    className={`block rounded-md px-2 py-1 text-sm outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${s === current ? 'bg-brand-50 font-medium text-brand-800' : 'text-stone-700 hover:bg-stone-100'}`}
                  >
                    {s.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main className="min-w-0 flex-1 overflow-y-auto bg-stone-50 px-6 py-5">
        <div className="mx-auto max-w-5xl space-y-5">
          <Suspense fallback={<p className="text-sm text-stone-400">Loading…</p>}>
            <Page me={me} />
          </Suspense>
        </div>
      </main>
    </div>
  );
}
