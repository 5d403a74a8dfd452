// Login, registration, logout, and portal sessions (a trusted portal vouches for a member).
import { Hono } from 'hono';
import {
  LoginRequestSchema,
  PortalSessionRequestSchema,
  RegisterRequestSchema,
  ResumeSessionRequestSchema,
  normalizeHolder,
  validateHolder,
} from 'cassa/contract';
import {
  bearerToken,
  createCustomer,
  createSession,
  deleteSession,
  findCredentials,
  findCustomer,
  publicCustomer,
} from '../accounts/accounts.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { hashToken, needsRehash, secretsEqual, verifyPassword } from '../accounts/credentials.ts';
import type { Queryable } from '../db/database.ts';
import { DEFAULT_LOGIN_LIMITS, loginLimiter, usernameDigest } from '../accounts/login-limit.ts';
import { newPasswordError } from '../accounts/password-policy.ts';
import { registrationLimiter } from '../accounts/registration-limit.ts';
import { rehashPassword } from '../accounts/accounts.ts';
import { securityLog } from '../platform/security-log.ts';
import { clientAddress, NO_TRUSTED_PROXIES } from './client-address.ts';
import { queueEmail, registrationEmail } from '../notifications/outbox.ts';
import { invalidRequest, notFound, prefixed, Problem, unauthorized } from './problems.ts';
import { parseBody, readJson } from './request.ts';
import { takeSetupResume } from '../payments/method-setups.ts';

/**
 * An order's resume token: its customer, once, after a cancelled or refused payment; and after a
 * credit top-up from the customer area whatever its outcome (an order of no add-on that only loads
 * the credit: the area shows the new balance), never after a paid checkout order.
 */
async function takeOrderResume(
  tx: Queryable,
  orderId: string,
  resumeToken: string,
  now: Date,
): Promise<string | undefined> {
  const { rows } = await tx.query<{ customer_id: string }>(
    `UPDATE orders SET resume_session_at = $4
      WHERE id = $1 AND resume_token_hash = $2 AND resume_expires_at > $3
        AND resume_session_at IS NULL
        AND (status IN ('cancelled', 'refused') OR (top_up_cents > 0 AND addons = '[]'::jsonb))
      RETURNING customer_id`,
    [orderId, hashToken(resumeToken), now, now],
  );
  return rows[0]?.customer_id;
}

/** Usernames compare case-insensitively (they are email-like). */
export const normalizeUsername = (username: string) => username.trim().toLowerCase();

/** Mints a member session for an already-authenticated portal user (also used by /ordine.html). */
export async function mintPortalSession(
  db: Queryable,
  username: string,
  now: Date,
  barred: ReadonlySet<string> = new Set(),
) {
  if (barred.has(normalizeUsername(username))) return undefined;
  const credentials = await findCredentials(db, normalizeUsername(username));
  if (!credentials) return undefined;
  return createSession(db, credentials.customer.id, now);
}

