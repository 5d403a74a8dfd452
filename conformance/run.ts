// One run of the kit: every check, in an order where later checks use what earlier ones made,
// then the verdict by area.
import { randomBytes } from 'node:crypto';
import { AREAS } from './areas.ts';
import { authChecks } from './checks/auth.ts';
import { catalogChecks } from './checks/catalog.ts';
import { corsChecks } from './checks/cors.ts';
import { customerAreaChecks } from './checks/customer-area.ts';
import { customerAreaLinkChecks } from './checks/customer-area-links.ts';
import { customerAreaPaymentChecks } from './checks/customer-area-payments.ts';
import { invoiceChecks } from './checks/invoices.ts';
import { mailboxChecks } from './checks/mailboxes.ts';
import { orderReadChecks } from './checks/order-reads.ts';
import { orderChecks } from './checks/orders.ts';
import { paymentPageChecks } from './checks/payment-pages.ts';
import { quoteChecks } from './checks/quotes.ts';
import { resumeSessionChecks } from './checks/resume-session.ts';
import { serviceAdditionChecks } from './checks/service-additions.ts';
import { strongAuthenticationChecks } from './checks/strong-authentication.ts';
import type { ConformanceContext, ConformanceOptions } from './context.ts';
import { BackendClient } from './http.ts';
import { runChecks, skip, type Check, type CheckResult } from './runner.ts';

export const CHECKS: readonly Check<ConformanceContext>[] = [
  ...catalogChecks,
  ...quoteChecks,
  ...authChecks,
  ...orderChecks,
  ...orderReadChecks,
  ...paymentPageChecks,
  ...resumeSessionChecks,
  ...strongAuthenticationChecks,
  ...invoiceChecks,
  ...mailboxChecks,
  ...customerAreaChecks,
  ...customerAreaPaymentChecks,
  ...serviceAdditionChecks,
  ...customerAreaLinkChecks,
  ...corsChecks,
];

/**
 * `pass`: every check ran and passed (or did not apply); `fail`: one failed; `skipped`: none
 * could run; `partial`: some ran, some could not; `n/a`: the catalog and options make it moot.
 */
export type AreaOutcome = 'pass' | 'fail' | 'skipped' | 'partial' | 'n/a';

export interface AreaResult {
  id: string;
  title: string;
  outcome: AreaOutcome;
  checks: { passed: number; failed: number; skipped: number; notApplicable: number };
  /** Why checks were skipped or do not apply (distinct messages, in order). */
  reasons: string[];
}

/** `conforms` (exit 0), `fails` (exit 1), or passed what it could with areas skipped (exit 3). */
export type Verdict = 'conforms' | 'fails' | 'incomplete';

export interface ConformanceReport {
  backend: string;
  origin: string | null;
  readOnly: boolean;
  verdict: Verdict;
  passed: number;
  failed: number;
  skipped: number;
  notApplicable: number;
  areas: AreaResult[];
  results: CheckResult[];
}

export function areaResults(results: readonly CheckResult[]): AreaResult[] {
  return AREAS.map((area) => {
    const mine = results.filter((r) => r.area === area.id);
    const count = (o: CheckResult['outcome']) => mine.filter((r) => r.outcome === o).length;
    const checks = {
      passed: count('pass'),
      failed: count('fail'),
      skipped: count('skip'),
      notApplicable: count('n/a'),
    };
    const outcome: AreaOutcome =
      checks.failed > 0
        ? 'fail'
        : checks.skipped > 0
          ? checks.passed > 0
            ? 'partial'
            : 'skipped'
          : checks.passed > 0
            ? 'pass'
            : 'n/a';
    // One line per distinct reason, with the checks it kept from running.
    const byReason = new Map<string, string[]>();
    for (const r of mine) {
      if (r.outcome !== (outcome === 'n/a' ? 'n/a' : 'skip') || !r.message) continue;
      byReason.set(r.message, [...(byReason.get(r.message) ?? []), r.id]);
    }
    const reasons = [...byReason].map(([message, ids]) => `${ids.join(', ')}: ${message}`);
    return { id: area.id, title: area.title, outcome, checks, reasons };
  });
}

export function verdictOf(areas: readonly AreaResult[]): Verdict {
  if (areas.some((a) => a.outcome === 'fail')) return 'fails';
  if (areas.some((a) => a.outcome === 'skipped' || a.outcome === 'partial')) return 'incomplete';
  return 'conforms';
}

export const EXIT_CODES: Record<Verdict, number> = { conforms: 0, fails: 1, incomplete: 3 };

export async function runConformance(
  options: ConformanceOptions,
  onResult?: (result: CheckResult) => void,
): Promise<ConformanceReport> {
  const client = new BackendClient(options.backend, options.timeoutMs, options.origin);
  const backendOrigin = new URL(client.backend).origin;
  const context: ConformanceContext = {
    client,
    options,
    runId: randomBytes(4).toString('hex'),
    products: [],
    returnUrl: `${options.origin ?? backendOrigin}/cassa-conformance-return`,
    placed: [],
  };
  const selected = options.areas;
  const checks = selected
    ? CHECKS.map((check) =>
        // The catalog and the sessions are set up whatever is selected: the other areas start from them.
        selected.includes(check.area) || check.setup
          ? check
          : { ...check, run: async () => skip(`not selected (--area ${selected.join(',')})`) },
      )
    : CHECKS;
  const results = await runChecks(checks, context, onResult);
  const count = (outcome: CheckResult['outcome']) =>
    results.filter((r) => r.outcome === outcome).length;
  const areas = areaResults(results);
  return {
    backend: client.backend,
    origin: options.origin ?? null,
    readOnly: options.readOnly,
    verdict: verdictOf(areas),
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
    notApplicable: count('n/a'),
    areas,
    results,
  };
}
