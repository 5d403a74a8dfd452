-- After the checkout (issue 15): the service period of a paid order and its automatic
-- renewal, payments recorded by an operator, renewal charges, add-on deactivation, and the
-- outbox of signed webhooks (written in the same transaction as the change it tells of).

-- "The order became paid" happened once, at paid_at (demo/server/fulfilment.ts).
ALTER TABLE orders ADD COLUMN paid_at timestamptz;
-- Certified Platform: the end of the period paid for (the service is active while today < it).
ALTER TABLE orders ADD COLUMN expires_on date;
-- Automatic renewal of a card or PayPal order: 'scheduled' (next charge on next_renewal_on),
-- 'retrying' (a charge was refused; next try on next_renewal_on), 'renewal_failed' (ended at
-- expiry). NULL: the order does not renew.
ALTER TABLE orders ADD COLUMN renewal_state text
  CHECK (renewal_state IN ('scheduled', 'retrying', 'renewal_failed'));
ALTER TABLE orders ADD COLUMN next_renewal_on date;
-- Refused charges in the current renewal cycle.
ALTER TABLE orders ADD COLUMN renewal_failures integer NOT NULL DEFAULT 0;
CREATE INDEX orders_renewal_due ON orders (next_renewal_on)
  WHERE renewal_state IN ('scheduled', 'retrying');

-- A bank transfer or postal slip received for an awaiting order: at most one per order.
CREATE TABLE received_payments (
  order_id text PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  amount_cents integer NOT NULL CHECK (amount_cents >= 0),
  method text NOT NULL,
  recorded_at timestamptz NOT NULL
);

-- Every charge of an automatic renewal. One row per (order, cycle, attempt): a second
-- instance, or a retried job, cannot charge the same attempt twice.
CREATE TABLE renewal_charges (
  order_id text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  -- The expiry the charge renews (the cycle).
  cycle_expires_on date NOT NULL,
  attempt integer NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('approved', 'refused')),
  amount_cents integer NOT NULL CHECK (amount_cents >= 0),
  charged_on date NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (order_id, cycle_expires_on, attempt)
);

-- PEC add-ons: renewed for one year at the mailbox expiry from the credit, or deactivated.
ALTER TABLE subscription_addons ADD COLUMN deactivated_on date;
-- One row per mailbox expiry handled: renewed (credit debited) or add-ons deactivated.
CREATE TABLE addon_renewals (
  subscription_id text NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  cycle_expires_on date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('renewed', 'deactivated')),
  amount_cents integer NOT NULL CHECK (amount_cents >= 0),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (subscription_id, cycle_expires_on)
);

-- Webhooks to the merchant's server. The id is the Standard Webhooks `webhook-id`, the same
-- on every attempt, so a receiver can drop repeats.
CREATE TABLE webhook_events (
  id text PRIMARY KEY,
  type text NOT NULL,
  payload jsonb NOT NULL,
  order_id text REFERENCES orders (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- The instance delivering the current attempt holds it until then.
  leased_until timestamptz,
  last_error text,
  delivered_at timestamptz
);
CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE status = 'pending';

CREATE TABLE webhook_attempts (
  event_id text NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  started_at timestamptz NOT NULL,
  http_status integer,
  error text,
  duration_ms integer NOT NULL,
  PRIMARY KEY (event_id, attempt)
);

-- (Until 0.1.x this file also made the demo's tables: they are the demo's migrations now,
-- demo/server/migrations; a database migrated before keeps them, unused by the server.)
