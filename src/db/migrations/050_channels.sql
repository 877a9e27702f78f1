-- Messaging (SMS, WhatsApp, Messenger), live chat, phone and walk-in channels.

-- A provider account messages arrive through: a Twilio number (SMS or WhatsApp), a WhatsApp Cloud
-- number or a Facebook page. Webhooks name it in their path: /webhooks/<provider>/<id>.
CREATE TABLE messaging_channels (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('twilio_sms', 'twilio_whatsapp', 'meta_whatsapp', 'meta_messenger')),
  name text NOT NULL,
  -- Twilio: the account SID and our number; Meta: the phone number id or page id.
  account_id text NOT NULL,
  address text NOT NULL,
  -- Where the provider's REST API is; set to reach a regional endpoint or a test double.
  api_base_url text,
  team_id bigint REFERENCES teams(id) ON DELETE SET NULL,
  -- AES-256-GCM sealed JSON {authToken?, appSecret?, accessToken?, verifyToken?}; never returned by the API.
  credentials text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One conversation per channel and contact: which ticket their messages join, and when they last
-- wrote (WhatsApp allows free-form replies only within 24 hours of that).
CREATE TABLE messaging_conversations (
  channel_id bigint NOT NULL REFERENCES messaging_channels(id) ON DELETE CASCADE,
  contact text NOT NULL,
  customer_id bigint NOT NULL REFERENCES customers(id),
  ticket_id bigint NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  last_inbound_at timestamptz NOT NULL,
  PRIMARY KEY (channel_id, contact)
);
CREATE INDEX messaging_conversations_ticket_idx ON messaging_conversations (ticket_id);

-- Every inbound provider message, once: a replayed webhook hits the unique key and is acknowledged again.
CREATE TABLE messaging_inbound (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel_id bigint NOT NULL REFERENCES messaging_channels(id) ON DELETE CASCADE,
  provider_message_id text NOT NULL,
  payload jsonb NOT NULL,
  ticket_id bigint REFERENCES tickets(id) ON DELETE SET NULL,
  message_id bigint REFERENCES messages(id) ON DELETE SET NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel_id, provider_message_id)
);

-- One row per agent reply sent through a provider; the job queue carries it, this row says how it went.
CREATE TABLE messaging_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id bigint NOT NULL UNIQUE REFERENCES messages(id) ON DELETE CASCADE,
  ticket_id bigint NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  channel_id bigint NOT NULL REFERENCES messaging_channels(id) ON DELETE CASCADE,
  recipient text NOT NULL,
  template jsonb,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed')),
  provider_message_id text,
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX messaging_outbox_provider_idx ON messaging_outbox (channel_id, provider_message_id);

-- A website's chat: how the widget looks and the secret that signs host-app identities.
CREATE TABLE chat_channels (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  -- {color, greeting, position, language, replyTimeText, preChatForm, businessHours, offline}
  settings jsonb NOT NULL DEFAULT '{}',
  team_id bigint REFERENCES teams(id) ON DELETE SET NULL,
  -- Sealed; the host app signs its user ids with it.
  secret text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A browser holding a visitor token: who they are and which ticket their chat is.
CREATE TABLE chat_visitors (
  id uuid PRIMARY KEY,
  channel_id bigint NOT NULL REFERENCES chat_channels(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  -- The host app's user id when it signed one, so that every device of the user is one visitor.
  external_user_id text,
  name text NOT NULL DEFAULT '',
  email citext,
  customer_id bigint REFERENCES customers(id),
  ticket_id bigint REFERENCES tickets(id) ON DELETE SET NULL,
  page_url text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_visitors_ticket_idx ON chat_visitors (ticket_id);

-- A CTI / telephony provider posting call events to /webhooks/telephony/<id>.
CREATE TABLE phone_channels (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE calls (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel_id bigint REFERENCES phone_channels(id) ON DELETE SET NULL,
  provider_call_id text,
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  customer_id bigint NOT NULL REFERENCES customers(id),
  ticket_id bigint NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  phone text NOT NULL,
  agent_id bigint REFERENCES users(id),
  status text NOT NULL CHECK (status IN ('ringing', 'answered', 'ended')),
  outcome text CHECK (outcome IN ('answered', 'missed', 'voicemail', 'busy', 'failed')),
  disposition text,
  notes text NOT NULL DEFAULT '',
  recording_url text,
  started_at timestamptz NOT NULL,
  answered_at timestamptz,
  ended_at timestamptz,
  duration_seconds int,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel_id, provider_call_id)
);
CREATE INDEX calls_customer_idx ON calls (customer_id, started_at DESC);
CREATE INDEX calls_live_idx ON calls (status) WHERE status <> 'ended';

CREATE TABLE callback_queues (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  max_wait_seconds int NOT NULL CHECK (max_wait_seconds > 0),
  -- Told when a callback waits past the limit.
  lead_user_id bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE callback_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  queue_id bigint NOT NULL REFERENCES callback_queues(id) ON DELETE CASCADE,
  customer_id bigint NOT NULL REFERENCES customers(id),
  ticket_id bigint NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  phone text NOT NULL,
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered', 'done', 'cancelled')),
  offered_to bigint REFERENCES users(id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  due_at timestamptz NOT NULL,
  escalated_at timestamptz,
  done_at timestamptz
);
CREATE INDEX callback_requests_waiting_idx ON callback_requests (queue_id, requested_at) WHERE status IN ('waiting', 'offered');

-- An in-person visit; its conversation is a ticket on the walk-in channel.
CREATE TABLE walk_in_visits (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL UNIQUE REFERENCES tickets(id) ON DELETE CASCADE,
  customer_id bigint NOT NULL REFERENCES customers(id),
  reason text NOT NULL,
  outcome text NOT NULL DEFAULT '',
  follow_up_on date,
  logged_by bigint REFERENCES users(id),
  visited_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX walk_in_visits_follow_up_idx ON walk_in_visits (follow_up_on) WHERE follow_up_on IS NOT NULL;
