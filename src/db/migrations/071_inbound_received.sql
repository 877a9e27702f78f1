-- A mail received over SMTP is acknowledged once stored, and waits as 'received' until the filing job
-- files it into a ticket (or sets it aside as failed or ignored).
ALTER TABLE email_inbound DROP CONSTRAINT email_inbound_status_check;
ALTER TABLE email_inbound ADD CONSTRAINT email_inbound_status_check CHECK (status IN ('received', 'processed', 'failed', 'ignored'));
