-- The demo's own tables, applied after the server's migrations in demo mode only (never by a
-- production process). IF NOT EXISTS: a database migrated by an older version has them already.

-- The sandbox provider's refuse switch (/outbox "Refuse charges"): a saved card that the provider
-- now refuses (an expired or blocked card).
ALTER TABLE payment_methods ADD COLUMN IF NOT EXISTS refuses_charges boolean NOT NULL DEFAULT false;

-- What the demo's own webhook receiver (/webhooks) got, and whether the signature held.
CREATE TABLE IF NOT EXISTS demo_webhook_receipts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id text NOT NULL,
  type text,
  verified boolean NOT NULL,
  payload text NOT NULL,
  received_at timestamptz NOT NULL
);

-- The demo's accounts (the seed's, with their published password): a production process on a
-- database that ran the demo lets none of them sign in (server/src/accounts/demo-accounts.ts).
CREATE TABLE IF NOT EXISTS demo_accounts (
  customer_id text PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE
);
