// Checks, their outcomes, and the assertions they are written with. A check throws a
// CheckFailure (or any error) to fail, a CheckSkipped to say why it could not run, or a
// CheckNotApplicable when the catalog or the options make it meaningless (not a gap).
import type { Exchange } from './http.ts';
import type { BackendClient, Reply } from './http.ts';

export type Outcome = 'pass' | 'fail' | 'skip' | 'n/a';

export interface CheckResult {
  id: string;
  /** The area of the contract it belongs to (see areas.ts). */
  area: string;
  title: string;
  outcome: Outcome;
  /** Why it failed or was skipped. */
  message?: string;
  durationMs: number;
  /** On a failure: what was sent and what came back, in order. */
  exchanges?: Exchange[];
}

export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

export class CheckSkipped extends Error {
  override name = 'CheckSkipped';
}

/** The check does not apply (e.g. the product sells to private individuals): not a gap. */
export class CheckNotApplicable extends CheckSkipped {
  override name = 'CheckNotApplicable';
}

/** An error of the connection itself (refused, unknown host, reset), not of an answer. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);

function connectionError(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (!code || !UNREACHABLE.has(code)) return undefined;
  return typeof cause?.message === 'string' && cause.message ? cause.message : code;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const detail =
    cause instanceof Error
      ? `: ${(cause as { code?: string }).code ?? cause.name} ${cause.message}`
      : '';
  return `${error.name}: ${error.message}${detail}`;
}

export interface Check<C> {
  id: string;
  area: string;
  title: string;
  /** Runs even when its area is not selected (--area): later areas need what it sets up. */
  setup?: boolean;
  run(context: C): Promise<void>;
}

export function fail(message: string): never {
  throw new CheckFailure(message);
}

export function skip(reason: string): never {
  throw new CheckSkipped(reason);
}

export function notApplicable(reason: string): never {
  throw new CheckNotApplicable(reason);
}

export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

/** Runs checks one after another (later ones may use what earlier ones created). */
export async function runChecks<C extends { client: BackendClient }>(
  checks: readonly Check<C>[],
  context: C,
  onResult: (result: CheckResult) => void = () => undefined,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  /** Once the backend cannot be reached at all, the other checks say so instead of 30 failures. */
  let unreachable: { id: string; reason: string } | undefined;
  for (const check of checks) {
    context.client.exchanges = [];
    context.client.currentCheck = check.id;
    const started = performance.now();
    let result: CheckResult;
    try {
      if (unreachable)
        skip(`the backend could not be reached (${unreachable.reason}; see "${unreachable.id}")`);
      await check.run(context);
      result = {
        id: check.id,
        area: check.area,
        title: check.title,
        outcome: 'pass',
        durationMs: 0,
      };
    } catch (error) {
      if (error instanceof CheckSkipped) {
        result = {
          id: check.id,
          area: check.area,
          title: check.title,
          outcome: error instanceof CheckNotApplicable ? 'n/a' : 'skip',
          message: error.message,
          durationMs: 0,
        };
      } else {
        const refused = connectionError(error);
        if (refused) unreachable = { id: check.id, reason: refused };
        const message =
          error instanceof CheckFailure
            ? error.message
            : refused
              ? `could not connect to the backend: ${refused}`
              : `the check could not complete: ${describeError(error)}`;
        result = {
          id: check.id,
          area: check.area,
          title: check.title,
          outcome: 'fail',
          message,
          durationMs: 0,
          exchanges: context.client.exchanges,
        };
      }
    }
    result.durationMs = Math.round(performance.now() - started);
    results.push(result);
    onResult(result);
  }
  return results;
}

// ---- assertions on replies --------------------------------------------------------------

const describe = (reply: Reply) =>
  `HTTP ${reply.status}${reply.contentType ? ` (${reply.contentType.split(';')[0]})` : ''}`;

export function expectStatus(
  reply: Reply,
  expected: number | readonly number[],
  what: string,
): void {
  const allowed = typeof expected === 'number' ? [expected] : expected;
  ensure(
    allowed.includes(reply.status),
    `${what}: expected HTTP ${allowed.join(' or ')}, received ${describe(reply)}`,
  );
}

export function expectJson(reply: Reply, what: string): void {
  ensure(
    /^application\/([a-z.+-]+\+)?json\b/i.test(reply.contentType),
    `${what}: expected a JSON content type, received "${reply.contentType || '(none)'}"`,
  );
  ensure(reply.json !== undefined, `${what}: the body is not JSON`);
}

/** zod/mini schemas: anything with `safeParse`. */
interface Parser<T> {
  safeParse(input: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
      };
}

/** Parses with one of the contract's own schemas; on a mismatch names the first fields that differ. */
export function expectShape<T>(schema: Parser<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  fail(`${what} does not match the contract's schema: ${issues}`);
}
