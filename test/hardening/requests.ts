// Valid requests of every endpoint (the starting points that fuzzing mutates and load tests
// repeat), and how an answer must look whatever the request was.
import assert from 'node:assert/strict';
import { PROBLEM_BASE, PROBLEM_CODES, ProblemSchema } from '../../src/api/schemas.ts';
import { DEMO_HOLDERS, DEMO_PASSWORD, DEMO_USERS } from '../../demo/server/seed.ts';

export { DEMO_HOLDERS, DEMO_PASSWORD, DEMO_USERS };

/** Base plan, 1 year: €120.00 + 22% VAT. */
export const BASE_TOTAL = 14640;

/** A bank-transfer order of the base plan: no payment page, two emails (confirmation, instructions). */
export const bankTransferOrder = () => ({
  productId: 'certified-platform',
  planId: 'base',
  years: 1,
  addons: [] as { id: string; quantity: number }[],
  expectedTotalCents: BASE_TOTAL,
  paymentMethod: { type: 'bank_transfer' },
  acceptTerms: true,
});

/** A base-plan order by a new card: answered with a sandbox payment page. */
export const newCardOrder = (returnUrl = 'http://localhost/return') => ({
  ...bankTransferOrder(),
  paymentMethod: { type: 'card' },
  returnUrl,
});

export const certifiedQuote = () => ({
  productId: 'certified-platform',
  planId: 'base',
  years: 2,
  addons: [
    { id: 'extra-users', quantity: 3 },
    { id: 'storage', quantity: 10 },
  ],
});

/** A new company holder whose every identifier passes the Italian checks. */
export const companyHolder = () => structuredClone(DEMO_HOLDERS.company);

export const registration = () => ({ password: 'a-long-secret-1', holder: companyHolder() });

export const login = () => ({ username: DEMO_USERS.company, password: DEMO_PASSWORD });

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** What any error must be: problem+json (RFC 9457) with a known code and its own status. */
export function assertProblem(reply: Answer, context: string): void {
  assert.equal(reply.headers.get('content-type'), 'application/problem+json', context);
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    assert.fail(`${context}: a problem body that is not JSON: ${reply.text.slice(0, 200)}`);
  }
  const problem = ProblemSchema.parse(body);
  assert.equal(problem.status, reply.status, context);
  assert.ok(problem.type.startsWith(PROBLEM_BASE), context);
  const code = problem.type.slice(PROBLEM_BASE.length);
  assert.ok((PROBLEM_CODES as readonly string[]).includes(code), `${context}: code ${code}`);
  assert.ok(!/\bat .+:\d+:\d+/.test(reply.text), `${context}: a stack trace in ${reply.text}`);
}

/** A 2xx answer with content is a JSON document. */
export function assertJson(reply: Answer, context: string): void {
  assert.match(reply.headers.get('content-type') ?? '', /^application\/json/, context);
  assert.doesNotThrow(() => JSON.parse(reply.text), context);
}
