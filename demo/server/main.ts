// The demo process (`npm start`): widget, demo pages and reference backend on one port.
//
// Environment:
//   PORT                   HTTP port (default 8080).
//   CASSA_DATA_DIR         PGlite data folder (default .cassa-data/); unused with DATABASE_URL.
//   DATABASE_URL           PostgreSQL connection string; when set, a real server replaces PGlite.
//                          Several processes may share one database.
//   CASSA_CATALOG          Catalog JSON file (default demo/catalog.json), validated at start.
//   CASSA_ALLOWED_ORIGINS  Comma-separated origins allowed by CORS besides the server's own
//                          (default in demo mode: http://localhost:<PORT>).
//   CASSA_PORTAL_SECRET    Bearer secret of POST /api/v1/portal/sessions (random when unset).
//   NODE_ENV               `production` turns demo mode off: no /outbox, no /api/dev/outbox,
//                          no demo accounts.
//   CASSA_SELLER           JSON file of the seller on invoices (default: the demo seller,
//                          Cassa Demo S.r.l.), validated at start.
//   CASSA_OPERATOR_SECRET  Bearer secret of /api/v1/operator/* (received payments, renewals, the
//                          demo clock, webhook deliveries; random when unset).
//   CASSA_WEBHOOK_URL      Where signed webhooks are POSTed. Demo mode default: this server's
//                          own receiver, /webhooks/receiver. Unset in production: events are
//                          kept in webhook_events and not sent.
//   CASSA_WEBHOOK_SECRET   `whsec_…` Standard Webhooks secret (required with CASSA_WEBHOOK_URL in
//                          production; random in demo mode when unset).
//   CASSA_WEBHOOK_MAX_ATTEMPTS, CASSA_WEBHOOK_BACKOFF_MS, CASSA_WEBHOOK_TIMEOUT_MS,
//   CASSA_WEBHOOK_POLL_MS  Delivery tuning (defaults 10 attempts, 30 000 ms doubling up to 6 h,
//                          10 000 ms, 1000 ms).
//   CASSA_SCHEDULER        `off`: no renewal scheduler in this process (pg-boss not started).
//   CASSA_NOW              Demo/test only: the clock starts at this ISO instant and runs on.
//   CASSA_TODAY            Test-only: pretend today is this YYYY-MM-DD (Europe/Rome).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { parseCatalog, type Catalog } from '../../src/domain/catalog.ts';
import { isIsoDate } from '../../src/domain/dates.ts';
import { createDemoApp } from './app.ts';
import { startAfterSale } from '../../server/src/jobs/after-sale.ts';
import { ShiftableClock, systemClock } from '../../server/src/platform/clock.ts';
import type { Clock, Logger } from '../../server/src/http/context.ts';
import type { Database } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { openPglite } from '../../server/src/db/pglite.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { loadSeller, type Seller } from '../../server/src/invoices/seller.ts';
import { batchedLogger } from '../../server/src/http/request-log.ts';
import { seedDemoAccounts } from './seed.ts';
import {
  DEFAULT_WEBHOOK_CONFIG,
  newWebhookSecret,
  type WebhookConfig,
} from '../../server/src/webhooks/webhooks.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function loadCatalog(path: string): Catalog {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(
      `Cassa: cannot read the catalog ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const result = parseCatalog(input);
  if (!result.ok)
    fail(`Cassa: invalid catalog ${path}: field ${result.path || '(root)'}: ${result.message}`);
  return result.catalog;
}

function clockFromEnv(env: NodeJS.ProcessEnv, demo: boolean): Clock {
  const override = env.CASSA_TODAY;
  if (override !== undefined && !isIsoDate(override))
    fail(`Cassa: CASSA_TODAY must be YYYY-MM-DD, got ${override}`);
  const start = env.CASSA_NOW ? new Date(env.CASSA_NOW) : undefined;
  if (start && Number.isNaN(start.getTime()))
    fail(`Cassa: CASSA_NOW must be an ISO date and time, got ${env.CASSA_NOW}`);
  if (start && !demo) fail('Cassa: CASSA_NOW is for demo mode and tests only');
  // Demo mode: a clock the operator can move forward (shared by every instance).
  if (demo) {
    return new ShiftableClock({
      ...(start ? { start } : {}),
      ...(override !== undefined ? { fixedToday: override } : {}),
    });
  }
  return systemClock(override);
}

function positiveFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) fail(`Cassa: ${name} must be a positive integer`);
  return value;
}

function webhookConfig(env: NodeJS.ProcessEnv, demo: boolean, port: number) {
  const url = env.CASSA_WEBHOOK_URL || (demo ? `http://localhost:${port}/webhooks/receiver` : '');
  const secret = env.CASSA_WEBHOOK_SECRET || (demo ? newWebhookSecret() : '');
  if (url && !/^https?:\/\//.test(url)) fail('Cassa: CASSA_WEBHOOK_URL must be an http(s) URL');
  if (url && !secret) fail('Cassa: CASSA_WEBHOOK_URL needs CASSA_WEBHOOK_SECRET (whsec_…)');
  if (secret && !/^whsec_[A-Za-z0-9+/=]{16,}$/.test(secret))
    fail('Cassa: CASSA_WEBHOOK_SECRET must be whsec_ followed by base64');
  const config: WebhookConfig | undefined = url
    ? {
        url,
        secret,
        maxAttempts: positiveFromEnv(
          'CASSA_WEBHOOK_MAX_ATTEMPTS',
          DEFAULT_WEBHOOK_CONFIG.maxAttempts,
        ),
        backoffMs: positiveFromEnv('CASSA_WEBHOOK_BACKOFF_MS', DEFAULT_WEBHOOK_CONFIG.backoffMs),
        maxBackoffMs: DEFAULT_WEBHOOK_CONFIG.maxBackoffMs,
        timeoutMs: positiveFromEnv('CASSA_WEBHOOK_TIMEOUT_MS', DEFAULT_WEBHOOK_CONFIG.timeoutMs),
      }
    : undefined;
  return { config, secret };
}

