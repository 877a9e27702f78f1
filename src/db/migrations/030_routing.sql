-- Business hours, SLA clocks and routing: calendars, SLA policies with each ticket's live clocks
-- and the alerts they raised, agent availability/capacity/skills, queues and the tickets in them.

CREATE TABLE business_calendars (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  time_zone text NOT NULL,
  -- [{ day: 1..7 (ISO, Monday = 1), start: 'HH:MM', end: 'HH:MM' }], read whole by the arithmetic.
  weekly_hours jsonb NOT NULL,
  -- [{ date: 'YYYY-MM-DD', name, recurring }]; a recurring holiday matches its month and day every year.
  holidays jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sla_policies (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  -- Policies are tried in this order; the first whose conditions all hold applies.
  position int NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  -- { priority?: [], channel?: [], organizationId?: [], tags?: [] (any of) }
  conditions jsonb NOT NULL DEFAULT '{}',
  first_response_minutes int CHECK (first_response_minutes > 0),
  next_response_minutes int CHECK (next_response_minutes > 0),
  resolution_minutes int CHECK (resolution_minutes > 0),
  warning_minutes int NOT NULL DEFAULT 0 CHECK (warning_minutes >= 0),
  -- NULL: targets count calendar hours.
  calendar_id bigint REFERENCES business_calendars(id),
  -- Ticket statuses during which the clocks stand still (waiting on the customer).
  pause_statuses text[] NOT NULL DEFAULT '{pending,on_hold}',
  -- { notifyUserIds?: [], raisePriority?: boolean, addTags?: [], assigneeId?: id, teamId?: id }
  escalation jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One live clock per ticket and metric. While running, due_at is when the target is missed;
-- elapsed_ms is the (business) time consumed before running_since, kept across pauses.
CREATE TABLE sla_clocks (
  ticket_id bigint NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  metric text NOT NULL CHECK (metric IN ('first_response', 'next_response', 'resolution')),
  policy_id bigint NOT NULL REFERENCES sla_policies(id) ON DELETE CASCADE,
  state text NOT NULL CHECK (state IN ('running', 'paused', 'met')),
  -- When this cycle began (ticket creation; for next_response, the unanswered customer message).
  cycle_started_at timestamptz NOT NULL,
  elapsed_ms bigint NOT NULL DEFAULT 0,
  running_since timestamptz,
  due_at timestamptz,
  warn_at timestamptz,
  -- When the target was met; for next_response, the latest agent reply seen.
  stopped_at timestamptz,
  warned_at timestamptz,
  breached_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ticket_id, metric)
);
CREATE INDEX sla_clocks_due_idx ON sla_clocks (due_at) WHERE state = 'running';
CREATE INDEX sla_clocks_breached_idx ON sla_clocks (breached_at DESC) WHERE breached_at IS NOT NULL;

-- Warnings and breaches, each recorded once per clock cycle whichever process notices it.
CREATE TABLE sla_alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  metric text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('warning', 'breach')),
  cycle_started_at timestamptz NOT NULL,
  policy_id bigint REFERENCES sla_policies(id) ON DELETE SET NULL,
  due_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ticket_id, metric, kind, cycle_started_at)
);
CREATE INDEX sla_alerts_recorded_idx ON sla_alerts (kind, recorded_at DESC);

CREATE TABLE agent_availability (
  user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'offline')),
  changed_at timestamptz NOT NULL DEFAULT now(),
  -- Round-robin turns go to whoever waited longest since their last assignment.
  last_assigned_at timestamptz
);

-- Maximum concurrent live tickets per channel; channel '*' applies to channels without a row.
CREATE TABLE agent_capacities (
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  channel text NOT NULL,
  max_open int NOT NULL CHECK (max_open >= 0),
  PRIMARY KEY (user_id, channel)
);

CREATE TABLE agent_skills (
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  skill text NOT NULL,
  level int NOT NULL CHECK (level BETWEEN 1 AND 5),
  PRIMARY KEY (user_id, skill)
);
CREATE INDEX agent_skills_skill_idx ON agent_skills (skill, level);

CREATE TABLE routing_queues (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  team_id bigint NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  position int NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  strategy text NOT NULL CHECK (strategy IN ('round_robin', 'least_loaded', 'skills_best_match')),
  -- Which tickets enter: { priority?: [], channel?: [], tags?: [] }, tried in position order.
  conditions jsonb NOT NULL DEFAULT '{}',
  -- [{ when: { channel?, priority?, tags? }, skill, minLevel }]: the skills a ticket requires.
  skill_rules jsonb NOT NULL DEFAULT '[]',
  sticky boolean NOT NULL DEFAULT true,
  max_wait_minutes int CHECK (max_wait_minutes > 0),
  -- { kind: 'overflow', queueId } | { kind: 'escalate', notifyUserIds, raisePriority } | { kind: 'auto_reply', body }
  on_max_wait jsonb,
  calendar_id bigint REFERENCES business_calendars(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Each routed ticket: waiting in its queue, or assigned (and then counting toward its agent's load
-- while it is live, i.e. new or open).
CREATE TABLE routed_tickets (
  ticket_id bigint PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
  queue_id bigint REFERENCES routing_queues(id) ON DELETE SET NULL,
  requester_id bigint NOT NULL,
  channel text NOT NULL,
  priority_rank int NOT NULL,
  required_skills jsonb NOT NULL DEFAULT '[]',
  waiting boolean NOT NULL,
  enqueued_at timestamptz NOT NULL,
  max_wait_handled boolean NOT NULL DEFAULT false,
  assignee_id bigint REFERENCES users(id) ON DELETE SET NULL,
  assigned_at timestamptz,
  live boolean NOT NULL DEFAULT false
);
CREATE INDEX routed_tickets_waiting_idx ON routed_tickets (queue_id, priority_rank DESC, enqueued_at, ticket_id) WHERE waiting;
CREATE INDEX routed_tickets_load_idx ON routed_tickets (assignee_id, channel) WHERE live;
CREATE INDEX routed_tickets_requester_idx ON routed_tickets (requester_id, assigned_at DESC) WHERE assignee_id IS NOT NULL;
