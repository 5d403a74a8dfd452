// The demo process (`npm start`): widget, demo pages and the reference server on one port, on an
// embedded database, with the sandbox payment provider. It starts the server
// (server/src/start.ts) with the demo's pieces: the sandbox provider, the demo's catalog and
// seller as defaults, the demo's tables and accounts, and its pages.
//
// The server's variables (README "Configuration") all apply. Outside production the demo fills in:
//   CASSA_CATALOG          demo/catalog.json
//   CASSA_SELLER           the demo seller, Cassa Demo S.r.l. (demo/server/seller.ts)
//   CASSA_PAYMENT_PROVIDER sandbox (demo/server/sandbox/)
//   CASSA_DATA_DIR         .cassa-data/ at the repository root
//   CASSA_WEBHOOK_URL      this server's own receiver, /webhooks/receiver
//   CASSA_ACCOUNT_URL      the demo's customer area, /area-clienti.html (in confirmation emails)
// With NODE_ENV=production nothing of the demo is served or made: no demo pages, /outbox,
// /webhooks, /api/dev/*, demo accounts or /ordine.html session; the sandbox only with
// CASSA_ALLOW_TEST_PROVIDER=yes (its pages then, and nothing else).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from '../../server/src/start.ts';
import { demoMounts } from './app.ts';
import { sandboxProvider } from './sandbox/provider.ts';
import { seedDemoAccounts } from './seed.ts';
import { DEMO_SELLER } from './seller.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const distDir = resolve(ROOT, 'dist');

await startServer({
  providers: { sandbox: sandboxProvider },
  defaults: {
    catalogPath: resolve(ROOT, 'demo', 'catalog.json'),
    dataDir: resolve(ROOT, '.cassa-data'),
    paymentProvider: 'sandbox',
    webhookUrl: (port) => `http://localhost:${port}/webhooks/receiver`,
    accountUrl: '/area-clienti.html',
  },
  defaultSeller: DEMO_SELLER,
  async prepareDatabase({ db, clock, logger, config }) {
    if (config.production) return;
    if (!existsSync(resolve(distDir, 'cassa.js'))) {
      logger.error(
        'dist/cassa.js not found: run `npm run build` first; the widget is not served until then',
      );
    }
    if (await seedDemoAccounts(db, clock)) logger.info('demo accounts created');
  },
  mounts: (deps, config) =>
    demoMounts(deps, {
      production: config.production,
      sandbox: config.paymentProvider === 'sandbox',
      staticFiles: { distDir, pagesDir: resolve(ROOT, 'demo', 'pages') },
    }),
  banner: (port) => `Cassa demo: http://localhost:${port}/`,
});
