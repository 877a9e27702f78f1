import { Type, type Static } from 'typebox';

/** What a browser may send over its socket. Anything else is ignored. */
export const ClientMessage = Type.Object({
  type: Type.Literal('presence'),
  ticketId: Type.Integer({ minimum: 1 }),
  state: Type.Union([Type.Literal('viewing'), Type.Literal('typing'), Type.Literal('left')]),
  /** Set when opening a ticket: others who are there answer with their own presence straight away. */
  announce: Type.Optional(Type.Boolean()),
  /** While typing: whether it is an internal note rather than a public reply. */
  internal: Type.Optional(Type.Boolean()),
});
export type ClientMessage = Static<typeof ClientMessage>;

/** Presence and typing: fanned out to every process, never stored. */
export interface PresenceSignal {
  type: 'presence';
  ticketId: number;
  state: ClientMessage['state'];
  announce: boolean;
  internal: boolean;
  user: { id: number; name: string };
  /** Tells apart two tabs of the same agent. */
  connectionId: string;
}

export type ServerMessage =
  | { type: 'hello'; connectionId: string; lastEventId: number }
  | { type: 'event'; id: number; event: string; payload: Record<string, unknown>; createdAt: Date }
  /** The client was away for too many events to replay; it should reload what it shows. */
  | { type: 'resync'; lastEventId: number }
  | PresenceSignal;
