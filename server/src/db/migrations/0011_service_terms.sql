-- A Certified Platform service's current terms, apart from its order's history. Buy more used to
-- rewrite the service's order (`addons`, `quote`) so that its renewal charged the grown term, and
-- the order then showed quantities and a total never charged for it. Now an order's own `addons`
-- and `quote` stay what it bought and was charged, and a grown service keeps its current add-on
-- quantities and its quote of one term (split payment included) here: two nullable columns on
-- the service's order rather than a table of the service's items, because a service IS its order
-- (`svc_<order id>`), every reader of a service already reads that row, and the terms are read
-- and written whole (the quote's lines and totals as the renewal charges them). NULL: the
-- service has not grown, its terms are the order's own (orders/orders.ts, `serviceTerms`).
ALTER TABLE orders ADD COLUMN service_addons jsonb;
ALTER TABLE orders ADD COLUMN service_quote jsonb;

-- Services grown before this migration: their rewritten terms become the service's…
UPDATE orders o SET service_addons = o.addons, service_quote = o.quote
 WHERE o.extends_order_id IS NULL
   AND EXISTS (SELECT 1 FROM orders a
                WHERE a.extends_order_id = o.id AND (a.paid_at IS NOT NULL OR a.status = 'active'));

-- …and the order's own are restored from what was never rewritten: its lines (order_lines) and
-- its total (total_cents). A term's renewal total is the term's total; under split payment the
-- payable amount is the taxable one.
UPDATE orders o SET
  addons = COALESCE(
    (SELECT jsonb_agg(jsonb_build_object('id', l.line_id, 'quantity', l.quantity) ORDER BY l.position)
       FROM order_lines l WHERE l.order_id = o.id AND l.line_id <> o.plan_id),
    '[]'::jsonb),
  quote = o.service_quote
    || jsonb_build_object(
         'lines',
         (SELECT jsonb_agg(jsonb_build_object('id', l.line_id, 'label', l.label,
                   'quantity', l.quantity, 'unitCents', l.unit_cents, 'amountCents', l.amount_cents)
                   ORDER BY l.position)
            FROM order_lines l WHERE l.order_id = o.id),
         'taxableCents', t.taxable,
         'vatCents', o.total_cents - t.taxable,
         'totalCents', o.total_cents,
         'renewal', (o.service_quote -> 'renewal') || jsonb_build_object('totalCents', o.total_cents))
    || CASE WHEN o.service_quote ->> 'splitPayment' = 'true'
         THEN jsonb_build_object('payableCents', t.taxable) ELSE '{}'::jsonb END
  FROM (SELECT order_id, SUM(amount_cents)::integer AS taxable FROM order_lines GROUP BY order_id) t
 WHERE t.order_id = o.id AND o.service_quote IS NOT NULL;
