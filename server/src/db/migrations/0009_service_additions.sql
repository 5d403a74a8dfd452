-- Buy more on a Certified Platform service (issue 24): an order that adds users or storage to
-- an active service names the service's own order. It has no term of its own (expires_on stays
-- NULL): once paid, the service's quantities grow and its expiry does not move.
ALTER TABLE orders ADD COLUMN extends_order_id text REFERENCES orders (id);
CREATE INDEX orders_extends ON orders (extends_order_id) WHERE extends_order_id IS NOT NULL;
