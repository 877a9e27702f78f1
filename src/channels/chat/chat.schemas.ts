import { Type } from 'typebox';
import { Nullable, Timestamp } from '../../platform/http/schemas.ts';
import { WIDGET_LANGUAGES } from './chat.types.ts';

const settingsFields = {
  color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
  greeting: Type.String({ maxLength: 300 }),
  position: Type.Enum(['right', 'left'] as const),
  language: Type.Enum(WIDGET_LANGUAGES),
  replyTimeText: Type.String({ maxLength: 200 }),
  preChatForm: Type.Enum(['off', 'optional', 'required'] as const),
};
const adminSettingsFields = { ...settingsFields, offline: Type.Boolean(), businessCalendarId: Nullable(Type.Integer({ minimum: 1 })), callbackQueueId: Nullable(Type.Integer({ minimum: 1 })) };

export const ChatChannelSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  settings: Type.Object(adminSettingsFields),
  teamId: Nullable(Type.Integer()),
  active: Type.Boolean(),
  embedCode: Type.String({ description: 'The <script> tag to paste into the website' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const CreateChatChannelBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  settings: Type.Optional(Type.Partial(Type.Object(adminSettingsFields))),
  teamId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
});

export const UpdateChatChannelBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  settings: Type.Optional(Type.Partial(Type.Object(adminSettingsFields))),
  teamId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  active: Type.Optional(Type.Boolean()),
});

export const WidgetConfigSchema = Type.Object({
  channelId: Type.Integer(),
  name: Type.String(),
  settings: Type.Object(settingsFields),
  available: Type.Boolean({ description: 'False once the channel was deactivated: the widget says chat is unavailable' }),
  online: Type.Boolean(),
  callbacks: Type.Boolean({ description: 'Whether visitors may ask to be called back' }),
});

export const WidgetMessageSchema = Type.Object({
  id: Type.Integer(),
  author: Type.Object({ type: Type.Enum(['customer', 'agent', 'system'] as const), name: Type.String(), initials: Type.String({ description: 'For the avatar: agents have no picture' }) }),
  body: Type.String(),
  attachments: Type.Array(Type.Object({ id: Type.Integer(), filename: Type.String(), contentType: Type.String(), size: Type.Integer() })),
  createdAt: Timestamp,
});

export const StartVisitorBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  email: Type.Optional(Type.String({ maxLength: 320 })),
  identity: Type.Optional(Type.Object({ userId: Type.String({ minLength: 1, maxLength: 200 }), signature: Type.String({ minLength: 1, maxLength: 200 }) })),
});

export const VisitorSchema = Type.Object({ token: Type.String(), visitorId: Type.String(), name: Type.String(), email: Nullable(Type.String()) });

export const VisitorMessageBody = Type.Object({
  body: Type.Optional(Type.String({ maxLength: 20_000 })),
  pageUrl: Type.Optional(Type.String({ maxLength: 2000 })),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  email: Type.Optional(Type.String({ maxLength: 320 })),
  attachment: Type.Optional(
    Type.Object({
      filename: Type.String({ minLength: 1, maxLength: 255 }),
      contentType: Type.String({ minLength: 1, maxLength: 200 }),
      data: Type.String({ maxLength: 14_000_000, description: 'base64, at most 10 MB decoded' }),
    }),
  ),
});

export const OfflineMessageBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  email: Type.String({ minLength: 3, maxLength: 320 }),
  body: Type.String({ minLength: 1, maxLength: 20_000 }),
  pageUrl: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const TranscriptBody = Type.Object({ email: Type.Optional(Type.String({ minLength: 3, maxLength: 320, description: 'Where to send it; default: the email the visitor gave' })) });

export const VisitorCallbackBody = Type.Object({
  phone: Type.String({ minLength: 3, maxLength: 40 }),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const ChannelParams = Type.Object({ channelId: Type.Integer({ minimum: 1 }) });
export const VisitorHeaders = Type.Object({ 'x-visitor-token': Type.String({ minLength: 1, maxLength: 200 }) });
