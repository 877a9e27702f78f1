import { useQueryClient } from '@tanstack/react-query';
import { BookOpen, Gauge, Inbox, LogOut, type LucideIcon, Phone, Search, Settings } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useConnected } from '../lib/realtime.ts';
import { signOut } from '../lib/session.ts';
import type { Me } from '../lib/types.ts';
import { useViews } from '../lib/views.ts';
import { NotificationsMenu } from './notifications-menu.tsx';
import { Avatar } from './ui.tsx';

const navLink = (active: boolean) =>
  `flex items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${active ? 'bg-brand-50 font-medium text-brand-800' : 'text-stone-700 hover:bg-stone-100'}`;

/** A workspace section in the sidebar, highlighted while any of its pages is open. */
function SectionLink({ href, icon: Icon, className = '', children }: { href: string; icon: LucideIcon; className?: string; children: ReactNode }) {
  const [location] = useLocation();
  return (
    <Link href={href} className={`${className} ${navLink(location.startsWith(href))}`}>
      <Icon className="size-4 text-stone-400" aria-hidden /> {children}
    </Link>
  );
}

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const views = useViews();
  const [location] = useLocation();
  const connected = useConnected();
  const queryClient = useQueryClient();

  return (
    <div className="flex h-full">
      <nav aria-label="Workspace" className="flex w-52 shrink-0 flex-col border-r border-stone-200 bg-white xl:w-60">
        <div className="flex h-14 items-center gap-2 border-b border-stone-100 px-4">
          <span className="grid size-7 place-items-center rounded-md bg-brand-700 text-sm font-bold text-white">T</span>
          <span className="font-semibold tracking-tight">Tend</span>
          <span
            title={connected ? 'Live: updates arrive as they happen' : 'Reconnecting…'}
            className={`ml-auto size-2 rounded-full ${connected ? 'bg-emerald-500' : 'bg-amber-400'}`}
            data-testid="live-indicator"
            data-connected={connected}
          />
        </div>
        <div className="space-y-0.5 px-2 pt-3">
          <SectionLink href="/search" icon={Search}>
            Search
          </SectionLink>
          <SectionLink href="/knowledge" icon={BookOpen}>
            Knowledge
          </SectionLink>
          <SectionLink href="/calls" icon={Phone}>
            Calls
          </SectionLink>
          {me.permissions.includes('reports.read') && (
            <SectionLink href="/supervisor" icon={Gauge}>
              Supervisor
            </SectionLink>
          )}
          <NotificationsMenu />
        </div>
        <div className="flex-1 overflow-y-auto px-2 py-3">
          <p className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-stone-400 uppercase">Views</p>
          <ul className="space-y-0.5">
            {(views.data ?? []).map((view) => {
              const href = `/views/${view.id}`;
              const active = location === href;
              return (
                <li key={view.id}>
                  <Link href={href} className={navLink(active)} aria-current={active ? 'page' : undefined}>
                    <Inbox className={`size-4 ${active ? 'text-brand-700' : 'text-stone-400'}`} aria-hidden />
                    <span className="truncate">{view.name}</span>
                    {view.count !== undefined && <span className={`ml-auto text-xs tabular-nums ${active ? 'text-brand-700' : 'text-stone-400'}`}>{view.count}</span>}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
        <div className="border-t border-stone-100 p-2">
          <SectionLink href="/settings" icon={Settings} className="mb-1">
            Settings
          </SectionLink>
          <DropdownMenu.Root>
            <DropdownMenu.Trigger className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-brand-600">
              <Avatar name={me.name} size="sm" />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{me.name}</span>
                <span className="block truncate text-xs text-stone-500 capitalize">{me.role.replace('_', ' ')}</span>
              </span>
            </DropdownMenu.Trigger>
            <DropdownMenu.Portal>
              <DropdownMenu.Content side="top" align="start" sideOffset={6} className="z-50 min-w-52 rounded-md bg-white p-1 text-sm shadow-lg ring-1 ring-stone-200">
                <DropdownMenu.Item
                  onSelect={() => void signOut().then(() => queryClient.setQueryData(['me'], null))}
                  className="flex cursor-default items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-stone-100"
                >
                  <LogOut className="size-4 text-stone-500" /> Sign out
                </DropdownMenu.Item>
              </DropdownMenu.Content>
            </DropdownMenu.Portal>
          </DropdownMenu.Root>
        </div>
      </nav>
      <div className="flex min-w-0 flex-1 flex-col">{children}</div>
    </div>
  );
}

