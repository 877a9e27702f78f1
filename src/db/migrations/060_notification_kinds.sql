-- Service-level and queue alerts reach people through the same bell as assignments and mentions.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('assigned', 'mentioned', 'customer_replied', 'sla_warning', 'sla_breached', 'escalated'));
