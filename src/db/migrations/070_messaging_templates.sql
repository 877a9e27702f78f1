-- A WhatsApp message template the provider has approved, registered on its channel so that agents
-- can send it once the 24-hour window has closed: its name and language as the provider knows them,
-- and its text with numbered placeholders ({{1}}, {{2}}…) that the agent fills in.
CREATE TABLE messaging_templates (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel_id bigint NOT NULL REFERENCES messaging_channels(id) ON DELETE CASCADE,
  name text NOT NULL,
  language text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel_id, name, language)
);
