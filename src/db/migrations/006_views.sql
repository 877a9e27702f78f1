-- Saved views: the shared defaults every workspace starts with, and a lookup of each user's own.
CREATE INDEX views_owner_idx ON views (owner_id, position);

INSERT INTO views (name, owner_id, filters, sort, position) VALUES
  ('My open tickets', NULL, '{"assigneeId": "me", "status": ["new", "open", "pending", "on_hold"]}', 'updated_desc', 10),
  ('Unassigned', NULL, '{"assigneeId": "none", "status": ["new", "open"]}', 'updated_desc', 20),
  ('Urgent', NULL, '{"priority": ["urgent"], "status": ["new", "open", "pending", "on_hold"]}', 'updated_desc', 30),
  ('All open', NULL, '{"status": ["new", "open", "pending", "on_hold"]}', 'updated_desc', 40),
  ('Recently solved', NULL, '{"status": ["solved"]}', 'updated_desc', 50);
