// End-to-end harness: builds the widget when needed, runs the demo server as a child process on a
// free port with a fresh database, drives Debian's Chromium through playwright-core, and offers
// the checks every scenario repeats (screenshots, axe, console errors, the outbox).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { startServerProcess } from '../hardening/server-process.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHOTS_DIR = join(ROOT, 'test-results/e2e');
export const PASSWORD = 'cassa-demo';

/**
 * How long a page action or an expected state may take before it counts as a hang. Playwright's
 * own default (30 s) and the former 10 s were reached by heavy pages on a loaded machine; waits
 * end as soon as the state is there, so a long bound costs nothing when all is well.
 */
export const WAIT_MS = 90_000;

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm run build` when `dist/cassa.js` is missing or older than a file under `src/`. */
export function ensureBuild(): void {
  const bundle = join(ROOT, 'dist/cassa.js');
  const stale =
    !existsSync(bundle) ||
    statSync(bundle).mtimeMs <
      Math.max(newestMtime(join(ROOT, 'src')), statSync(join(ROOT, 'package.json')).mtimeMs);
  if (!stale) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface OutboxEmail {
  id: string;
  kind: string;
  to: string;
  subject: string;
  body: string;
  orderId: string | null;
  createdAt: string;
}

export interface DemoServer {
  /** `http://localhost:<port>` */
  readonly url: string;
  /** The emails the server "sent", newest first. */
  outbox(): Promise<OutboxEmail[]>;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx demo/server/main.ts` on a free port with a fresh data directory and
 * waits for its "listening" line (minutes at most: see test/hardening/server-process.ts, which
 * prints everything the process said if it never comes).
 */
export async function startServer(env: Record<string, string> = {}): Promise<DemoServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cassa-e2e-'));
  const proc = await startServerProcess(
    {
      CASSA_DATA_DIR: dataDir,
      CASSA_PORTAL_SECRET: 'e2e-portal-secret',
      NODE_ENV: 'development',
      DATABASE_URL: '',
      ...env,
    },
    { inheritEnv: true },
  ).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const url = `http://localhost:${proc.port}`;
  return {
    url,
    async outbox() {
      const response = await fetch(`${url}/api/dev/outbox`);
      if (!response.ok) throw new Error(`GET /api/dev/outbox answered ${response.status}`);
      return (await response.json()) as OutboxEmail[];
    },
    async stop() {
      if (proc.child.exitCode === null && proc.child.signalCode === null) {
        proc.child.kill('SIGTERM');
        // A hang guard only: a clean stop takes well under a second.
        const killer = setTimeout(() => proc.child.kill('SIGKILL'), 60_000);
        await proc.exited;
        clearTimeout(killer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
}

/** What a page said that a buyer should never cause: uncaught errors and CSP reports. */
export interface PageProblems {
  pageErrors: string[];
  cspViolations: string[];
  consoleErrors: string[];
}

/** Nothing went wrong in the page: no uncaught error, no CSP violation. */
export function assertClean(problems: PageProblems): void {
  assert.deepEqual(problems.pageErrors, [], 'uncaught errors in the page');
  assert.deepEqual(problems.cspViolations, [], 'CSP violations');
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

export interface E2E {
  readonly server: DemoServer;
  readonly browser: Browser;
  /** A fresh browser context (own storage) with one page. */
  open(path: string, options?: { width?: number; height?: number }): Promise<Tab>;
}

/**
 * Registers `before`/`after` hooks for one test file: build if needed, one server with a fresh
 * database, one browser. Contexts opened with `open` are closed in `after` too.
 */
export function useE2E(): E2E {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  before(async () => {
    ensureBuild();
    mkdirSync(SHOTS_DIR, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      if (!server) throw new Error('the server is not started (use inside a test)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched (use inside a test)');
      return browser;
    },
    async open(path, { width = 1280, height = 900 } = {}) {
      if (!browser || !server) throw new Error('useE2E hooks have not run');
      const context = await browser.newContext({
        viewport: { width, height },
        baseURL: server.url,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
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
      await page.goto(path);
      return { context, page, problems };
    },
  };
}

/** Saves a screenshot under test-results/e2e/ (the whole page, or what the viewport shows). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage });
}

/** Runs axe (WCAG 2.0–2.2 A/AA) on the page, shadow roots included; throws on any violation. */
export async function expectAccessible(page: Page, where: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  if (violations.length > 0) {
    const report = violations
      .map(
        (v) =>
          `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes
            .slice(0, 5)
            .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`)
            .join('\n')}`,
      )
      .join('\n');
    throw new Error(`axe found ${violations.length} violation(s) on ${where}:\n${report}`);
  }
}

/** Polls `check` until it holds (the widget re-renders asynchronously after each action). */
export async function until(
  check: () => Promise<boolean>,
  what = 'the expected state',
  timeoutMs = WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}
