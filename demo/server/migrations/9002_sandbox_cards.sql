-- The sandbox's test cards (README "Test cards") replace its refuse switch: a refused renewal is
-- shown with the card that is refused for insufficient funds on renewal.
ALTER TABLE payment_methods DROP COLUMN IF EXISTS refuses_charges;

-- A card payment waiting for the sandbox's 3-D Secure-like challenge: the card as it will be
-- saved once the buyer approves (never its number).
CREATE TABLE IF NOT EXISTS sandbox_challenges (
  order_id text PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  label text NOT NULL,
  card_expires_on date,
  created_at timestamptz NOT NULL
);