export function authRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  const { db, clock, logger } = deps;
  const limiter = loginLimiter(db, { ...DEFAULT_LOGIN_LIMITS, ...deps.loginLimits });
  const registrations = deps.registrationLimit
    ? registrationLimiter(db, deps.registrationLimit)
    : undefined;

  routes.post('/v1/auth/login', async (c) => {
    const request = parseBody(LoginRequestSchema, await readJson(c));
    const username = normalizeUsername(request.username);
    const address = clientAddress(c, deps.trustedProxies ?? NO_TRUSTED_PROXIES);
    const user = usernameDigest(username);
    // The try is counted before the password is checked: concurrent tries cannot overtake it.
    const attempt = await limiter.attempt(username, address);
    if (!attempt.allowed) {
      securityLog(logger, {
        event: 'login.limited',
        scope: attempt.scope,
        user,
        address,
        retryAfterSeconds: attempt.retryAfterSeconds,
      });
      throw new Problem(429, 'rate-limited', 'Too many failed logins: wait and try again.', {
        headers: { 'Retry-After': String(attempt.retryAfterSeconds) },
      });
    }
    const credentials = deps.barredUsernames?.has(username)
      ? undefined
      : await findCredentials(db, username);
    if (!(await verifyPassword(request.password, credentials?.passwordHash)) || !credentials) {
      securityLog(logger, { event: 'login.failed', user, address });
      if (attempt.lockedNow) {
        securityLog(logger, {
          event: 'login.locked',
          user,
          address,
          windowSeconds: limiter.limits.windowSeconds,
        });
      }
      throw unauthorized('Wrong username or password.');
    }
    await attempt.succeeded();
    if (needsRehash(credentials.passwordHash)) {
      // Stored under older scrypt parameters: today's, now that the password is at hand.
      await rehashPassword(db, credentials.customer.id, request.password, credentials.passwordHash);
      securityLog(logger, { event: 'login.rehashed', user });
    }
    const token = await createSession(db, credentials.customer.id, clock.now());
    return c.json({ token, customer: publicCustomer(credentials.customer) });
  });

  routes.post('/v1/auth/register', async (c) => {
    const request = parseBody(RegisterRequestSchema, await readJson(c));
    // Normalised at the boundary with the widget's own code: stored as it will be invoiced.
    const holder = normalizeHolder(request.holder);
    const errors = prefixed('holder', validateHolder(holder).errors);
    const passwordError = await newPasswordError(request.password);
    if (passwordError) errors.unshift(passwordError);
    if (errors.length) throw invalidRequest(errors);
    if (registrations) {
      // Counted once the fields are valid, before the password is hashed and the email queued.
      const address = clientAddress(c, deps.trustedProxies ?? NO_TRUSTED_PROXIES);
      const wait = await registrations.take(address);
      if (wait > 0) {
        securityLog(logger, { event: 'registration.limited', address, retryAfterSeconds: wait });
        throw new Problem(429, 'rate-limited', 'Too many new accounts: wait and try again.', {
          headers: { 'Retry-After': String(wait) },
        });
      }
    }
    const now = clock.now();
    const locale = request.locale ?? c.get('locale');
    const result = await db.transaction(async (tx) => {
      const customer = await createCustomer(tx, {
        password: request.password,
        holder,
        now,
      });
      await queueEmail(tx, registrationEmail(customer.holder.email, customer.username, locale), {
        now,
      });
      return {
        token: await createSession(tx, customer.id, now),
        customer: publicCustomer(customer),
      };
    });
    return c.json(result, 201);
  });

  // Back from a cancelled or refused payment page: the return URL's resume token opens one session
  // for the order's customer, so the buyer chooses another method without logging in again. Back
  // from adding a payment method (`setupId`) or a credit top-up: the customer area continues
  // logged in. Once per token, while it is valid, never for a paid checkout order.
  routes.post('/v1/auth/resume', async (c) => {
    const request = parseBody(ResumeSessionRequestSchema, await readJson(c));
    const resumeToken = c.req.header('Cassa-Resume')?.trim();
    if (!resumeToken) throw unauthorized('A resume token is required.');
    if (!request.orderId === !request.setupId)
      throw invalidRequest([{ path: 'orderId', code: 'invalid' }], 'Name an order or a setup.');
    const now = clock.now();
    const result = await db.transaction(async (tx) => {
      const customerId = request.setupId
        ? await takeSetupResume(tx, request.setupId, resumeToken, now)
        : await takeOrderResume(tx, request.orderId!, resumeToken, now);
      const customer = customerId ? await findCustomer(tx, customerId) : undefined;
      if (!customer) return undefined;
      return {
        token: await createSession(tx, customer.id, now),
        customer: publicCustomer(customer),
      };
    });
    if (!result) throw unauthorized('Unknown, used or expired resume token.');
    return c.json(result);
  });

  routes.post('/v1/auth/logout', async (c) => {
    const token = bearerToken(c);
    if (!token) throw unauthorized();
    await deleteSession(db, token);
    return c.body(null, 204);
  });

  routes.post('/v1/portal/sessions', async (c) => {
    const secret = bearerToken(c);
    if (!secret || !secretsEqual(secret, deps.portalSecret))
      throw unauthorized('A valid portal secret is required.');
    const request = parseBody(PortalSessionRequestSchema, await readJson(c));
    const token = await mintPortalSession(db, request.username, clock.now(), deps.barredUsernames);
    if (!token) throw notFound('Unknown username.');
    return c.json({ token }, 201);
  });
  return routes;
}
