-- Automatic away: when each agent was last seen active, why the system (not the agent) set them away,
-- how long they may be idle before that, and the calendar of their working hours.
ALTER TABLE agent_availability
  ADD COLUMN last_active_at timestamptz,
  -- Set only while an automatic away holds; activity (idle) or the shift's start (off_shift) lifts it.
  ADD COLUMN auto_away text CHECK (auto_away IN ('idle', 'off_shift')),
  -- 0: never away for inactivity.
  ADD COLUMN idle_away_minutes int NOT NULL DEFAULT 15 CHECK (idle_away_minutes = 0 OR idle_away_minutes BETWEEN 5 AND 1440),
  -- Outside these hours an online agent is set away. Like a queue's or SLA's, a calendar in use cannot be deleted.
  ADD COLUMN shift_calendar_id bigint REFERENCES business_calendars(id);
CREATE INDEX agent_availability_shift_idx ON agent_availability (shift_calendar_id) WHERE shift_calendar_id IS NOT NULL;
