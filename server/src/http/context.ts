// What the application is built from (injectable, so tests control the date and read the logs).
import type { HttpBindings } from '@hono/node-server';
import { type Catalog, type Locale } from 'cassa/contract';
import type { Database } from '../db/database.ts';
import type { CustomerRecord } from '../accounts/accounts.ts';
import type { Seller } from '../invoices/seller.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import type { Clock, ShiftableClock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';

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
  /** Origins allowed by CORS besides the server's own. */
  allowedOrigins: readonly string[];
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
  /** Serves the widget and the demo pages outside `/api` when given. */
  staticFiles?: StaticFiles;
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

/** The server's public origin as the request saw it (`http://localhost:8080`). */
export function requestOrigin(url: string): string {
  return new URL(url).origin;
}
