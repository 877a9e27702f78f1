-- Phone channels are administered like the other channels: the team whose tickets their calls open,
-- and a switch that stops their webhook without losing the calls already logged.
ALTER TABLE phone_channels
  ADD COLUMN team_id bigint REFERENCES teams(id) ON DELETE SET NULL,
  ADD COLUMN active boolean NOT NULL DEFAULT true,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
