-- Electronic invoices (FatturaPA) of paid orders, their yearly numbering and the simulated
-- transmissions to SDI.

-- One row per year: the last invoice number given. Taking a number updates this row, so the
-- row stays locked until the order's transaction ends: every instance waits its turn, and a
-- rolled-back transaction gives its number back (no gaps, no repeats).
CREATE TABLE invoice_counters (
  year integer PRIMARY KEY,
  last_number integer NOT NULL CHECK (last_number > 0)
);

-- The file progressive (IT<PartitaIVA>_<progressive>.xml): unique, gaps allowed.
CREATE SEQUENCE invoice_file_seq;

CREATE TABLE invoices (
  id bigint PRIMARY KEY DEFAULT nextval('invoice_file_seq'),
  -- An invoice is a fiscal record: its order cannot be deleted under it.
  order_id text NOT NULL UNIQUE REFERENCES orders (id) ON DELETE RESTRICT,
  customer_id text NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  year integer NOT NULL,
  seq integer NOT NULL,
  number text NOT NULL UNIQUE,
  issued_on date NOT NULL,
  file_name text NOT NULL UNIQUE,
  total_cents integer NOT NULL CHECK (total_cents > 0),
  destination_kind text NOT NULL CHECK (destination_kind IN ('sdi', 'pec')),
  destination text NOT NULL,
  -- What the XML says, for the human-readable copy.
  document jsonb NOT NULL,
  xml text NOT NULL,
  -- SHA-256 of the capability token in the confirmation email's link to the copy.
  view_token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  UNIQUE (year, seq)
);
ALTER SEQUENCE invoice_file_seq OWNED BY invoices.id;
CREATE INDEX invoices_customer ON invoices (customer_id);

-- The simulated SDI channel: what would be sent, where, with the file attached.
CREATE TABLE sdi_transmissions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id bigint NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
  channel text NOT NULL CHECK (channel IN ('sdi', 'pec')),
  to_address text NOT NULL,
  file_name text NOT NULL,
  xml text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX sdi_transmissions_invoice ON sdi_transmissions (invoice_id);
