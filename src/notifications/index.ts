export { markNotificationsRead } from './mark-notifications-read.ts';
export { notificationRoutes } from './notifications.routes.ts';
export { notifyOnEvent } from './notify-on-event.ts';
export { listNotifications, unreadCount } from './read-notifications.ts';
export { type NotificationToSend, notifyPeople } from './notify-people.ts';
export type { NotificationKind } from './notifications.queries.ts';
