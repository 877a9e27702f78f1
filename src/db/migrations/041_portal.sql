-- Customer portal: magic-link sign-in, customer sessions, organization managers, and the
-- new requests customers started, to tell deflected ones (abandoned after reading an answer) from submitted ones.

-- A sign-in link mailed to an address: only its hash is kept; single use, short-lived.
CREATE TABLE portal_sign_in_links (
  token_hash text PRIMARY KEY,
  email citext NOT NULL,
  ip text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX portal_sign_in_links_email_idx ON portal_sign_in_links (email, created_at DESC);

-- Separate from agents' sessions: a customer's cookie never reaches the agent API.
CREATE TABLE portal_sessions (
  token_hash text PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX portal_sessions_customer_idx ON portal_sessions (customer_id);

-- Customers allowed to see every ticket of their organization in the portal.
CREATE TABLE portal_organization_managers (
  organization_id bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, customer_id)
);
CREATE INDEX portal_organization_managers_customer_idx ON portal_organization_managers (customer_id);

-- One per opened "new request" form: what was suggested while typing, what was read, and whether it became a ticket.
CREATE TABLE portal_request_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  query text NOT NULL DEFAULT '',
  suggested_article_ids bigint[] NOT NULL DEFAULT '{}',
  opened_article_ids bigint[] NOT NULL DEFAULT '{}',
  ticket_id bigint REFERENCES tickets(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_request_attempts_customer_idx ON portal_request_attempts (customer_id, id DESC);
CREATE INDEX portal_request_attempts_created_idx ON portal_request_attempts (created_at);
