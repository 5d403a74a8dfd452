// What the application is built from (injectable, so tests control the date and read the logs).
import type { HttpBindings } from '@hono/node-server';
import { type Catalog, type IsoDate, type Locale } from 'cassa/contract';
import type { Database } from '../db/database.ts';
import type { CustomerRecord } from '../accounts/accounts.ts';
import type { Seller } from '../invoices/seller.ts';
import type { ShiftableClock } from '../platform/clock.ts';

export interface Clock {
  /** Today's calendar date in Europe/Rome. */
  today(): IsoDate;
  /** The current instant (session expiry, rate-limit windows). */
  now(): Date;
}

/** One line per call; never bodies, tokens, emails, tax codes or passwords. */
export interface Logger {
  info(line: string): void;
  error(line: string): void;
}

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
  /** The seller on every invoice (CASSA_SELLER); the demo seller when absent. */
  seller?: Seller;
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
