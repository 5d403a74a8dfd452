// Turns the samples into the tables `npm run bench` prints and writes to bench/results/latest.md:
// ratios to Adyen first, then absolute medians, the server table and the targets.
import type { BundleInfo } from './bundle.ts';
import type { PageId, PageSample } from './browser.ts';
import type { ThroughputResult } from './throughput.ts';

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly chromium: string;
  readonly loadBefore: string;
  readonly loadAfter: string;
  readonly commit: string;
}

export interface ServerRun {
  /** e.g. `PGlite` or `PostgreSQL 15.18 (…)` */
  readonly database: string;
  readonly results?: readonly ThroughputResult[];
  readonly skipped?: string;
}

export interface BenchReport {
  readonly startedAt: Date;
  readonly elapsedS: number;
  readonly machine: MachineInfo;
  readonly cpuThrottlingRate: number;
  readonly runs: number;
  readonly bundles: Partial<Record<PageId, BundleInfo>>;
  /** Every file of the drop-in, gzip (`npm run size`'s "all"). */
  readonly cassaAllGzipBytes?: number;
  readonly pages?: Record<PageId, PageSample[]>;
  readonly server: readonly ServerRun[];
  readonly serverDurationS: number;
  readonly serverWarmupS: number;
  readonly failures: readonly string[];
}

export const TARGETS = {
  /** Issue 21: the plans page's initial download (Italian) and everything a purchase loads, gzip. */
  initialGzipBytes: 30 * 1024,
  allGzipBytes: 68 * 1024,
  ttiRatio: 0.3,
  heapRatio: 0.45,
  longTasks: 2,
  /** The overlay's Buy click to its first step interactive (after `Cassa.preload()`), ÷ Adyen's TTI. */
  overlayRatio: 0.35,
  quoteShareOfTrivial: 0.5,
  quoteP99Ms: 20,
  quoteConnections: 200,
} as const;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface PageMedians {
  readonly interactiveMs: number;
  readonly heapBytes: number;
  readonly longTaskCount: number;
  readonly longTaskMs: number;
  readonly blockedRequests: number;
  readonly maxLongTaskCount: number;
}

function medians(samples: readonly PageSample[]): PageMedians {
  return {
    interactiveMs: median(samples.map((s) => s.interactiveMs)),
    heapBytes: median(samples.map((s) => s.heapBytes)),
    longTaskCount: median(samples.map((s) => s.longTaskCount)),
    longTaskMs: median(samples.map((s) => s.longTaskMs)),
    blockedRequests: median(samples.map((s) => s.blockedRequests)),
    maxLongTaskCount: Math.max(...samples.map((s) => s.longTaskCount)),
  };
}

