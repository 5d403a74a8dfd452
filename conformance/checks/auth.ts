// Login, portal sessions, registration, the caller's profile, and the failed-login rate limit.
import {
  AuthResponseSchema,
  CustomerSchema,
  PaymentMethodsSchema,
  PortalSessionResponseSchema,
  SubscriptionsSchema,
  type RegisterRequest,
} from '../../src/api/schemas.ts';
import type { Holder } from '../../src/domain/types.ts';
import type { Buyer, ConformanceContext } from '../context.ts';
import type { BackendClient } from '../http.ts';
import { expectFieldErrors, expectProblem, expectRetryAfter } from '../problem.ts';
import {
  ensure,
  expectJson,
  expectShape,
  expectStatus,
  fail,
  notApplicable,
  skip,
  type Check,
} from '../runner.ts';

type C = ConformanceContext;

/** Registry data that passes the Italian checks (DESIGN 1.5); the addresses are not real. */
export const TEST_HOLDERS: Record<'professional' | 'private', Holder> = {
  professional: {
    type: 'professional',
    name: 'Giulia Bianchi (conformance test)',
    vatNumber: '09876543217',
    taxCode: 'BNCGLI85M41L219Q',
    address: {
      street: 'Corso Buenos Aires 22',
      postalCode: '20124',
      city: 'Milano',
      province: 'MI',
      country: 'IT',
    },
    email: 'conformance@example.invalid',
    eInvoice: { sdiCode: 'KRRH6B9' },
  },
  private: {
    type: 'private',
    name: 'Luca Verdi (conformance test)',
    taxCode: 'VRDLCU90A01H501I',
    address: {
      street: 'Via Appia Nuova 5',
      postalCode: '00183',
      city: 'Roma',
      province: 'RM',
      country: 'IT',
    },
    email: 'conformance@example.invalid',
    eInvoice: { sdiCode: '0000000' },
  },
};

export const TEST_PASSWORD = 'conformance-test-password';

/** Registers a throwaway account; the caller has checked that writing is allowed. */
export async function register(
  client: BackendClient,
  holder: Holder,
  what: string,
): Promise<Buyer> {
  const request: RegisterRequest = { password: TEST_PASSWORD, holder };
  const reply = await client.request('POST', 'v1/auth/register', { json: request });
  expectStatus(reply, [200, 201], what);
  expectJson(reply, what);
  const auth = expectShape(AuthResponseSchema, reply.json, `${what}: the answer`);
  ensure(
    auth.customer.holder.type === holder.type,
    `${what}: the customer's type is "${auth.customer.holder.type}", expected "${holder.type}"`,
  );
  return { token: auth.token, via: 'registration', username: auth.customer.username };
}

const noWrites = (context: C) => {
  if (context.options.readOnly) skip('--read-only: creates no accounts');
};

