// Shared by the hardening end-to-end files (test/e2e/hardening-*.test.ts): the demo server started
// with its own environment (a data folder the test can open afterwards, a catalog of payloads),
// pages that record XSS calls and CSP violations from their very first script, and a look into
// the server's database once it has stopped.
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openPglite } from '../../server/src/db/pglite.ts';
import {
  SHOTS_DIR,
  ensureBuild,
  launchBrowser,
  startServer,
  WAIT_MS,
  type DemoServer,
  type PageProblems,
} from './harness.ts';

export interface HardeningTab {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

export interface HardeningE2E {
  readonly server: DemoServer;
  readonly browser: Browser;
  /** The server's PGlite folder (kept after `stopServer`, removed when the file ends). */
  readonly dataDir: string;
  /** A fresh browser context; `pages` > 1 opens more tabs in it (shared localStorage). */
  context(): Promise<BrowserContext>;
  /** A page in `context` (a new context when omitted) that records problems, at `path`. */
  open(path: string, context?: BrowserContext): Promise<HardeningTab>;
  /** Stops the server early (to read its database). */
  stopServer(): Promise<void>;
}

/** Defines `window.__xss` (records payload numbers) and keeps every CSP violation in the page. */
const PAGE_TRAPS = `
  window.__xssCalls = [];
  window.__xss = (n) => window.__xssCalls.push(n);
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline')), true);
  // tsx keeps function names with a __name helper; functions sent to the page may use it.
  window.__name = (f) => f;
`;

function watch(page: Page): PageProblems {
  const problems: PageProblems = { pageErrors: [], cspViolations: [], consoleErrors: [] };
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Content Security Policy|Trusted Type|CSP violation/i.test(text)) {
      problems.cspViolations.push(text);
    } else {
      problems.consoleErrors.push(text);
    }
  });
  return problems;
}

/** Like `useE2E`, with the server's environment in the test's hands. */
export function useHardeningE2E(env: () => Record<string, string> = () => ({})): HardeningE2E {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  let dataDir = '';
  const contexts: BrowserContext[] = [];

  before(async () => {
    ensureBuild();
    mkdirSync(SHOTS_DIR, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), 'cassa-hardening-'));
    server = await startServer({ CASSA_DATA_DIR: dataDir, ...env() });
    browser = await launchBrowser();
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const api: HardeningE2E = {
    get server() {
      if (!server) throw new Error('the server is not started');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched');
      return browser;
    },
    get dataDir() {
      return dataDir;
    },
    async context() {
      const context = await api.browser.newContext({
        viewport: { width: 1280, height: 900 },
        baseURL: api.server.url,
      });
      await context.addInitScript(PAGE_TRAPS);
      contexts.push(context);
      return context;
    },
    async open(path, context) {
      const page = await (context ?? (await api.context())).newPage();
      page.setDefaultTimeout(WAIT_MS);
      const problems = watch(page);
      await page.goto(path);
      return { context: page.context(), page, problems };
    },
    async stopServer() {
      await server?.stop();
    },
  };
  return api;
}

/** Payload numbers that ran in the page and CSP violations it saw (since its last load). */
export async function pageTraps(page: Page): Promise<{ xss: number[]; violations: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __xssCalls: number[]; __violations: string[] };
    return { xss: [...w.__xssCalls], violations: [...w.__violations] };
  });
}

/** Rows of the stopped server's database (PGlite folder `dataDir`). */
export async function queryStopped<Row>(dataDir: string, sql: string): Promise<Row[]> {
  const db = await openPglite({ dataDir });
  try {
    return (await db.query<Row>(sql)).rows;
  } finally {
    await db.close();
  }
}
