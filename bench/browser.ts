// Page-load measurements in one Chromium: each run opens a fresh browser context (cold cache,
// its own renderer), throttles the CPU 4× through CDP, loads one bench page and reads what
// bench/pages/probe.js recorded. Hosts other than 127.0.0.1/localhost fail at once (no DNS),
// so nothing leaves the machine and nothing waits on a network that is not there.
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../scripts/chromium.mjs';

/** The Chromium flags of TOOLCHAIN.md (Playwright adds `--headless` itself). */
export const CHROMIUM_FLAGS = [
  ...CHROMIUM_ARGS.filter((flag) => flag !== '--headless'),
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

export type PageId = 'blank' | 'lit' | 'cassa' | 'adyen' | 'overlay';

export interface PageCase {
  readonly id: PageId;
  readonly url: string;
}

export interface PageSample {
  /** ms from navigation start to interactive (the page's own `performance.now()` mark) */
  readonly interactiveMs: number;
  /** ms from the page's scripted Buy click to interactive (the overlay page), else undefined */
  readonly sinceClickMs?: number;
  /** V8 heap in use after a forced garbage collection, bytes */
  readonly heapBytes: number;
  readonly longTaskCount: number;
  readonly longTaskMs: number;
  /** requests to hosts other than this machine, refused by the resolver rules */
  readonly blockedRequests: number;
}

export interface PageRunOptions {
  readonly chromePath: string;
  readonly runs: number;
  readonly cpuThrottlingRate: number;
  /** where to save one screenshot per page (the last run's), for a human to look at */
  readonly screenshotDir?: string;
  readonly log: (line: string) => void;
}

export interface PageResults {
  readonly chromiumVersion: string;
  readonly samples: Record<PageId, PageSample[]>;
}

const INTERACTIVE_TIMEOUT_MS = 30_000;
/** Long tasks are counted until this long after the later of interactive and the last long task. */
const QUIET_MS = 1_000;
const SETTLE_CAP_MS = 5_000;

/** Runs every case `runs` times, rotating the order each round so no page always goes first. */
export async function measurePages(
  cases: readonly PageCase[],
  options: PageRunOptions,
): Promise<PageResults> {
  const browser = await chromium.launch({
    executablePath: options.chromePath,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  try {
    const samples = Object.fromEntries(cases.map((c) => [c.id, [] as PageSample[]])) as Record<
      PageId,
      PageSample[]
    >;
    for (let round = 0; round < options.runs; round++) {
      const order = cases.map((_, i) => cases[(i + round) % cases.length]!);
      if (round % 2 === 1) order.reverse();
      for (const pageCase of order) {
        const last = round === options.runs - 1;
        const sample = await measureOnce(browser, pageCase, {
          ...options,
          screenshot:
            last && options.screenshotDir
              ? `${options.screenshotDir}/${pageCase.id}.png`
              : undefined,
        });
        samples[pageCase.id].push(sample);
        options.log(
          `  run ${round + 1}/${options.runs} ${pageCase.id.padEnd(5)} ` +
            `interactive ${sample.interactiveMs.toFixed(0).padStart(5)} ms, ` +
            `heap ${(sample.heapBytes / 1048576).toFixed(2)} MiB, ` +
            `long tasks ${sample.longTaskCount} (${sample.longTaskMs.toFixed(0)} ms)`,
        );
      }
    }
    return { chromiumVersion: browser.version(), samples };
  } finally {
    await browser.close();
  }
}

interface ProbeState {
  interactiveAt: number | null;
  clickAt?: number;
  errors: string[];
  longTasks: { start: number; duration: number }[];
}

async function measureOnce(
  browser: Browser,
  pageCase: PageCase,
  options: PageRunOptions & { screenshot: string | undefined },
): Promise<PageSample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottlingRate });
    let blockedRequests = 0;
    const consoleErrors: string[] = [];
    page.on('requestfailed', (request) => {
      const { hostname } = new URL(request.url());
      if (hostname !== '127.0.0.1' && hostname !== 'localhost') blockedRequests++;
      else consoleErrors.push(`request failed: ${request.url()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));

    await page.goto(pageCase.url, { waitUntil: 'domcontentloaded' });
    const outcome = await Promise.race([
      page.evaluate(async () => {
        const bench = (window as unknown as { __bench: ProbeState & { done: Promise<void> } })
          .__bench;
        await bench.done;
        return { interactiveAt: bench.interactiveAt, clickAt: bench.clickAt, errors: bench.errors };
      }),
      new Promise<never>((_, reject) =>
        setTimeout(
          () =>
            reject(new Error(`${pageCase.id}: not interactive in ${INTERACTIVE_TIMEOUT_MS} ms`)),
          INTERACTIVE_TIMEOUT_MS,
        ),
      ),
    ]);
    if (outcome.interactiveAt === null || outcome.errors.length > 0) {
      throw new Error(
        `${pageCase.id}: page failed: ${[...outcome.errors, ...consoleErrors].join('; ')}`,
      );
    }

    // Let trailing work run, so long tasks just after the interactive mark are counted too.
    const probe = await page.evaluate(
      async ({ quietMs, capMs }) => {
        const bench = (window as unknown as { __bench: ProbeState }).__bench;
        const interactiveAt = bench.interactiveAt ?? 0;
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          const lastEnd = Math.max(
            interactiveAt,
            ...bench.longTasks.map((task) => task.start + task.duration),
          );
          const now = performance.now();
          if (now - lastEnd >= quietMs || now - interactiveAt >= capMs) break;
        }
        return { longTasks: bench.longTasks, errors: bench.errors };
      },
      { quietMs: QUIET_MS, capMs: SETTLE_CAP_MS },
    );
    if (probe.errors.length > 0) {
      throw new Error(`${pageCase.id}: page failed after interactive: ${probe.errors.join('; ')}`);
    }

    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    if (options.screenshot) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await page.screenshot({ path: options.screenshot, fullPage: true });
    }
    return {
      interactiveMs: outcome.interactiveAt,
      sinceClickMs:
        outcome.clickAt === undefined ? undefined : outcome.interactiveAt - outcome.clickAt,
      heapBytes: heap.usedSize,
      longTaskCount: probe.longTasks.length,
      longTaskMs: probe.longTasks.reduce((sum, task) => sum + task.duration, 0),
      blockedRequests,
    };
  } finally {
    await context.close();
  }
}