export const authChecks: Check<C>[] = [
  {
    id: 'login-wrong-password',
    area: 'accounts',
    title: 'a wrong username or password is a 401 problem',
    async run(context) {
      const reply = await context.client.request('POST', 'v1/auth/login', {
        json: {
          username: `conformance-${context.runId}@example.invalid`,
          password: 'not-the-password',
        },
      });
      expectProblem(reply, 401, 'unauthorized', 'POST /v1/auth/login with an unknown username');
    },
  },
  {
    id: 'login',
    area: 'accounts',
    setup: true,
    title: 'POST /v1/auth/login answers { token, customer } for the test account',
    async run(context) {
      const { username, password } = context.options;
      if (!username || !password)
        notApplicable(
          'no --username/--password given: "login-registered" logs in to the account the kit registers instead',
        );
      const reply = await context.client.request('POST', 'v1/auth/login', {
        json: { username, password },
      });
      expectStatus(reply, 200, `POST /v1/auth/login as ${username}`);
      expectJson(reply, 'the login answer');
      const auth = expectShape(AuthResponseSchema, reply.json, 'the login answer');
      context.buyer ??= { token: auth.token, via: 'login' };
    },
  },
  {
    id: 'portal-session',
    area: 'accounts',
    setup: true,
    title: 'POST /v1/portal/sessions mints a session with the portal secret, refuses a wrong one',
    async run(context) {
      const { username, portalSecret } = context.options;
      if (!portalSecret)
        notApplicable(
          'no --portal-secret given (portal sessions are for a member portal’s server; pass it if you have one)',
        );
      if (!username) skip('--portal-secret needs --username (the account to mint a session for)');
      const wrong = await context.client.request('POST', 'v1/portal/sessions', {
        json: { username },
        token: `${portalSecret}-wrong`,
        fromServer: true,
      });
      expectProblem(wrong, 401, 'unauthorized', 'POST /v1/portal/sessions with a wrong secret');
      const reply = await context.client.request('POST', 'v1/portal/sessions', {
        json: { username },
        token: portalSecret,
        fromServer: true,
      });
      expectStatus(reply, [200, 201], `POST /v1/portal/sessions for ${username}`);
      expectJson(reply, 'the portal session');
      const session = expectShape(PortalSessionResponseSchema, reply.json, 'the portal session');
      context.buyer ??= { token: session.token, via: 'portal session' };
    },
  },
  {
    id: 'register',
    area: 'accounts',
    setup: true,
    title: 'POST /v1/auth/register creates an account and answers { token, customer }',
    async run(context) {
      noWrites(context);
      const buyer = await register(
        context.client,
        TEST_HOLDERS.professional,
        'POST /v1/auth/register',
      );
      context.buyer ??= buyer;
      context.otherBuyer = buyer === context.buyer ? undefined : buyer;
    },
  },
  {
    id: 'login-registered',
    area: 'accounts',
    title: 'the account just registered logs in with its username and password',
    async run(context) {
      noWrites(context);
      const registered = context.otherBuyer ?? context.buyer;
      if (registered?.via !== 'registration' || !registered.username)
        skip('needs the account of "register"');
      const reply = await context.client.request('POST', 'v1/auth/login', {
        json: { username: registered.username, password: TEST_PASSWORD },
      });
      expectStatus(reply, 200, `POST /v1/auth/login as ${registered.username}`);
      expectJson(reply, 'the login answer');
      const auth = expectShape(AuthResponseSchema, reply.json, 'the login answer');
      ensure(
        auth.customer.username === registered.username,
        `the login answered customer "${auth.customer.username}", not "${registered.username}"`,
      );
    },
  },
  {
    id: 'register-invalid',
    area: 'accounts',
    title: 'registration data breaking an Italian check is a 422 at "holder.vatNumber"',
    async run(context) {
      const holder = { ...TEST_HOLDERS.professional, vatNumber: '09876543210' };
      const reply = await context.client.request('POST', 'v1/auth/register', {
        json: { password: TEST_PASSWORD, holder },
      });
      if (reply.status >= 200 && reply.status < 300) {
        fail(
          'POST /v1/auth/register accepted the Partita IVA 09876543210, whose check digit is wrong (an account was created)',
        );
      }
      expectFieldErrors(
        reply,
        ['holder.vatNumber'],
        'POST /v1/auth/register with a wrong Partita IVA',
        ['invalid-request', 'invalid-selection'],
      );
    },
  },
  {
    id: 'me',
    area: 'accounts',
    title: 'GET /v1/me, /v1/me/payment-methods and /v1/me/subscriptions answer for the session',
    async run(context) {
      if (!context.buyer)
        skip('no session: pass --username/--password or --portal-secret, or drop --read-only');
      const token = context.buyer.token;
      const me = await context.client.request('GET', 'v1/me', { token });
      expectStatus(me, 200, `GET /v1/me (session from ${context.buyer.via})`);
      expectShape(CustomerSchema, me.json, 'GET /v1/me');
      const methods = await context.client.request('GET', 'v1/me/payment-methods', { token });
      expectStatus(methods, 200, 'GET /v1/me/payment-methods');
      expectShape(PaymentMethodsSchema, methods.json, 'GET /v1/me/payment-methods');
      const subscriptions = await context.client.request('GET', 'v1/me/subscriptions', { token });
      expectStatus(subscriptions, 200, 'GET /v1/me/subscriptions');
      expectShape(SubscriptionsSchema, subscriptions.json, 'GET /v1/me/subscriptions');
    },
  },
  {
    id: 'me-unauthorized',
    area: 'accounts',
    title: 'GET /v1/me without a token, or with a forged one, is a 401 problem',
    async run(context) {
      const none = await context.client.request('GET', 'v1/me');
      expectProblem(none, 401, 'unauthorized', 'GET /v1/me without Authorization');
      const forged = await context.client.request('GET', 'v1/me', {
        token: `forged-${context.runId}`,
      });
      expectProblem(forged, 401, 'unauthorized', 'GET /v1/me with a forged bearer token');
    },
  },
  {
    id: 'login-rate-limit',
    area: 'accounts',
    title: 'more than 10 failed logins for a username are a 429 problem with Retry-After',
    async run(context) {
      const username = `conformance-limit-${context.runId}@example.invalid`;
      for (let attempt = 1; attempt <= 12; attempt++) {
        context.client.exchanges = [];
        const reply = await context.client.request('POST', 'v1/auth/login', {
          json: { username, password: `wrong-${attempt}` },
        });
        if (attempt <= 10) {
          if (reply.status === 429)
            fail(`failed login ${attempt} was already refused with 429 (the contract allows 10)`);
          expectProblem(reply, 401, 'unauthorized', `failed login ${attempt} of 10`);
          continue;
        }
        if (reply.status === 401 && attempt < 12) continue;
        expectProblem(reply, 429, 'rate-limited', `failed login ${attempt} (after 10 failures)`);
        const seconds = expectRetryAfter(reply, `the 429 of login ${attempt}`);
        ensure(seconds > 0, `the 429's Retry-After is ${seconds}: it should say how long to wait`);
        return;
      }
    },
  },
  {
    id: 'logout',
    area: 'accounts',
    title: 'POST /v1/auth/logout ends the session: its token is then a 401',
    async run(context) {
      const { username, password } = context.options;
      let token: string;
      if (username && password) {
        const reply = await context.client.request('POST', 'v1/auth/login', {
          json: { username, password },
        });
        expectStatus(reply, 200, `POST /v1/auth/login as ${username} (a session to end)`);
        token = expectShape(AuthResponseSchema, reply.json, 'the login answer').token;
      } else if (username && context.options.portalSecret) {
        const reply = await context.client.request('POST', 'v1/portal/sessions', {
          json: { username },
          token: context.options.portalSecret,
          fromServer: true,
        });
        expectStatus(
          reply,
          [200, 201],
          `POST /v1/portal/sessions for ${username} (a session to end)`,
        );
        token = expectShape(PortalSessionResponseSchema, reply.json, 'the portal session').token;
      } else {
        noWrites(context);
        token = (
          await register(context.client, TEST_HOLDERS.professional, 'POST /v1/auth/register')
        ).token;
      }
      const reply = await context.client.request('POST', 'v1/auth/logout', { token });
      ensure(
        reply.status >= 200 && reply.status < 300,
        `POST /v1/auth/logout: expected a 2xx answer, received HTTP ${reply.status}`,
      );
      const after = await context.client.request('GET', 'v1/me', { token });
      expectProblem(after, 401, 'unauthorized', 'GET /v1/me with the token of the ended session');
    },
  },
];
