import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PhoneCall, PhoneIncoming, Timer, Users } from 'lucide-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'wouter';
import { Avatar, button, input } from '../components/ui.tsx';
import { api } from '../lib/api.ts';
import { useLiveScreen } from '../lib/realtime.ts';
import type { Me, Page } from '../lib/types.ts';

type Outcome = 'answered' | 'missed' | 'voicemail' | 'busy' | 'failed';

interface Callback {
  id: number;
  queueId: number;
  ticketId: number;
  phone: string;
  name: string;
  reason: string;
  status: 'waiting' | 'offered' | 'taken' | 'done' | 'cancelled';
  offeredTo: number | null;
  takenBy: number | null;
  requestedAt: string;
  dueAt: string;
  escalatedAt: string | null;
}

interface Call {
  id: number;
  direction: 'inbound' | 'outbound';
  ticketId: number;
  phone: string;
  agentId: number | null;
  status: 'ringing' | 'answered' | 'ended';
  startedAt: string;
  answeredAt: string | null;
}

interface LiveCallQueue {
  callsWaiting: number;
  callbacksWaiting: number;
  longestWaitSeconds: number;
  agentsOnCall: number;
  calls: Call[];
  callbacks: Callback[];
  queues: { id: number; name: string; maxWaitSeconds: number; waiting: number; offered: number; taken: number; escalated: number; longestWaitSeconds: number }[];
  agents: { id: number; name: string; availability: 'online' | 'away' | 'offline'; activity: 'on_call' | 'calling_back' | 'offered' | 'free'; since: string | null }[];
}

const ACTIVITY = { on_call: 'On a call', calling_back: 'Calling back', offered: 'Callback offered', free: 'Free' } as const;
const OUTCOMES: Outcome[] = ['answered', 'voicemail', 'missed', 'busy', 'failed'];

/** "4:07", "1:02:33": how long something has waited, by this browser's clock. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  return (hms[0] ? hms : hms.slice(1)).map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, '0'))).join(':');
}
const since = (iso: string, now: number) => clock((now - new Date(iso).getTime()) / 1000);

/** Events after which the calls, callbacks or agents shown may have changed. */
const PHONE_EVENTS = /^(call|callback|agent)\./;

function Tile({ label, value, icon, alert = false }: { label: string; value: ReactNode; icon: ReactNode; alert?: boolean }) {
  return (
    <div className="flex items-center gap-3 rounded-lg bg-white px-4 py-3 ring-1 ring-stone-200" role="group" aria-label={label}>
      {icon}
      <div>
        <div className={`text-2xl font-semibold tabular-nums ${alert ? 'text-red-700' : 'text-stone-900'}`}>{value}</div>
        <div className="text-xs text-stone-500">{label}</div>
      </div>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg bg-white ring-1 ring-stone-200">
      <h2 className="border-b border-stone-100 px-4 py-2.5 text-sm font-semibold text-stone-800">{title}</h2>
      {children}
    </section>
  );
}

const None = ({ children }: { children: ReactNode }) => <p className="px-4 py-5 text-center text-sm text-stone-400">{children}</p>;

function CompleteForm({ callback, onDone }: { callback: Callback; onDone: () => void }) {
  const [outcome, setOutcome] = useState<Outcome>('answered');
  const [notes, setNotes] = useState('');
  const complete = useMutation({ mutationFn: () => api.post(`/callbacks/${callback.id}/complete`, { outcome, ...(notes.trim() ? { notes } : {}) }), onSuccess: onDone });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    complete.mutate();
  };
  return (
    <form onSubmit={submit} className="mt-2 flex flex-wrap items-center gap-2">
      <select aria-label="Outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)} className={`${input} w-36`}>
        {OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      <input aria-label="Call notes" placeholder="Notes" value={notes} onChange={(e) => setNotes(e.target.value)} className={`${input} min-w-40 flex-1`} />
      <button type="submit" className={button.primary} disabled={complete.isPending}>
        Complete
      </button>
      {complete.isError && <span className="text-xs text-red-700">{complete.error.message}</span>}
    </form>
  );
}

/** A callback row with what the signed-in agent may do with it. */
function CallbackRow({ callback, me, now }: { callback: Callback; me: Me; now: number }) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['phone'] });
  const act = useMutation({ mutationFn: (verb: 'take' | 'decline' | 'cancel') => api.post(`/callbacks/${callback.id}/${verb}`, {}), onSuccess: refresh });
  const mine = callback.takenBy === me.id;
  const offeredToMe = callback.status === 'offered' && callback.offeredTo === me.id;
  return (
    <li className="border-t border-stone-100 px-4 py-2.5 first:border-t-0" data-testid={`callback-${callback.id}`}>
      <div className="flex items-center gap-3">
        <span className="min-w-0 flex-1">
          <Link href={`/tickets/${callback.ticketId}`} className="block truncate text-sm font-medium text-stone-800 hover:text-brand-700">
            {callback.name || callback.phone} <span className="font-normal text-stone-500">{callback.phone}</span>
          </Link>
          {callback.reason && <span className="block truncate text-xs text-stone-500">{callback.reason}</span>}
        </span>
        {callback.escalatedAt && <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200">Escalated</span>}
        <span className="w-16 text-right text-xs text-stone-500 tabular-nums" title="Waiting">
          {since(callback.requestedAt, now)}
        </span>
        {(callback.status === 'waiting' || offeredToMe) && (
          <button type="button" className={button.primary} onClick={() => act.mutate('take')} disabled={act.isPending}>
            Take
          </button>
        )}
        {offeredToMe && (
          <button type="button" className={button.secondary} onClick={() => act.mutate('decline')} disabled={act.isPending}>
            Pass
          </button>
        )}
        {mine && callback.status === 'taken' && (
          <button type="button" className={button.ghost} onClick={() => act.mutate('cancel')} disabled={act.isPending}>
            Cancel
          </button>
        )}
      </div>
      {mine && callback.status === 'taken' && <CompleteForm callback={callback} onDone={refresh} />}
      {act.isError && <p className="mt-1 text-xs text-red-700">{act.error.message}</p>}
    </li>
  );
}

