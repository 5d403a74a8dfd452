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
//   CASSA_TODAY            Test-only: pretend today is this YYYY-MM-DD (Europe/Rome).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { parseCatalog, type Catalog } from '../../src/domain/catalog.ts';
import { isIsoDate } from '../../src/domain/dates.ts';
import { createApp } from './app.ts';
import { systemClock } from './clock.ts';
import type { Clock, Logger } from './context.ts';
import type { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';
import { loadSeller, type Seller } from './invoices/seller.ts';
import { batchedLogger } from './request-log.ts';
import { seedDemoAccounts } from './seed.ts';

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

function clockFromEnv(override: string | undefined): Clock {
  if (override !== undefined && !isIsoDate(override))
    fail(`Cassa: CASSA_TODAY must be YYYY-MM-DD, got ${override}`);
  return systemClock(override);
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
  const clock = clockFromEnv(env.CASSA_TODAY);
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

  const app = createApp({
    db,
    catalog,
    clock,
    portalSecret,
    allowedOrigins,
    demo,
    logger,
    seller,
    staticFiles: { distDir, pagesDir: resolve(ROOT, 'demo', 'pages') },
  });
  const server = serve({ fetch: app.fetch, port }, (info) => {
    console.log(`Cassa demo: http://localhost:${info.port}/`);
  });
  server.on('error', (error) => fail(`Cassa: cannot listen on port ${port}: ${error.message}`));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    server.close(async () => {
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
