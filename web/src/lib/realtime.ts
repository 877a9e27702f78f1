import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';

export interface LiveEvent {
  id: number;
  event: string;
  payload: Record<string, unknown>;
}

export interface Presence {
  connectionId: string;
  user: { id: number; name: string };
  state: 'viewing' | 'typing';
  internal: boolean;
  at: number;
}

type ServerMessage =
  | { type: 'hello'; connectionId: string; lastEventId: number }
  | ({ type: 'event' } & LiveEvent)
  | { type: 'resync'; lastEventId: number }
  | { type: 'presence'; ticketId: number; state: 'viewing' | 'typing' | 'left'; announce: boolean; internal: boolean; user: { id: number; name: string }; connectionId: string };

/** How long a viewer counts as present without a heartbeat, and a typist as typing. */
const PRESENCE_TTL_MS = 45_000;
const TYPING_TTL_MS = 6_000;

/**
 * The browser's one WebSocket. It remembers the last event id it saw and, after any drop,
 * reconnects asking the server to replay from there, so no change is missed.
 */
class Realtime {
  private socket: WebSocket | null = null;
  private lastEventId: number | null = null;
  private retryMs = 500;
  private stopped = true;
  private eventListeners = new Set<(e: LiveEvent) => void>();
  private resyncListeners = new Set<() => void>();
  private statusListeners = new Set<() => void>();
  /** ticketId → connectionId → presence */
  private presence = new Map<number, Map<string, Presence>>();
  private presenceListeners = new Set<() => void>();
  private presenceVersion = 0;
  /** What this tab says about itself, re-sent after a reconnect and to newcomers. */
  private mine = new Map<number, { state: 'viewing' | 'typing'; internal: boolean }>();
  connected = false;

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.setConnected(false);
  }

  private open() {
    const url = new URL('/api/v1/realtime', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (this.lastEventId !== null) url.searchParams.set('lastEventId', String(this.lastEventId));
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onmessage = (m) => this.handle(JSON.parse(String(m.data)) as ServerMessage);
    socket.onclose = () => {
      // A socket closed on purpose (stop, or replaced) must not bring a second one back.
      if (this.socket !== socket) return;
      this.socket = null;
      this.setConnected(false);
      if (this.stopped) return;
      setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
  }

  private setConnected(value: boolean) {
    this.connected = value;
    for (const l of this.statusListeners) l();
  }

  private handle(message: ServerMessage) {
    switch (message.type) {
      case 'hello':
        this.retryMs = 500;
        this.lastEventId ??= message.lastEventId;
        this.setConnected(true);
        for (const [ticketId, mine] of this.mine) this.send(ticketId, mine.state, { announce: true, internal: mine.internal });
        return;
      case 'resync':
        this.lastEventId = message.lastEventId;
        for (const l of this.resyncListeners) l();
        return;
      case 'event':
        if (this.lastEventId !== null && message.id <= this.lastEventId) return;
        this.lastEventId = message.id;
        for (const l of this.eventListeners) l(message);
        return;
      case 'presence':
        this.notePresence(message);
    }
  }

  private notePresence(message: Extract<ServerMessage, { type: 'presence' }>) {
    const onTicket = this.presence.get(message.ticketId) ?? new Map<string, Presence>();
    this.presence.set(message.ticketId, onTicket);
    if (message.state === 'left') onTicket.delete(message.connectionId);
    else onTicket.set(message.connectionId, { connectionId: message.connectionId, user: message.user, state: message.state, internal: message.internal, at: Date.now() });
    // A newcomer learns at once who is already here, instead of waiting for the next heartbeat.
    const mine = this.mine.get(message.ticketId);
    if (message.announce && mine) this.send(message.ticketId, mine.state, { internal: mine.internal });
    this.presenceChanged();
  }

  private presenceChanged() {
    this.presenceVersion++;
    for (const l of this.presenceListeners) l();
  }

  private send(ticketId: number, state: 'viewing' | 'typing' | 'left', options: { announce?: boolean; internal?: boolean } = {}) {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify({ type: 'presence', ticketId, state, ...options }));
  }

  setMyPresence(ticketId: number, state: 'viewing' | 'typing' | 'left', internal = false) {
    const announce = state !== 'left' && !this.mine.has(ticketId);
    if (state === 'left') this.mine.delete(ticketId);
    else this.mine.set(ticketId, { state, internal });
    this.send(ticketId, state, { announce, internal });
  }

  /** Others on a ticket, with stale entries dropped. */
  othersOn(ticketId: number): Presence[] {
    const now = Date.now();
    const onTicket = this.presence.get(ticketId);
    if (!onTicket) return [];
    return [...onTicket.values()]
      .filter((p) => now - p.at < PRESENCE_TTL_MS)
      .map((p) => (p.state === 'typing' && now - p.at > TYPING_TTL_MS ? { ...p, state: 'viewing' as const } : p));
  }

  onEvent(listener: (e: LiveEvent) => void) {
    this.eventListeners.add(listener);
    return () => void this.eventListeners.delete(listener);
  }
  onResync(listener: () => void) {
    this.resyncListeners.add(listener);
    return () => void this.resyncListeners.delete(listener);
  }
  subscribeStatus = (listener: () => void) => {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  };
  subscribePresence = (listener: () => void) => {
    this.presenceListeners.add(listener);
    return () => void this.presenceListeners.delete(listener);
  };
  presenceSnapshot = () => this.presenceVersion;
}

export const realtime = new Realtime();

export function useConnected(): boolean {
  return useSyncExternalStore(realtime.subscribeStatus, () => realtime.connected);
}

/** Announces this tab on a ticket while mounted, and returns who else is there. */
export function useTicketPresence(ticketId: number): Presence[] {
  useSyncExternalStore(realtime.subscribePresence, realtime.presenceSnapshot);
  const [, tick] = useState(0);
  useEffect(() => {
    realtime.setMyPresence(ticketId, 'viewing');
    const heartbeat = setInterval(() => {
      realtime.setMyPresence(ticketId, 'viewing');
      tick((n) => n + 1);
    }, 20_000);
    // Typing indicators fade on their own; re-render now and then to let them.
    const fade = setInterval(() => tick((n) => n + 1), 2_000);
    return () => {
      clearInterval(heartbeat);
      clearInterval(fade);
      realtime.setMyPresence(ticketId, 'left');
    };
  }, [ticketId]);
  return realtime.othersOn(ticketId);
}

/** Ticket id an event concerns, whatever capability emitted it. */
export function ticketIdOf(e: LiveEvent): number | null {
  const p = e.payload;
  if (typeof p.ticketId === 'number') return p.ticketId;
  const ticket = p.ticket as { id?: unknown } | undefined;
  return typeof ticket?.id === 'number' ? ticket.id : null;
}

/**
 * Keeps a live screen current: events matching `events` mark its `queryKey` data stale, at most once
 * per `atMostEveryMs` however busy the desk, and the returned time ticks each second so waits count up.
 */
export function useLiveScreen(queryKey: string, events: RegExp, atMostEveryMs: number): number {
  const queryClient = useQueryClient();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer = null;
      void queryClient.invalidateQueries({ queryKey: [queryKey] });
    };
    const off = realtime.onEvent((e) => {
      if (events.test(e.event) && timer === null) timer = setTimeout(refresh, atMostEveryMs);
    });
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      off();
      clearInterval(tick);
      if (timer) clearTimeout(timer);
    };
  }, [queryClient, queryKey, events, atMostEveryMs]);
  return now;
}
