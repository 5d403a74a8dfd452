// What the application is built from (injectable, so tests control the date and read the logs).
import type { HttpBindings } from '@hono/node-server';
import { type Catalog, type Locale } from 'cassa/contract';
import type { Database } from '../db/database.ts';
import type { CustomerRecord } from '../accounts/accounts.ts';
import type { Seller } from '../invoices/seller.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import type { Clock, ShiftableClock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { RegistrationLimit } from '../accounts/registration-limit.ts';
import type { LoginLimits } from '../accounts/login-limit.ts';
import type { TrustedProxies } from './client-address.ts';

export type { Clock } from '../platform/clock.ts';
export type { Logger } from '../platform/logger.ts';

export interface StaticFiles {
  /** The built widget (`dist/`); may be missing before `npm run build`. */
  distDir: string;
  /** The demo host pages (`demo/pages/`). */
  pagesDir: string;
}

export interface AppDeps {
  db: Database;
  catalog: Catalog;
  clock: Clock;
  /** Shared secret of the member portal for `POST /v1/portal/sessions`. */
  portalSecret: string;
  /** Bearer secret of the operator endpoints (/v1/operator/*); unset, they answer 401. */
  operatorSecret?: string;
  /**
   * Demo mode: the movable clock (the same object as `clock`), for the operator's clock
   * endpoint and the demo pages' buttons. Absent, the clock cannot be moved.
   */
  shiftableClock?: ShiftableClock;
  /** The secret webhooks are signed with: the demo's own receiver (/webhooks) verifies with it. */
  webhookSecret?: string;
  /**
   * Origins allowed by CORS besides the server's own, and the only origins (with publicUrl's) a
   * `returnUrl` may lead to (CASSA_ALLOWED_ORIGINS).
   */
  allowedOrigins: readonly string[];
  /** The server's public base URL (CASSA_PUBLIC_URL); see publicOrigin. */
  publicUrl?: string;
  /** Demo mode: `/outbox`, `/api/dev/outbox` and the demo accounts exist. Never in production. */
  demo: boolean;
  logger: Logger;
  /**
   * How long an order request waits for another one holding the same Idempotency-Key before
   * answering 409 request-in-progress (PostgreSQL `lock_timeout`; default 5000 ms).
   */
  idempotencyWaitMs?: number;
  /** The seller on every invoice and in bank-transfer instructions (CASSA_SELLER). */
  seller: Seller;
  /** The payment provider the engines call (CASSA_PAYMENT_PROVIDER). */
  payments: PaymentProvider;
  /**
   * Usernames that may not sign in or get a portal session: the demo's accounts, when a
   * production process runs on a database that once ran the demo (accounts/demo-accounts.ts).
   */
  barredUsernames?: ReadonlySet<string>;
  /**
   * The customer area's address (`<cassa-account>`), absolute or a path on the server's origin
   * (CASSA_ACCOUNT_URL; the demo's `/area-clienti.html`): confirmation emails link it.
   */
  accountUrl?: string;
  /** Serves the widget and the demo pages outside `/api` when given. */
  staticFiles?: StaticFiles;
  /**
   * Proxies whose X-Forwarded-For is believed (CASSA_TRUSTED_PROXIES); none by default: the
   * client address is the socket's peer.
   */
  trustedProxies?: TrustedProxies;
  /** Login limits (tests shorten the window); DEFAULT_LOGIN_LIMITS by default. */
  loginLimits?: Partial<LoginLimits>;
  /**
   * New accounts per client address in a window (production: DEFAULT_REGISTRATION_LIMIT, or
   * CASSA_REGISTRATION_LIMIT_PER_ADDRESS); absent, registrations are not limited (the demo).
   */
  registrationLimit?: RegistrationLimit;
}

export type AppEnv = {
  Bindings: Partial<HttpBindings>;
  Variables: {
    customer: CustomerRecord | undefined;
    locale: Locale;
    /** What the request log names a served static file by (its path: a file that exists). */
    logRoute: string | undefined;
  };
};

/** The request's own origin as its Host header says (CORS's same-origin check only). */
export function requestOrigin(url: string): string {
  return new URL(url).origin;
}

/** Where this server is reached when CASSA_PUBLIC_URL is not given (the demo's default). */
export const DEFAULT_PUBLIC_URL = 'http://localhost:8080';

/**
 * The server's public origin, from configuration (CASSA_PUBLIC_URL), never from the request:
 * every link in an email, the payment page's address and the invoice copies' links use it, so
 * a request with a forged Host cannot point a buyer anywhere else.
 */
export function publicOrigin(deps: Pick<AppDeps, 'publicUrl'>): string {
  return new URL(deps.publicUrl ?? DEFAULT_PUBLIC_URL).origin;
}
