-- Accounts, sessions, saved payment methods, subscriptions (PEC mailboxes), orders,
-- idempotency keys, the outbox of emails and failed logins (rate limiting).

CREATE TABLE app_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE customers (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  -- scrypt$N$r$p$salt$hash (base64url)
  password_hash text NOT NULL,
  holder jsonb NOT NULL,
  credit_cents integer NOT NULL DEFAULT 0 CHECK (credit_cents >= 0),
  created_at timestamptz NOT NULL
);

CREATE TABLE sessions (
  -- SHA-256 of the bearer token (base64url): the token itself is never stored.
  token_hash text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_customer ON sessions (customer_id);

CREATE TABLE payment_methods (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('card', 'paypal')),
  label text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX payment_methods_customer ON payment_methods (customer_id);

CREATE TABLE subscriptions (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  product_id text NOT NULL,
  label text NOT NULL,
  expires_on date NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX subscriptions_customer ON subscriptions (customer_id);

CREATE SEQUENCE order_number_seq;

CREATE TABLE orders (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,
  customer_id text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN
    ('pending_payment', 'paid', 'awaiting_payment', 'active', 'refused', 'cancelled')),
  product_id text NOT NULL,
  plan_id text NOT NULL,
  years integer NOT NULL,
  addons jsonb NOT NULL,
  subscription_id text REFERENCES subscriptions (id),
  payment_method text NOT NULL,
  saved_payment_method_id text,
  total_cents integer NOT NULL CHECK (total_cents >= 0),
  currency text NOT NULL,
  top_up_cents integer CHECK (top_up_cents >= 0),
  auto_renew boolean NOT NULL,
  free_until date,
  renewal_charge_date date,
  holder jsonb NOT NULL,
  quote jsonb NOT NULL,
  instructions jsonb,
  return_url text,
  -- The payment provider's page of a pending card or PayPal payment.
  payment_url text,
  locale text NOT NULL,
  -- SHA-256 of the resume token handed to returnUrl after the payment page.
  resume_token_hash text,
  resume_expires_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_id);

CREATE TABLE order_lines (
  order_id text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  position integer NOT NULL,
  line_id text NOT NULL,
  label text NOT NULL,
  quantity integer NOT NULL,
  unit_cents integer NOT NULL,
  amount_cents integer NOT NULL,
  PRIMARY KEY (order_id, position)
);

-- Add-ons attached to a subscription (PEC mailbox), ending with it.
CREATE TABLE subscription_addons (
  subscription_id text NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  order_id text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  addon_id text NOT NULL,
  quantity integer NOT NULL,
  expires_on date NOT NULL,
  free_until date,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (order_id, addon_id)
);
CREATE INDEX subscription_addons_subscription ON subscription_addons (subscription_id);

-- One row per (customer, key): a second request with the key blocks on this unique index
-- until the first one's transaction ends, then replays its stored response.
CREATE TABLE idempotency_keys (
  customer_id text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  key text NOT NULL,
  request_hash text NOT NULL,
  response_status integer NOT NULL,
  response_body jsonb NOT NULL,
  order_id text REFERENCES orders (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, key)
);

CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  order_id text REFERENCES orders (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE login_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL,
  client_ip text NOT NULL,
  failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_username ON login_failures (username, failed_at);
