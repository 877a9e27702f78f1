-- Callback requests: who serves a queue, how a request came in, who took it and how it ended.

-- The team whose online agents are offered the queue's callbacks; none means every agent.
ALTER TABLE callback_queues
  ADD COLUMN team_id bigint REFERENCES teams(id) ON DELETE SET NULL,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- 'taken': an agent accepted it and is calling back.
ALTER TABLE callback_requests DROP CONSTRAINT callback_requests_status_check;
ALTER TABLE callback_requests ADD CONSTRAINT callback_requests_status_check
  CHECK (status IN ('waiting', 'offered', 'taken', 'done', 'cancelled'));

ALTER TABLE callback_requests
  ADD COLUMN name text NOT NULL DEFAULT '',
  ADD COLUMN reason text NOT NULL DEFAULT '',
  ADD COLUMN source text NOT NULL DEFAULT 'api' CHECK (source IN ('widget', 'portal', 'api')),
  ADD COLUMN offered_at timestamptz,
  -- Agents who let an offer lapse or declined it; the next offer goes to someone else.
  ADD COLUMN passed_by bigint[] NOT NULL DEFAULT '{}',
  ADD COLUMN taken_by bigint REFERENCES users(id),
  ADD COLUMN taken_at timestamptz,
  ADD COLUMN outcome text CHECK (outcome IN ('answered', 'missed', 'voicemail', 'busy', 'failed')),
  ADD COLUMN call_id bigint REFERENCES calls(id) ON DELETE SET NULL,
  ADD COLUMN notes text NOT NULL DEFAULT '',
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Who is busy with a callback right now, and whose last offer was longest ago.
CREATE INDEX callback_requests_agent_idx ON callback_requests (offered_to, offered_at);
CREATE INDEX callback_requests_taken_idx ON callback_requests (taken_by) WHERE status = 'taken';
CREATE INDEX calls_agent_live_idx ON calls (agent_id) WHERE status <> 'ended';
