-- Issue 22: an invoice for every charge, events in order per subject.

-- Webhook events are ordered per subject (`order:<id>` or `subscription:<id>`): each carries
-- the subject's next sequence number, taken from this counter row (locked until the change's
-- transaction ends, so two changes of one subject number their events in commit order).
CREATE TABLE webhook_subjects (
  subject text PRIMARY KEY,
  last_seq integer NOT NULL CHECK (last_seq > 0)
);
ALTER TABLE webhook_events ADD COLUMN subject text;
ALTER TABLE webhook_events ADD COLUMN subject_seq integer;
CREATE UNIQUE INDEX webhook_events_subject_seq ON webhook_events (subject, subject_seq);
-- An event is due only once every earlier event of its subject is delivered or given up.
CREATE INDEX webhook_events_subject_pending ON webhook_events (subject, subject_seq)
  WHERE status = 'pending';

-- Invoices: one per charge, not one per order. `charge_key` names the charge an invoice is for
-- and makes issuing idempotent: `order:<id>` (the first sale), `renewal:<order id>:<cycle>`
-- (a card or PayPal renewal of a term), `addons:<subscription id>:<cycle>` (a PEC add-on
-- renewal from credit). The period covered is stored with it.
ALTER TABLE invoices DROP CONSTRAINT invoices_order_id_key;
ALTER TABLE invoices ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE invoices ADD COLUMN charge_key text;
UPDATE invoices SET charge_key = 'order:' || order_id;
ALTER TABLE invoices ALTER COLUMN charge_key SET NOT NULL;
ALTER TABLE invoices ADD CONSTRAINT invoices_charge_key_key UNIQUE (charge_key);
ALTER TABLE invoices ADD COLUMN kind text NOT NULL DEFAULT 'order'
  CHECK (kind IN ('order', 'renewal', 'addon_renewal'));
ALTER TABLE invoices ADD COLUMN subscription_id text REFERENCES subscriptions (id) ON DELETE RESTRICT;
ALTER TABLE invoices ADD COLUMN period_start date;
ALTER TABLE invoices ADD COLUMN period_end date;
-- What the buyer paid the seller: the total, or the taxable amount under split payment.
ALTER TABLE invoices ADD COLUMN paid_cents integer;
UPDATE invoices SET paid_cents = total_cents;
CREATE INDEX invoices_order ON invoices (order_id);
