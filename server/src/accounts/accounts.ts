// Customers and their sessions: lookup by username, bearer-token authentication, registration.
import { randomInt, randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { type Customer, type Holder } from 'cassa/contract';
import { hashPassword, hashToken, newToken } from './credentials.ts';
import type { Queryable } from '../db/database.ts';
import { unauthorized } from '../http/problems.ts';

/** Sessions last 12 hours. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface CustomerRecord {
  id: string;
  username: string;
  holder: Holder;
  creditCents: number;
}

interface CustomerRow {
  id: string;
  username: string;
  holder: Holder;
  credit_cents: number;
  password_hash: string;
}

const toRecord = (row: CustomerRow): CustomerRecord => ({
  id: row.id,
  username: row.username,
  holder: row.holder,
  creditCents: row.credit_cents,
});

export function publicCustomer(customer: CustomerRecord): Customer {
  return { id: customer.id, username: customer.username, holder: customer.holder };
}

export async function findCredentials(db: Queryable, username: string) {
  const { rows } = await db.query<CustomerRow>(
    'SELECT id, username, holder, credit_cents, password_hash FROM customers WHERE username = $1',
    [username],
  );
  const row = rows[0];
  return row ? { customer: toRecord(row), passwordHash: row.password_hash } : undefined;
}

export async function findCustomer(db: Queryable, id: string): Promise<CustomerRecord | undefined> {
  const { rows } = await db.query<CustomerRow>(
    'SELECT id, username, holder, credit_cents FROM customers WHERE id = $1',
    [id],
  );
  return rows[0] && toRecord(rows[0]);
}

/** Opens a session: the token is returned once and only its hash is stored. */
export async function createSession(db: Queryable, customerId: string, now: Date): Promise<string> {
  const token = newToken();
  await db.query(
    'INSERT INTO sessions (token_hash, customer_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
    [hashToken(token), customerId, now, new Date(now.getTime() + SESSION_TTL_MS)],
  );
  return token;
}

export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  const match = header ? /^Bearer\s+([A-Za-z0-9._~+/=-]{1,512})\s*$/i.exec(header) : null;
  return match?.[1];
}

/** The customer of a live session, or undefined (missing, expired, forged or revoked token). */
export async function authenticate(
  db: Queryable,
  token: string | undefined,
  now: Date,
): Promise<CustomerRecord | undefined> {
  if (!token) return undefined;
  const { rows } = await db.query<CustomerRow>(
    `SELECT c.id, c.username, c.holder, c.credit_cents
       FROM sessions s JOIN customers c ON c.id = s.customer_id
      WHERE s.token_hash = $1 AND s.expires_at > $2`,
    [hashToken(token), now],
  );
  return rows[0] && toRecord(rows[0]);
}

export async function requireCustomer(
  db: Queryable,
  c: Context,
  now: Date,
): Promise<CustomerRecord> {
  const customer = await authenticate(db, bearerToken(c), now);
  if (!customer) throw unauthorized();
  return customer;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

/** A new username like `1234567@aruba.it`: 7 random digits, unique (retried on collision). */
export async function createCustomer(
  db: Queryable,
  input: { password: string; holder: Holder; now: Date; username?: string; creditCents?: number },
): Promise<CustomerRecord> {
  const passwordHash = await hashPassword(input.password);
  for (let attempt = 0; attempt < 20; attempt++) {
    const username = input.username ?? `${randomInt(1_000_000, 10_000_000)}@aruba.it`;
    const id = randomUUID();
    const { rows } = await db.query<CustomerRow>(
      `INSERT INTO customers (id, username, password_hash, holder, credit_cents, created_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT (username) DO NOTHING
       RETURNING id, username, holder, credit_cents`,
      [id, username, passwordHash, JSON.stringify(input.holder), input.creditCents ?? 0, input.now],
    );
    if (rows[0]) return toRecord(rows[0]);
    if (input.username) throw new Error('username already taken');
  }
  throw new Error('could not allocate a username');
}

/**
 * Replaces a password's hash with one at today's parameters (after a login with the right
 * password under older ones), unless it changed meanwhile.
 */
export async function rehashPassword(
  db: Queryable,
  customerId: string,
  password: string,
  previousHash: string,
): Promise<void> {
  await db.query('UPDATE customers SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [
    customerId,
    previousHash,
    await hashPassword(password),
  ]);
}
