-- Back from the provider's page after adding a payment method, the customer area continues
-- logged in: the setup's return URL carries a resume token (stored as a hash) that opens one
-- session for the setup's customer, as an order's does after a cancelled or refused payment.
ALTER TABLE payment_method_setups ADD COLUMN resume_token_hash text;
ALTER TABLE payment_method_setups ADD COLUMN resume_expires_at timestamptz;
ALTER TABLE payment_method_setups ADD COLUMN resume_session_at timestamptz;
