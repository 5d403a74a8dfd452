-- Issue 24, second part: buy more on a service, the invoice copy link, adding a payment method.
-- Buy more on a Certified Platform service (issue 24): an order that adds users or storage to
-- an active service names the service's own order. It has no term of its own (expires_on stays
-- NULL): once paid, the service's quantities grow and its expiry does not move.
ALTER TABLE orders ADD COLUMN extends_order_id text REFERENCES orders (id);
CREATE INDEX orders_extends ON orders (extends_order_id) WHERE extends_order_id IS NOT NULL;

-- The customer area's readable invoice copy: a link minted on the buyer's click (with their
-- session), valid a few minutes, stored as a hash only. The confirmation email's link is the
-- invoice's own view token; this one is short-lived because it is opened from a browser tab.
CREATE TABLE invoice_copy_links (
  token_hash text PRIMARY KEY,
  invoice_id bigint NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX invoice_copy_links_expiry ON invoice_copy_links (expires_at);

-- Adding a payment method from the customer area (POST /v1/me/payment-methods): the buyer enters
-- a card or PayPal account on the provider's page, nothing is charged, the method is saved on
-- the way back. One row per attempt; the page's one-time form token is kept as a hash.
CREATE TABLE payment_method_setups (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('card', 'paypal')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'saved', 'refused', 'cancelled')),
  return_url text NOT NULL,
  locale text NOT NULL,
  payment_method_id text REFERENCES payment_methods (id) ON DELETE SET NULL,
  attempt_hash text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX payment_method_setups_customer ON payment_method_setups (customer_id);
