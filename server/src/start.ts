// Starting the server as a process: configuration checked whole (platform/config.ts), the
// catalog, the seller and the payment provider loaded, the database opened and migrated, the app
// served, the background work started, SIGINT/SIGTERM handled. The server alone (main.ts) and the
// demo (demo/server/main.ts) both start through here; a seller's own entry does the same with its
// payment provider: `startServer({ providers: { nexi: () => nexiProvider(…) } })`.
import { mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { parseCatalog, type Catalog } from 'cassa/contract';
import { barDemoAccounts } from './accounts/demo-accounts.ts';
import { DEFAULT_REGISTRATION_LIMIT } from './accounts/registration-limit.ts';
import type { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';
import { createApp, type AppMounts } from './http/app.ts';
import type { AppDeps } from './http/context.ts';
import { batchedLogger } from './http/request-log.ts';
import { trustedProxies } from './http/client-address.ts';
import { loadSellerFile, type Seller } from './invoices/seller.ts';
import { startAfterSale } from './jobs/after-sale.ts';
import { BUILT_IN_PROVIDERS, type ProviderRegistry } from './payments/provider.ts';
import { ShiftableClock, systemClock, type Clock } from './platform/clock.ts';
import {
  ConfigError,
  readConfig,
  type ConfigDefaults,
  type ServerConfig,
} from './platform/config.ts';
import type { Logger } from './platform/logger.ts';
import { DEFAULT_WEBHOOK_CONFIG, newWebhookSecret } from './webhooks/webhooks.ts';

export interface StartOptions {
  /** Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Payment providers by CASSA_PAYMENT_PROVIDER name, besides the built-in `none`. A provider
   * whose `test` is true (the sandbox) is refused in production unless allowed explicitly.
   */
  providers?: ProviderRegistry;
  /** Outside production: what stands in for unset variables (the demo's catalog…). */
  defaults?: ConfigDefaults;
  /** Outside production: the seller when CASSA_SELLER is unset (the demo seller). */
  defaultSeller?: Seller;
  /** After the server's migrations (the demo: its own tables and accounts). */
  prepareDatabase?(context: PrepareContext): Promise<void>;
  /** Sub-apps mounted next to the API (a provider's pages, a site). */
  mounts?(deps: AppDeps, config: ServerConfig): AppMounts;
  /** The line printed once the server listens (tests and scripts wait for it). */
  banner?(port: number): string;
}

export interface PrepareContext {
  db: Database;
  clock: Clock;
  logger: Logger;
  config: ServerConfig;
}

function fail(lines: string | readonly string[]): never {
  for (const line of typeof lines === 'string' ? [lines] : lines) console.error(line);
  process.exit(1);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function loadCatalog(path: string): Catalog {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(`Cassa: cannot read the catalog ${path}: ${message(error)}`);
  }
  const result = parseCatalog(input);
  if (!result.ok)
    fail(`Cassa: invalid catalog ${path}: field ${result.path || '(root)'}: ${result.message}`);
  return result.catalog;
}

/** The seller can take what the catalog sells: a bank transfer needs an IBAN, a slip an account. */
function sellerProblems(catalog: Catalog, seller: Seller, source: string): string[] {
  const methods = new Set(catalog.products.flatMap((p) => p.paymentMethods));
  const problems: string[] = [];
  if (methods.has('bank_transfer') && !seller.iban)
    problems.push(`Cassa: ${source}: iban is required (the catalog sells by bank transfer)`);
  if (methods.has('postal_slip') && !seller.postalAccount)
    problems.push(`Cassa: ${source}: postalAccount is required (the catalog sells by postal slip)`);
  return problems;
}

function clockFrom(config: ServerConfig): Clock {
  // Outside production: a clock the operator can move forward (shared by every instance).
  if (!config.production) {
    return new ShiftableClock({
      ...(config.now ? { start: config.now } : {}),
      ...(config.today !== undefined ? { fixedToday: config.today } : {}),
    });
  }
  return systemClock(config.today);
}

async function openDatabase(config: ServerConfig): Promise<Database> {
  if ('url' in config.database) return openPostgres(config.database.url);
  const dataDir = resolve(config.database.dataDir);
  mkdirSync(dataDir, { recursive: true });
  return openPglite({ dataDir });
}

export interface RunningServer {
  port: number;
  config: ServerConfig;
  /** Stops serving, the background work and the database. */
  stop(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const registry: ProviderRegistry = { ...BUILT_IN_PROVIDERS, ...options.providers };
  const providers = Object.fromEntries(
    Object.entries(registry).map(([name, make]) => [name, make()]),
  );
  let config: ServerConfig;
  try {
    config = readConfig(
      env,
      {
        all: Object.keys(providers),
        test: Object.keys(providers).filter((name) => providers[name]!.test),
      },
      options.defaults,
    );
  } catch (error) {
    if (error instanceof ConfigError) fail(error.problems);
    throw error;
  }
  const catalog = loadCatalog(resolve(config.catalogPath));
  let seller: Seller;
  if (config.sellerPath) {
    try {
      seller = loadSellerFile(config.sellerPath);
    } catch (error) {
      fail(`Cassa: invalid seller ${config.sellerPath}: ${message(error)}`);
    }
  } else if (options.defaultSeller && !config.production) {
    seller = options.defaultSeller;
  } else {
    fail('Cassa: CASSA_SELLER: required (a JSON file of the seller on invoices)');
  }
  const sellerIssues = sellerProblems(catalog, seller, config.sellerPath ?? 'the seller');
  if (sellerIssues.length) fail(sellerIssues);
  const payments = providers[config.paymentProvider]!;

  const clock = clockFrom(config);
  const shiftableClock = clock instanceof ShiftableClock ? clock : undefined;
  // One line per request: batched per event-loop turn, so a busy server does not make a
  // write (a system call) per request.
  const logger: Logger = batchedLogger(process.stdout, process.stderr);
  if (payments.test && config.production) {
    logger.error(
      `WARNING: the test payment provider ${payments.id} runs with NODE_ENV=production (CASSA_ALLOW_TEST_PROVIDER=yes): its test cards are taken as payments`,
    );
  }
  const portalSecret = config.portalSecret ?? randomBytes(32).toString('base64url');
  if (!config.portalSecret)
    logger.info('CASSA_PORTAL_SECRET unset: a random portal secret was generated');
  const operatorSecret = config.operatorSecret ?? randomBytes(32).toString('base64url');
  if (!config.operatorSecret)
    logger.info('CASSA_OPERATOR_SECRET unset: a random operator secret was generated');
  const webhookSecret =
    config.webhooks.secret ?? (config.production ? undefined : newWebhookSecret());
  const webhooks =
    config.webhooks.url && webhookSecret
      ? {
          url: config.webhooks.url,
          secret: webhookSecret,
          maxAttempts: config.webhooks.maxAttempts ?? DEFAULT_WEBHOOK_CONFIG.maxAttempts,
          backoffMs: config.webhooks.backoffMs ?? DEFAULT_WEBHOOK_CONFIG.backoffMs,
          maxBackoffMs: DEFAULT_WEBHOOK_CONFIG.maxBackoffMs,
          timeoutMs: config.webhooks.timeoutMs ?? DEFAULT_WEBHOOK_CONFIG.timeoutMs,
        }
      : undefined;
  if (!webhooks) logger.info('CASSA_WEBHOOK_URL unset: webhooks are recorded, not sent');

  const db = await openDatabase(config);
  let barredUsernames: ReadonlySet<string> = new Set();
  try {
    const applied = await migrate(db);
    if (applied.length) logger.info(`database migrated: ${applied.join(', ')}`);
    await options.prepareDatabase?.({ db, clock, logger, config });
    if (config.production) {
      barredUsernames = await barDemoAccounts(db);
      if (barredUsernames.size)
        logger.info(`demo accounts barred: ${barredUsernames.size} (the database ran the demo)`);
    }
  } catch (error) {
    await db.close().catch(() => undefined);
    fail(`Cassa: cannot prepare the database: ${message(error)}`);
  }

  const deps: AppDeps = {
    db,
    catalog,
    clock,
    portalSecret,
    operatorSecret,
    ...(shiftableClock ? { shiftableClock } : {}),
    ...(webhookSecret ? { webhookSecret } : {}),
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl,
    trustedProxies: trustedProxies(config.trustedProxies),
    ...(config.loginLimitPerAddress
      ? { loginLimits: { perAddress: config.loginLimitPerAddress } }
      : {}),
    // Production limits new accounts per client address; the demo only when asked to.
    ...(config.production || config.registrationLimitPerAddress
      ? {
          registrationLimit: {
            ...DEFAULT_REGISTRATION_LIMIT,
            ...(config.registrationLimitPerAddress
              ? { perAddress: config.registrationLimitPerAddress }
              : {}),
          },
        }
      : {}),
    demo: !config.production,
    logger,
    seller,
    payments,
    barredUsernames,
  };
  // The customer area's address, linked from confirmation emails (absolute, or a path here).
  if (config.accountUrl) deps.accountUrl = config.accountUrl;
  const app = createApp(deps, options.mounts?.(deps, config) ?? {});
  await shiftableClock?.load(db);
  const banner = options.banner ?? ((port: number) => `Cassa server: http://localhost:${port}/`);
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    console.log(banner(info.port));
  });
  // The background work (webhook delivery, the renewal scheduler) starts once the server
  // listens: pg-boss preparing its schema does not hold the first requests up.
  const afterSale = startAfterSale({
    db,
    catalog,
    clock,
    ...(shiftableClock ? { shiftableClock } : {}),
    logger,
    payments,
    seller,
    publicUrl: config.publicUrl,
    ...(deps.accountUrl ? { accountUrl: deps.accountUrl } : {}),
    ...(webhooks ? { webhooks } : {}),
    webhookPollMs: config.webhooks.pollMs,
    scheduler: config.scheduler,
  });
  server.on('error', (error) =>
    fail(`Cassa: cannot listen on port ${config.port}: ${error.message}`),
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= new Promise<void>((done) => {
      server.close(async () => {
        await (await afterSale).stop().catch(() => undefined);
        await db.close();
        done();
      });
      // Keep-alive connections would hold close() open: end them.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      logger.info(`${signal}: stopping`);
      void stop().then(() => process.exit(0));
    });
  }
  return { port: config.port, config, stop };
}
