import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, Nullable, PageOf, PageQuery, Timestamp } from '../platform/http/schemas.ts';
import { markNotificationsRead } from './mark-notifications-read.ts';
import { NOTIFICATION_KINDS } from './notifications.queries.ts';
import { listNotifications, unreadCount } from './read-notifications.ts';

const NotificationSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Enum(NOTIFICATION_KINDS),
  ticketId: Nullable(Type.Integer()),
  title: Type.String(),
  body: Type.String(),
  readAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
const tags = ['notifications'];

export async function notificationRoutes(app: App): Promise<void> {
  app.get(
    `${API_PREFIX}/notifications`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Your notifications, newest first', querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), ...PageQuery }), response: { 200: PageOf(NotificationSchema), ...errors() } },
    },
    async (request) => listNotifications(ctxOf(request), request.query),
  );

  app.get(
    `${API_PREFIX}/notifications/unread-count`,
    { config: { auth: 'user' }, schema: { tags, summary: 'How many of your notifications are unread', response: { 200: Type.Object({ count: Type.Integer() }), ...errors() } } },
    async (request) => ({ count: await unreadCount(ctxOf(request)) }),
  );

  app.post(
    `${API_PREFIX}/notifications/read`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Mark notifications read: by id, all of one ticket, or all',
        body: Type.Object({
          ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 })),
          ticketId: Type.Optional(Type.Integer({ minimum: 1 })),
          all: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Type.Object({ count: Type.Integer() }), ...errors() },
      },
    },
    async (request) => ({ count: await markNotificationsRead(ctxOf(request), request.body) }),
  );
}
