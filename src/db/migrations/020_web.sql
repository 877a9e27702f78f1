-- The agent workspace: reply drafts kept on the server, in-app notifications, macros.

-- One draft per agent per ticket, so a reload or another device finds the half-written reply.
CREATE TABLE drafts (
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  ticket_id bigint NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  body text NOT NULL,
  internal boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, ticket_id)
);

CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('assigned', 'mentioned', 'customer_replied')),
  ticket_id bigint REFERENCES tickets(id) ON DELETE CASCADE,
  -- The domain event that caused it: re-dispatching the event never notifies twice.
  event_id bigint NOT NULL,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, event_id, kind)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE macros (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  -- NULL owner: shared with every agent.
  owner_id bigint REFERENCES users(id) ON DELETE CASCADE,
  -- What applying it does: reply text (with {{placeholders}}), status, priority, tags, assignee, team.
  actions jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX macros_owner_idx ON macros (owner_id);
CREATE INDEX macros_name_trgm_idx ON macros USING gin (name gin_trgm_ops);
