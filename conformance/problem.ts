// Errors are application/problem+json (RFC 9457): the contract's ProblemSchema, a `type` whose
// last segment is the code, a `status` equal to the HTTP status, and field errors by path.
import { ProblemSchema, type Problem, type ProblemCode } from '../src/api/schemas.ts';
import type { Reply } from './http.ts';
import { ensure, expectShape, expectStatus } from './runner.ts';

/** The code a problem `type` ends with (`https://…/problems/price-changed` → `price-changed`). */
export const problemCode = (type: string) =>
  type
    .replace(/[/#]+$/, '')
    .split(/[/#]/)
    .pop() ?? '';

export function expectProblem(
  reply: Reply,
  status: number,
  codes: ProblemCode | readonly ProblemCode[],
  what: string,
): Problem {
  expectStatus(reply, status, what);
  ensure(
    /^application\/problem\+json\b/i.test(reply.contentType),
    `${what}: expected Content-Type application/problem+json, received "${reply.contentType || '(none)'}"`,
  );
  const problem = expectShape(ProblemSchema, reply.json, `${what}: the problem body`);
  const allowed = typeof codes === 'string' ? [codes] : codes;
  const code = problemCode(problem.type);
  ensure(
    allowed.includes(code as ProblemCode),
    `${what}: expected a problem type ending in ${allowed.map((c) => `/${c}`).join(' or ')}, received "${problem.type}"`,
  );
  ensure(
    problem.status === reply.status,
    `${what}: the problem's status ${problem.status} differs from the HTTP status ${reply.status}`,
  );
  return problem;
}

/** A 422 whose field errors include each of `paths` (dotted, e.g. `addons.0.quantity`). */
export function expectFieldErrors(
  reply: Reply,
  paths: readonly string[],
  what: string,
  codes: readonly ProblemCode[] = ['invalid-selection', 'invalid-request'],
): Problem {
  const problem = expectProblem(reply, 422, codes, what);
  const received = (problem.errors ?? []).map((e) => e.path);
  for (const path of paths) {
    ensure(
      received.includes(path),
      `${what}: expected a field error at "${path}", received ${received.length ? received.map((p) => `"${p}"`).join(', ') : 'no field errors'}`,
    );
  }
  return problem;
}

/** `Retry-After`: delay-seconds or an HTTP date (RFC 9110 10.2.3). */
export function expectRetryAfter(reply: Reply, what: string): number {
  const value = reply.headers.get('retry-after');
  ensure(value !== null, `${what}: expected a Retry-After header, received none`);
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  ensure(
    !Number.isNaN(date),
    `${what}: Retry-After "${value}" is neither seconds nor an HTTP date`,
  );
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
