-- Strong customer authentication and merchant-initiated renewals (issue 23, items 1 and 2).

-- A renewal the bank answered "authentication required": the buyer has to come back and pay it
-- (renewal_payments) before the expiry; until then the order is 'action_required' and its
-- next_renewal_on is the expiry (when the renewal fails if still unpaid).
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_renewal_state_check;
ALTER TABLE orders ADD CONSTRAINT orders_renewal_state_check
  CHECK (renewal_state IN ('scheduled', 'retrying', 'action_required', 'renewal_failed'));
DROP INDEX IF EXISTS orders_renewal_due;
CREATE INDEX orders_renewal_due ON orders (next_renewal_on)
  WHERE renewal_state IN ('scheduled', 'retrying', 'action_required');

ALTER TABLE renewal_charges DROP CONSTRAINT IF EXISTS renewal_charges_outcome_check;
ALTER TABLE renewal_charges ADD CONSTRAINT renewal_charges_outcome_check
  CHECK (outcome IN ('approved', 'refused', 'authentication_required'));

-- The saved credential: when the buyer, at a customer-initiated first payment, agreed to the
-- merchant-initiated renewals (NULL: saved before this was recorded), and the card's expiry
-- (the last day of its month; NULL for PayPal or when the provider does not say).
ALTER TABLE payment_methods ADD COLUMN merchant_initiated_since timestamptz;
ALTER TABLE payment_methods ADD COLUMN card_expires_on date;
UPDATE payment_methods SET merchant_initiated_since = created_at;

-- A renewal's payment the buyer makes with strong authentication. The id is the capability of
-- the email's link (random, never listed to anyone but the customer); one per renewal cycle.
CREATE TABLE renewal_payments (
  id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  cycle_expires_on date NOT NULL,
  amount_cents integer NOT NULL CHECK (amount_cents >= 0),
  status text NOT NULL CHECK (status IN ('action_required', 'paid', 'expired')),
  -- The one-time token of the provider page's form now shown (see payments/attempts.ts).
  attempt_hash text,
  created_at timestamptz NOT NULL,
  completed_at timestamptz,
  UNIQUE (order_id, cycle_expires_on)
);

-- "Your card expires before the next charge": once per card and charge date.
CREATE TABLE card_expiry_notices (
  payment_method_id text NOT NULL REFERENCES payment_methods (id) ON DELETE CASCADE,
  charge_on date NOT NULL,
  order_id text REFERENCES orders (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (payment_method_id, charge_on)
);
