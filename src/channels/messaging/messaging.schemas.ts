import { Type } from 'typebox';
import { Nullable, Timestamp } from '../../platform/http/schemas.ts';
import { DELIVERY_STATUSES, MESSAGING_KINDS } from './messaging.types.ts';

const Kind = Type.Enum(MESSAGING_KINDS);

const Credentials = Type.Object(
  {
    authToken: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    appSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    accessToken: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    verifyToken: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { description: 'Twilio: authToken. Meta: appSecret, accessToken, verifyToken. Stored encrypted; never returned.' },
);

const channelFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  accountId: Type.String({ minLength: 1, maxLength: 200, description: 'Twilio account SID, WhatsApp Cloud phone number id, or Facebook page id' }),
  address: Type.String({ minLength: 1, maxLength: 200, description: 'Our number in international form, or the page name' }),
  apiBaseUrl: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'Override of the provider API address' }))),
  teamId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  credentials: Credentials,
  active: Type.Optional(Type.Boolean()),
};

export const CreateChannelBody = Type.Object({ kind: Kind, ...channelFields });
export const UpdateChannelBody = Type.Partial(Type.Object(channelFields));

export const ChannelSchema = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  name: Type.String(),
  accountId: Type.String(),
  address: Type.String(),
  apiBaseUrl: Nullable(Type.String()),
  teamId: Nullable(Type.Integer()),
  active: Type.Boolean(),
  credentialsSet: Type.Array(Type.String()),
  webhookPath: Type.String({ description: 'Where the provider posts: prefix it with the public URL of Tend' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ReplyBody = Type.Object({
  body: Type.Optional(Type.String({ maxLength: 4096 })),
  template: Type.Optional(
    Type.Object({
      name: Type.String({ minLength: 1, maxLength: 200, description: 'The approved template (Meta: its name; Twilio: its Content SID)' }),
      language: Type.Optional(Type.String({ minLength: 2, maxLength: 15 })),
      variables: Type.Optional(Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 20 })),
    }),
  ),
});

export const SentMessageSchema = Type.Object({
  id: Type.Integer(),
  ticketId: Type.Integer(),
  channel: Type.String(),
  body: Type.String(),
  createdAt: Timestamp,
});

export const DeliverySchema = Type.Object({
  messageId: Type.Integer(),
  recipient: Type.String({ description: 'The phone number (E.164) or page-scoped id the reply goes to' }),
  status: Type.Enum(DELIVERY_STATUSES),
  providerMessageId: Nullable(Type.String()),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const TemplateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, description: 'As the provider knows it (Meta: the template name; Twilio: its Content SID)' }),
  language: Type.Optional(Type.String({ minLength: 2, maxLength: 15, description: 'The language code it was approved in; default en' })),
  body: Type.String({ minLength: 1, maxLength: 1024, description: 'Its approved text, with numbered placeholders {{1}}, {{2}}… for the values an agent fills in' }),
});

export const TemplateSchema = Type.Object({
  id: Type.Integer(),
  channelId: Type.Integer(),
  name: Type.String(),
  language: Type.String(),
  body: Type.String(),
  variables: Type.Integer({ description: 'How many values its placeholders take' }),
  createdAt: Timestamp,
});

export const MessagingReplyRouteSchema = Type.Object({
  texted: Type.Boolean({ description: 'The ticket is a conversation on SMS, WhatsApp or Messenger, which its public replies go out on' }),
  channel: Nullable(Type.String()),
  from: Nullable(Type.String({ description: 'Our number or page' })),
  to: Nullable(Type.String({ description: "The customer's number or page-scoped id" })),
  problem: Nullable(Type.String({ description: 'Why a free-form reply would not go out now (WhatsApp\'s 24-hour window has closed, the channel is off)' })),
  windowEndsAt: Nullable(Timestamp),
  templateOnly: Type.Boolean({ description: "WhatsApp's 24-hour window has closed: only an approved template would go out now" }),
  templates: Type.Array(TemplateSchema, { description: 'The approved templates of a WhatsApp channel, which go out also once the window has closed' }),
});

export const ChannelParams = Type.Object({ channelId: Type.Integer({ minimum: 1 }) });
