// One run of the kit: every check, in an order where later checks use what earlier ones made.
import { randomBytes } from 'node:crypto';
import { authChecks } from './checks/auth.ts';
import { catalogChecks } from './checks/catalog.ts';
import { corsChecks } from './checks/cors.ts';
import { orderReadChecks } from './checks/order-reads.ts';
import { orderChecks } from './checks/orders.ts';
import type { ConformanceContext, ConformanceOptions } from './context.ts';
import { BackendClient } from './http.ts';
import { runChecks, type Check, type CheckResult } from './runner.ts';

export const CHECKS: readonly Check<ConformanceContext>[] = [
  ...catalogChecks,
  ...authChecks,
  ...orderChecks,
  ...orderReadChecks,
  ...corsChecks,
];

export interface ConformanceReport {
  backend: string;
  origin: string | null;
  readOnly: boolean;
  passed: number;
  failed: number;
  skipped: number;
  results: CheckResult[];
}

export async function runConformance(
  options: ConformanceOptions,
  onResult?: (result: CheckResult) => void,
): Promise<ConformanceReport> {
  const client = new BackendClient(options.backend, options.timeoutMs);
  const context: ConformanceContext = {
    client,
    options,
    runId: randomBytes(4).toString('hex'),
  };
  const results = await runChecks(CHECKS, context, onResult);
  const count = (outcome: CheckResult['outcome']) =>
    results.filter((r) => r.outcome === outcome).length;
  return {
    backend: client.backend,
    origin: options.origin ?? null,
    readOnly: options.readOnly,
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
    results,
  };
}
