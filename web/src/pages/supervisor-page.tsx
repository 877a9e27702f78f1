import { useQuery } from '@tanstack/react-query';
import { AlarmClock, Flame, Layers, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { api } from '../lib/api.ts';
import { useLiveScreen } from '../lib/realtime.ts';
import type { Page, Priority, Status } from '../lib/types.ts';
import { Avatar, PriorityLabel, StatusBadge } from '../components/ui.tsx';

type Availability = 'online' | 'away' | 'offline';

interface QueueOverview {
  id: number;
  name: string;
  strategy: 'round_robin' | 'least_loaded' | 'skills_best_match';
  waiting: number;
  oldestEnqueuedAt: string | null;
}

interface AgentOverview {
  userId: number;
  name: string;
  status: Availability;
  autoAway: 'idle' | 'off_shift' | null;
  capacities: Record<string, number>;
  load: Record<string, number>;
}

interface ListedClock {
  ticketId: number;
  metric: 'first_response' | 'next_response' | 'resolution';
  dueAt: string | null;
  breachedAt: string | null;
  policyName: string;
  ticket: { subject: string; status: Status; priority: Priority; assignee: { id: number; name: string } | null };
}

const STRATEGY: Record<QueueOverview['strategy'], string> = { round_robin: 'Round robin', least_loaded: 'Least loaded', skills_best_match: 'Best skill match' };
const METRIC: Record<ListedClock['metric'], string> = { first_response: 'First response', next_response: 'Next response', resolution: 'Resolution' };
const STATUS_ORDER: Record<Availability, number> = { online: 0, away: 1, offline: 2 };
const DOT: Record<Availability, string> = { online: 'bg-emerald-500', away: 'bg-amber-400', offline: 'bg-stone-300' };
const AWAY_WHY = { idle: 'idle', off_shift: 'off shift' } as const;

/** Events after which something on this screen may have changed; a burst of assignments is hundreds of them. */
const RELEVANT = /^(ticket\.|agent\.|sla\.|routing\.)/;
const REFRESH_AT_MOST_EVERY_MS = 1_000;

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h ${String(m % 60).padStart(2, '0')}m` : `${Math.floor(h / 24)}d ${h % 24}h`;
}

function Panel({ title, icon, count, children, label }: { title: string; icon: ReactNode; count?: number; children: ReactNode; label: string }) {
  return (
    <section aria-label={label} className="flex min-h-0 flex-col rounded-lg bg-white ring-1 ring-stone-200">
      <h2 className="flex items-center gap-2 border-b border-stone-100 px-4 py-2.5 text-sm font-semibold text-stone-800">
        {icon}
        {title}
        {count !== undefined && <span className="ml-auto rounded-full bg-stone-100 px-2 text-xs font-medium text-stone-600 tabular-nums">{count}</span>}
      </h2>
      <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
    </section>
  );
}

const Empty = ({ children }: { children: ReactNode }) => <p className="px-4 py-6 text-center text-sm text-stone-400">{children}</p>;

function QueuesPanel({ queues, now }: { queues: QueueOverview[]; now: number }) {
  return (
    <Panel label="Queues" title="Queues" icon={<Layers className="size-4 text-stone-400" aria-hidden />} count={queues.reduce((n, q) => n + q.waiting, 0)}>
      {queues.length === 0 ? (
        <Empty>No queues yet.</Empty>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-stone-500">
            <tr>
              <th className="px-4 py-2 font-medium">Queue</th>
              <th className="px-2 py-2 text-right font-medium">Waiting</th>
              <th className="px-4 py-2 text-right font-medium">Longest wait</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.id} data-testid={`queue-${q.id}`} className="border-t border-stone-100">
                <td className="px-4 py-2">
                  <span className="font-medium text-stone-800">{q.name}</span>
                  <span className="block text-xs text-stone-500">{STRATEGY[q.strategy]}</span>
                </td>
                <td className={`px-2 py-2 text-right tabular-nums ${q.waiting > 0 ? 'font-semibold text-stone-900' : 'text-stone-400'}`} data-testid="waiting">
                  {q.waiting}
                </td>
                <td className="px-4 py-2 text-right text-stone-600 tabular-nums">{q.oldestEnqueuedAt ? duration(now - new Date(q.oldestEnqueuedAt).getTime()) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

/** "email 3/20 · chat 1/3": live load against capacity for each channel in play. */
function loadText(agent: AgentOverview): string {
  const channels = new Set([...Object.keys(agent.load), ...Object.keys(agent.capacities).filter((c) => c !== '*')]);
  const parts = [...channels].sort().map((c) => {
    const max = agent.capacities[c] ?? agent.capacities['*'];
    return `${c} ${agent.load[c] ?? 0}${max === undefined ? '' : `/${max}`}`;
  });
  return parts.join(' · ') || (agent.capacities['*'] !== undefined ? `0/${agent.capacities['*']}` : 'no load');
}

function AgentsPanel({ agents }: { agents: AgentOverview[] }) {
  const sorted = [...agents].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name));
  const online = agents.filter((a) => a.status === 'online').length;
  return (
    <Panel label="Agents" title={`Agents · ${online} online`} icon={<Users className="size-4 text-stone-400" aria-hidden />}>
      <ul>
        {sorted.map((a) => {
          const total = Object.values(a.load).reduce((n, x) => n + x, 0);
          return (
            <li key={a.userId} data-testid={`agent-${a.userId}`} className="flex items-center gap-3 border-t border-stone-100 px-4 py-2 first:border-t-0">
              <Avatar name={a.name} size="sm" />
              <span className="min-w-0 flex-1">
                <span className="block truncate text-sm font-medium text-stone-800">{a.name}</span>
                <span className="block truncate text-xs text-stone-500">{loadText(a)}</span>
              </span>
              <span className="text-xs text-stone-500 tabular-nums" title="Live (new or open) tickets assigned">
                {total}
              </span>
              <span className="flex w-28 items-center justify-end gap-1.5 text-xs text-stone-600" data-testid="availability">
                <span aria-hidden className={`size-2 rounded-full ${DOT[a.status]}`} />
                {a.status}
                {a.status === 'away' && a.autoAway ? ` · ${AWAY_WHY[a.autoAway]}` : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}

function ClocksPanel({ kind, clocks, now }: { kind: 'at_risk' | 'breached'; clocks: ListedClock[]; now: number }) {
  const atRisk = kind === 'at_risk';
  return (
    <Panel
      label={atRisk ? 'SLA at risk' : 'SLA breached'}
      title={atRisk ? 'SLA at risk' : 'SLA breached'}
      icon={atRisk ? <AlarmClock className="size-4 text-amber-500" aria-hidden /> : <Flame className="size-4 text-red-500" aria-hidden />}
      count={clocks.length}
    >
      {clocks.length === 0 ? (
        <Empty>{atRisk ? 'Nothing about to breach.' : 'No open breaches.'}</Empty>
      ) : (
        <ul>
          {clocks.map((c) => {
            const due = new Date(c.dueAt ?? c.breachedAt ?? now).getTime();
            return (
              <li key={`${c.ticketId}-${c.metric}`} className="border-t border-stone-100 px-4 py-2 first:border-t-0">
                <Link href={`/tickets/${c.ticketId}`} className="block truncate text-sm font-medium text-stone-800 hover:text-brand-700">
                  <span className="text-stone-400">#{c.ticketId}</span> {c.ticket.subject}
                </Link>
                <span className="mt-0.5 flex items-center gap-2 text-xs text-stone-500">
                  <StatusBadge status={c.ticket.status} />
                  <PriorityLabel priority={c.ticket.priority} />
                  <span>{METRIC[c.metric]}</span>
                  <span className={`ml-auto tabular-nums ${atRisk ? 'text-amber-700' : 'font-medium text-red-700'}`}>
                    {atRisk ? `due in ${duration(due - now)}` : `overdue ${duration(now - due)}`}
                  </span>
                </span>
                <span className="block truncate text-xs text-stone-400">{c.ticket.assignee ? c.ticket.assignee.name : 'Unassigned'}</span>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}

/** The supervisor's screen: queues, agents and SLAs at a glance, kept live. */
export function SupervisorPage() {
  const now = useLiveScreen('supervisor', RELEVANT, REFRESH_AT_MOST_EVERY_MS);
  const overview = useQuery({ queryKey: ['supervisor', 'overview'], queryFn: () => api.get<{ queues: QueueOverview[]; agents: AgentOverview[] }>('/routing/overview') });
  const atRisk = useQuery({ queryKey: ['supervisor', 'at_risk'], queryFn: () => api.get<Page<ListedClock>>('/sla/at-risk', { limit: 50 }) });
  const breached = useQuery({ queryKey: ['supervisor', 'breached'], queryFn: () => api.get<Page<ListedClock>>('/sla/breached', { limit: 50 }) });

  return (
    <main className="flex min-h-0 flex-1 flex-col bg-stone-50">
      <header className="flex h-14 shrink-0 items-center border-b border-stone-200 bg-white px-6">
        <h1 className="text-base font-semibold">Supervisor</h1>
      </header>
      {overview.isError ? (
        <p className="p-6 text-sm text-red-700">{overview.error.message}</p>
      ) : (
        <div className="grid min-h-0 flex-1 grid-cols-2 grid-rows-2 gap-4 p-4 xl:grid-cols-[1fr_1fr_1fr] xl:grid-rows-1">
          <QueuesPanel queues={overview.data?.queues ?? []} now={now} />
          <AgentsPanel agents={overview.data?.agents ?? []} />
          <div className="col-span-2 grid min-h-0 grid-cols-2 gap-4 xl:col-span-1 xl:grid-cols-1 xl:grid-rows-2">
            <ClocksPanel kind="at_risk" clocks={atRisk.data?.data ?? []} now={now} />
            <ClocksPanel kind="breached" clocks={breached.data?.data ?? []} now={now} />
          </div>
        </div>
      )}
    </main>
  );
}