const PAGE_LABELS: Record<PageId, string> = {
  adyen: 'Adyen Web Drop-in (card, PayPal, bank transfer)',
  cassa: 'Cassa `<cassa-checkout>` (Certified Platform)',
  lit: 'plain Lit form (floor)',
  blank: 'blank host page',
  overlay: 'Cassa `Cassa.open()` from a Buy button (overlay)',
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mib = (bytes: number) => (bytes / 1048576).toFixed(2);
const ratio = (value: number, base: number) =>
  Number.isFinite(value / base) && base > 0 ? `${(value / base).toFixed(2)}×` : 'n/a';
const met = (ok: boolean) => (ok ? 'met' : '**missed**');

interface Target {
  readonly name: string;
  readonly figure: string;
  readonly ok: boolean | undefined;
}

/** The whole report as Markdown (printed as is, and written to bench/results/latest.md). */
export function renderReport(report: BenchReport): string {
  const out: string[] = [];
  const m = report.machine;
  out.push('# Cassa performance bench (`npm run bench`)', '');
  out.push(
    `Run ${report.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC at commit ` +
      `\`${m.commit}\`, ${report.elapsedS.toFixed(0)} s in all.`,
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB; Node ${m.node}; ` +
      `Chromium ${m.chromium}. Load average (1, 5, 15 min) before: ${m.loadBefore}; after: ${m.loadAfter}.`,
    '',
  );

  const targets: Target[] = [];
  const cassaBundle = report.bundles.cassa;
  targets.push(
    {
      name: `Cassa initial download (first step interactive) ≤ ${kb(TARGETS.initialGzipBytes)} gzip`,
      figure: cassaBundle ? kb(cassaBundle.gzipBytes) : 'not built',
      ok: cassaBundle ? cassaBundle.gzipBytes <= TARGETS.initialGzipBytes : undefined,
    },
    {
      name: `Cassa, every file of a purchase in both languages ≤ ${kb(TARGETS.allGzipBytes)} gzip`,
      figure: report.cassaAllGzipBytes ? kb(report.cassaAllGzipBytes) : 'not built',
      ok: report.cassaAllGzipBytes ? report.cassaAllGzipBytes <= TARGETS.allGzipBytes : undefined,
    },
  );

  if (report.pages) {
    const med = Object.fromEntries(
      Object.entries(report.pages).map(([id, samples]) => [id, medians(samples)]),
    ) as Record<PageId, PageMedians>;
    const blank = med.blank;
    const net = (id: PageId) => ({
      interactiveMs: med[id].interactiveMs - blank.interactiveMs,
      heapBytes: med[id].heapBytes - blank.heapBytes,
    });
    const adyen = net('adyen');
    out.push(
      `## Page load: Chromium, ${report.cpuThrottlingRate}× CPU throttling, median of ${report.runs} runs`,
      '',
      'Ratios to Adyen Web Drop-in; time and heap are net of the blank host page.',
      '',
      '| measure | Cassa ÷ Adyen | plain Lit ÷ Adyen |',
      '|---|---|---|',
    );
    const ratioRow = (name: string, pick: (id: PageId) => number) =>
      `| ${name} | ${ratio(pick('cassa'), pick('adyen'))} | ${ratio(pick('lit'), pick('adyen'))} |`;
    out.push(
      ratioRow('time to interactive', (id) => net(id).interactiveMs),
      ratioRow('JS heap after mount', (id) => net(id).heapBytes),
      ratioRow('long tasks, total duration', (id) => med[id].longTaskMs),
      ratioRow('long tasks, count', (id) => med[id].longTaskCount),
      ratioRow('JS + CSS, min + gzip', (id) => report.bundles[id]?.gzipBytes ?? Number.NaN),
      '',
      'Absolute medians:',
      '',
      '| page | interactive, ms | net of blank, ms | JS heap, MiB | net of blank, MiB | long tasks | long tasks, ms | JS + CSS gzip | external requests refused |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const id of ['adyen', 'cassa', 'lit', 'blank'] as const) {
      if (!med[id]) continue;
      const row = med[id];
      const n = net(id);
      const bundle = report.bundles[id];
      out.push(
        `| ${PAGE_LABELS[id]} | ${row.interactiveMs.toFixed(0)} | ${id === 'blank' ? '—' : n.interactiveMs.toFixed(0)} ` +
          `| ${mib(row.heapBytes)} | ${id === 'blank' ? '—' : mib(n.heapBytes)} ` +
          `| ${row.longTaskCount} (max ${row.maxLongTaskCount}) | ${row.longTaskMs.toFixed(0)} ` +
          `| ${bundle ? kb(bundle.gzipBytes) : '—'} | ${row.blockedRequests} |`,
      );
    }
    out.push(
      '',
      'Interactive: Cassa = `cassa-ready` fired and the plan picker rendered (catalog fetched from ' +
        'the reference server); Adyen = the Drop-in `onReady` and its three payment methods ' +
        'listed (paymentMethods response fetched from the bench server); Lit = first render ' +
        'committed; blank = its one script ran. Long tasks are counted from navigation start ' +
        'until 1 s passes without one after the interactive mark (5 s at most). Heap = ' +
        '`Runtime.getHeapUsage` after two forced GCs.',
      '',
    );
    const overlay = report.pages.overlay;
    if (overlay?.length) {
      const sinceClick = median(overlay.map((s) => s.sinceClickMs ?? Number.NaN));
      const row = medians(overlay);
      out.push(
        `Overlay page (${PAGE_LABELS.overlay}): from the Buy click, made by the page once loaded and \`Cassa.preload()\` done, ` +
          `to the dialog's first step interactive: **${sinceClick.toFixed(0)} ms** (median); ` +
          `interactive ${row.interactiveMs.toFixed(0)} ms after navigation start, JS heap ` +
          `${mib(row.heapBytes)} MiB, long tasks ${row.longTaskCount} (max ${row.maxLongTaskCount}), ` +
          `${row.longTaskMs.toFixed(0)} ms.`,
        '',
      );
    }
    const cassa = net('cassa');
    targets.push(
      {
        name: `Cassa time to interactive ≤ ${TARGETS.ttiRatio}× Adyen's (net of blank)`,
        figure: `${ratio(cassa.interactiveMs, adyen.interactiveMs)} (${cassa.interactiveMs.toFixed(0)} ms vs ${adyen.interactiveMs.toFixed(0)} ms)`,
        ok: cassa.interactiveMs <= TARGETS.ttiRatio * adyen.interactiveMs,
      },
      {
        name: `Cassa heap growth ≤ ${TARGETS.heapRatio}× Adyen's`,
        figure: `${ratio(cassa.heapBytes, adyen.heapBytes)} (${mib(cassa.heapBytes)} MiB vs ${mib(adyen.heapBytes)} MiB)`,
        ok: cassa.heapBytes <= TARGETS.heapRatio * adyen.heapBytes,
      },
      {
        name: `Cassa: at most ${TARGETS.longTasks} long tasks`,
        figure: `median ${med.cassa.longTaskCount} (max ${med.cassa.maxLongTaskCount}), ${med.cassa.longTaskMs.toFixed(0)} ms; Adyen ${med.adyen.longTaskCount}, ${med.adyen.longTaskMs.toFixed(0)} ms`,
        ok: med.cassa.longTaskCount <= TARGETS.longTasks,
      },
    );
    if (overlay?.length) {
      const sinceClick = median(overlay.map((s) => s.sinceClickMs ?? Number.NaN));
      targets.push({
        name: `Overlay: Buy click to first step interactive (after \`Cassa.preload()\`) ≤ ${TARGETS.overlayRatio}× Adyen's time to interactive`,
        figure: `${ratio(sinceClick, adyen.interactiveMs)} (${sinceClick.toFixed(0)} ms vs ${adyen.interactiveMs.toFixed(0)} ms)`,
        ok: sinceClick <= TARGETS.overlayRatio * adyen.interactiveMs,
      });
    }
  } else {
    out.push('## Page load', '', 'Not measured in this run.', '');
  }

  out.push(
    `## Server throughput: autocannon on loopback, ${report.serverDurationS} s per case after a ${report.serverWarmupS} s warm-up`,
    '',
    'The first row is the ceiling: one route of a bare Hono app (bench/hono-floor.ts), no ' +
      'middleware, same runtime. For each database the base of the ratio is ' +
      '`GET /api/v1/products/certified-platform` of the reference server (it has no health route). ' +
      'Quote: Certified Platform base + 4 users + 50 external users + 10 GB. Order: the same, ' +
      `as \`${'1234567@aruba.it'}\`, bank transfer, a new \`Idempotency-Key\` per request.`,
    '',
    '| database | endpoint | connections | req/s | ÷ base req/s | p50, ms | p99, ms | requests | non-2xx / errors / timeouts |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const run of report.server) {
    if (!run.results) {
      out.push(`| ${run.database} | skipped: ${run.skipped ?? 'not run'} | | | | | | | |`);
      targets.push({
        name: `quote targets on ${run.database}`,
        figure: `skipped: ${run.skipped ?? 'not run'}`,
        ok: undefined,
      });
      continue;
    }
    const base = run.results.find((r) => r.id === 'trivial');
    for (const r of run.results) {
      out.push(
        `| ${run.database} | \`${r.label}\` | ${r.connections} | ${r.rps.toFixed(0)} | ` +
          `${base ? ratio(r.rps, base.rps) : 'n/a'} | ${r.p50Ms} | ${r.p99Ms} | ${r.requests} | ` +
          `${r.failures === 0 ? '0' : `**FAIL** ${r.failureDetail}`} |`,
      );
    }
    const quote = run.results.find((r) => r.id === 'quote');
    if (quote && base) {
      targets.push(
        {
          name: `${run.database}: quote throughput ≥ ${TARGETS.quoteShareOfTrivial * 100}% of the base's`,
          figure: `${((quote.rps / base.rps) * 100).toFixed(0)}% (${quote.rps.toFixed(0)} vs ${base.rps.toFixed(0)} req/s)`,
          ok: quote.rps >= TARGETS.quoteShareOfTrivial * base.rps,
        },
        {
          name: `${run.database}: quote p99 ≤ ${TARGETS.quoteP99Ms} ms at ${TARGETS.quoteConnections} connections`,
          figure: `${quote.p99Ms} ms at ${quote.connections}`,
          ok: quote.p99Ms <= TARGETS.quoteP99Ms && quote.connections >= TARGETS.quoteConnections,
        },
      );
    }
  }
  out.push('', '## Targets', '', '| target | figure | result |', '|---|---|---|');
  for (const t of targets) {
    out.push(`| ${t.name} | ${t.figure} | ${t.ok === undefined ? 'not measured' : met(t.ok)} |`);
  }
  out.push('');
  if (report.failures.length > 0) {
    out.push('## FAIL', '', ...report.failures.map((f) => `- ${f}`), '');
  }
  return out.join('\n');
}