async function openDatabase(env: NodeJS.ProcessEnv): Promise<Database> {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  const dataDir = resolve(env.CASSA_DATA_DIR ?? resolve(ROOT, '.cassa-data'));
  mkdirSync(dataDir, { recursive: true });
  return openPglite({ dataDir });
}

async function main() {
  const env = process.env;
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    fail(`Cassa: PORT must be a port number, got ${env.PORT}`);
  const demo = env.NODE_ENV !== 'production';
  const catalog = loadCatalog(resolve(env.CASSA_CATALOG ?? resolve(ROOT, 'demo', 'catalog.json')));
  const clock = clockFromEnv(env, demo);
  const shiftableClock = clock instanceof ShiftableClock ? clock : undefined;
  let seller: Seller;
  try {
    seller = loadSeller(env.CASSA_SELLER);
  } catch (error) {
    fail(
      `Cassa: invalid seller ${env.CASSA_SELLER}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // One line per request: batched per event-loop turn, so a busy server does not make a
  // write (a system call) per request.
  const logger: Logger = batchedLogger(process.stdout, process.stderr);
  const allowedOrigins = (env.CASSA_ALLOWED_ORIGINS ?? (demo ? `http://localhost:${port}` : ''))
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean);
  const portalSecret = env.CASSA_PORTAL_SECRET || randomBytes(32).toString('base64url');
  if (!env.CASSA_PORTAL_SECRET)
    logger.info('CASSA_PORTAL_SECRET unset: a random portal secret was generated');
  const operatorSecret = env.CASSA_OPERATOR_SECRET || randomBytes(32).toString('base64url');
  if (!env.CASSA_OPERATOR_SECRET)
    logger.info('CASSA_OPERATOR_SECRET unset: a random operator secret was generated');
  const webhooks = webhookConfig(env, demo, port);
  if (!webhooks.config) logger.info('CASSA_WEBHOOK_URL unset: webhooks are recorded, not sent');

  const distDir = resolve(ROOT, 'dist');
  if (!existsSync(resolve(distDir, 'cassa.js'))) {
    logger.error(
      'dist/cassa.js not found: run `npm run build` first; the widget is not served until then',
    );
  }

  const db = await openDatabase(env);
  try {
    const applied = await migrate(db);
    if (applied.length) logger.info(`database migrated: ${applied.join(', ')}`);
    if (demo && (await seedDemoAccounts(db, clock))) logger.info('demo accounts created');
  } catch (error) {
    await db.close().catch(() => undefined);
    fail(
      `Cassa: cannot prepare the database: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const app = createDemoApp({
    db,
    catalog,
    clock,
    portalSecret,
    operatorSecret,
    ...(shiftableClock ? { shiftableClock } : {}),
    ...(webhooks.secret ? { webhookSecret: webhooks.secret } : {}),
    allowedOrigins,
    demo,
    logger,
    seller,
    staticFiles: { distDir, pagesDir: resolve(ROOT, 'demo', 'pages') },
  });
  await shiftableClock?.load(db);
  const server = serve({ fetch: app.fetch, port }, (info) => {
    console.log(`Cassa demo: http://localhost:${info.port}/`);
  });
  // The background work (webhook delivery, the renewal scheduler) starts once the server
  // listens: pg-boss preparing its schema does not hold the first requests up.
  const afterSale = startAfterSale({
    db,
    catalog,
    clock,
    ...(shiftableClock ? { shiftableClock } : {}),
    logger,
    ...(webhooks.config ? { webhooks: webhooks.config } : {}),
    webhookPollMs: positiveFromEnv('CASSA_WEBHOOK_POLL_MS', 1000),
    scheduler: env.CASSA_SCHEDULER !== 'off',
  });
  server.on('error', (error) => fail(`Cassa: cannot listen on port ${port}: ${error.message}`));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    server.close(async () => {
      await (await afterSale).stop().catch(() => undefined);
      await db.close();
      process.exit(0);
    });
    // Keep-alive connections would hold close() open: end them.
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

await main();
