-- Email channel: mailboxes, every inbound mail kept raw, the outbox, and the Message-IDs that thread replies.

CREATE TABLE email_mailboxes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  address citext NOT NULL UNIQUE,
  name text NOT NULL DEFAULT '',
  team_id bigint REFERENCES teams(id) ON DELETE SET NULL,
  -- 'smtp': Tend's own SMTP listener takes mail for this address; 'imap': Tend fetches it from a server.
  inbound text NOT NULL CHECK (inbound IN ('smtp', 'imap')),
  imap_host text,
  imap_port int,
  imap_tls boolean NOT NULL DEFAULT true,
  imap_user text,
  imap_folder text NOT NULL DEFAULT 'INBOX',
  -- After a mail is committed: flag it \Seen, or move it to imap_move_to.
  imap_after text NOT NULL DEFAULT 'seen' CHECK (imap_after IN ('seen', 'move')),
  imap_move_to text,
  imap_uid_validity bigint,
  imap_last_uid bigint NOT NULL DEFAULT 0,
  smtp_host text,
  smtp_port int,
  smtp_secure boolean NOT NULL DEFAULT false,
  smtp_user text,
  -- AES-256-GCM sealed JSON {imapPassword?, smtpPassword?}; never returned by the API.
  credentials text,
  active boolean NOT NULL DEFAULT true,
  status text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'failed')),
  last_error text,
  last_error_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per agent reply to be mailed; the job queue carries it, this row says how it went.
CREATE TABLE email_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id bigint NOT NULL UNIQUE REFERENCES messages(id) ON DELETE CASCADE,
  ticket_id bigint NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  mailbox_id bigint REFERENCES email_mailboxes(id) ON DELETE SET NULL,
  message_id_header text NOT NULL UNIQUE,
  to_addresses text[] NOT NULL,
  cc_addresses text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'bounced')),
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  smtp_response text,
  raw bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);

-- Every mail that reached Tend, exactly as received, committed before it is acknowledged.
CREATE TABLE email_inbound (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  mailbox_id bigint REFERENCES email_mailboxes(id) ON DELETE SET NULL,
  source text NOT NULL CHECK (source IN ('smtp', 'imap')),
  message_id text,
  -- sha256 of the content below the trace headers: the same mail re-delivered hashes alike.
  content_hash text NOT NULL,
  envelope_from text,
  envelope_to text[] NOT NULL DEFAULT '{}',
  from_address citext,
  subject text,
  raw bytea NOT NULL,
  status text NOT NULL CHECK (status IN ('processed', 'failed', 'ignored')),
  reason text,
  ticket_id bigint REFERENCES tickets(id),
  ticket_message_id bigint REFERENCES messages(id) ON DELETE SET NULL,
  -- A delivery report about one of Tend's own replies is kept beside the reply it reports on.
  bounce_of_outbox_id bigint REFERENCES email_outbox(id) ON DELETE SET NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz
);
CREATE UNIQUE INDEX email_inbound_dedupe_idx ON email_inbound (coalesce(message_id, ''), content_hash);
CREATE INDEX email_inbound_status_idx ON email_inbound (status, id DESC);
CREATE INDEX email_inbound_message_idx ON email_inbound (ticket_message_id);
CREATE INDEX email_inbound_sender_idx ON email_inbound (from_address, received_at);

-- Which mailbox a ticket's mail goes through, who is copied, and where a closed ticket's follow-up is.
CREATE TABLE email_threads (
  ticket_id bigint PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
  mailbox_id bigint REFERENCES email_mailboxes(id) ON DELETE SET NULL,
  cc text[] NOT NULL DEFAULT '{}',
  follow_up_ticket_id bigint REFERENCES tickets(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every Message-ID Tend has seen or sent, so In-Reply-To / References find the ticket.
CREATE TABLE email_message_refs (
  message_id_header text PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  message_id bigint REFERENCES messages(id) ON DELETE SET NULL,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_message_refs_ticket_idx ON email_message_refs (ticket_id, created_at);

CREATE TABLE email_blocklist (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- A whole address (someone@example.com) or a domain (example.com).
  pattern citext NOT NULL UNIQUE,
  reason text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);