function SupervisorView({ live, me, now }: { live: LiveCallQueue; me: Me; now: number }) {
  const waitingCalls = live.calls.filter((c) => c.status === 'ringing');
  const open = live.callbacks.filter((c) => c.status === 'waiting' || c.status === 'offered');
  return (
    <>
      <div className="grid grid-cols-2 gap-3 xl:grid-cols-4">
        <Tile label="Calls waiting" value={live.callsWaiting} icon={<PhoneIncoming className="size-5 text-stone-400" aria-hidden />} />
        <Tile label="Callbacks waiting" value={live.callbacksWaiting} icon={<PhoneCall className="size-5 text-stone-400" aria-hidden />} />
        <Tile label="Longest wait" value={clock(live.longestWaitSeconds)} icon={<Timer className="size-5 text-stone-400" aria-hidden />} alert={live.queues.some((q) => q.escalated > 0)} />
        <Tile label="Agents on a call" value={live.agentsOnCall} icon={<Users className="size-5 text-stone-400" aria-hidden />} />
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <Section title="Callback queues">
          {live.queues.length === 0 ? (
            <None>No callback queues yet.</None>
          ) : (
            <table className="w-full text-sm">
              <thead className="text-left text-xs text-stone-500">
                <tr>
                  <th className="px-4 py-2 font-medium">Queue</th>
                  <th className="px-2 py-2 text-right font-medium">Waiting</th>
                  <th className="px-2 py-2 text-right font-medium">Escalated</th>
                  <th className="px-4 py-2 text-right font-medium">Longest / limit</th>
                </tr>
              </thead>
              <tbody>
                {live.queues.map((q) => (
                  <tr key={q.id} className="border-t border-stone-100" data-testid={`callback-queue-${q.id}`}>
                    <td className="px-4 py-2 font-medium text-stone-800">{q.name}</td>
                    <td className="px-2 py-2 text-right tabular-nums">{q.waiting + q.offered}</td>
                    <td className={`px-2 py-2 text-right tabular-nums ${q.escalated ? 'font-semibold text-red-700' : 'text-stone-400'}`}>{q.escalated}</td>
                    <td className="px-4 py-2 text-right text-stone-600 tabular-nums">
                      {clock(q.longestWaitSeconds)} / {clock(q.maxWaitSeconds)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
        <Section title="Agents on the phone">
          {live.agents.length === 0 ? (
            <None>Nobody is online.</None>
          ) : (
            <ul>
              {live.agents.map((a) => (
                <li key={a.id} className="flex items-center gap-3 border-t border-stone-100 px-4 py-2 first:border-t-0" data-testid={`phone-agent-${a.id}`}>
                  <Avatar name={a.name} size="sm" />
                  <span className="flex-1 truncate text-sm font-medium text-stone-800">{a.name}</span>
                  <span className={`text-xs ${a.activity === 'free' ? 'text-stone-500' : 'font-medium text-brand-800'}`}>{ACTIVITY[a.activity]}</span>
                  <span className="w-14 text-right text-xs text-stone-500 tabular-nums">{a.since ? since(a.since, now) : ''}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Calls ringing">
          {waitingCalls.length === 0 ? (
            <None>No calls waiting.</None>
          ) : (
            <ul>
              {waitingCalls.map((c) => (
                <li key={c.id} className="flex items-center gap-3 border-t border-stone-100 px-4 py-2 text-sm first:border-t-0">
                  <Link href={`/tickets/${c.ticketId}`} className="flex-1 font-medium text-stone-800 hover:text-brand-700">
                    {c.phone}
                  </Link>
                  <span className="text-xs text-stone-500 tabular-nums">{since(c.startedAt, now)}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Callbacks waiting">{open.length === 0 ? <None>No callbacks waiting.</None> : <ul>{open.map((c) => <CallbackRow key={c.id} callback={c} me={me} now={now} />)}</ul>}</Section>
      </div>
    </>
  );
}

/** Calls and callbacks: the agent's own callbacks to make, and for supervisors the live call queue. */
export function CallsPage({ me }: { me: Me }) {
  const now = useLiveScreen('phone', PHONE_EVENTS, 0);
  const supervisor = me.permissions.includes('reports.read');
  const mine = useQuery({ queryKey: ['phone', 'mine'], queryFn: () => api.get<Page<Callback>>('/callbacks', { mine: true, status: ['offered', 'taken'], limit: 50 }) });
  const live = useQuery({ queryKey: ['phone', 'live'], queryFn: () => api.get<LiveCallQueue>('/phone/live'), enabled: supervisor });
  const myCallbacks = mine.data?.data ?? [];
  return (
    <main className="flex min-h-0 flex-1 flex-col bg-stone-50">
      <header className="flex h-14 shrink-0 items-center border-b border-stone-200 bg-white px-6">
        <h1 className="text-base font-semibold">Calls</h1>
      </header>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-4">
        <Section title="My callbacks">{myCallbacks.length === 0 ? <None>No callbacks for you right now.</None> : <ul>{myCallbacks.map((c) => <CallbackRow key={c.id} callback={c} me={me} now={now} />)}</ul>}</Section>
        {live.isError && <p className="text-sm text-red-700">{live.error.message}</p>}
        {live.data && <SupervisorView live={live.data} me={me} now={now} />}
      </div>
    </main>
  );
}
