-- The term a renewal payment waiting for the buyer's authentication charges: its quote (lines and
-- totals, split payment included) as priced when the bank asked, so that when the buyer pays it
-- the invoice bills exactly what is charged. A buy more on the service while the payment waits
-- re-prices it, amount and quote together (subscriptions/service-additions.ts), and closes the
-- provider page then shown (its one-time form token). NULL (asked before this migration): the
-- service's terms when it is paid, as before.
ALTER TABLE renewal_payments ADD COLUMN quote jsonb;
