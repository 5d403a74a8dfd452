import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { call, loginTo, type ServerProcess } from '../hardening/server-process.ts';
import { CHECKS } from '../../conformance/run.ts';
import { ORIGIN, PORTAL_SECRET, PROFESSIONAL, outcomes, runKit, startReference } from './kit.ts';

let server: ServerProcess;
let backend: string;
before(async () => {
  server = await startReference();
  backend = `${server.origin}/api`;
});
after(() => server.stop());

/** An order paid on the sandbox card page: the return URL carries its resume token. */
async function resumedOrder(): Promise<{ orderId: string; token: string }> {
  const token = await loginTo(server.origin, PROFESSIONAL.username, PROFESSIONAL.password);
  const created = await call(server.origin, 'POST', '/api/v1/orders', {
    token,
    headers: { 'Idempotency-Key': `resume-${Date.now()}` },
    body: {
      productId: 'certified-platform',
      planId: 'base',
      years: 1,
      addons: [],
      expectedTotalCents: 14640,
      paymentMethod: { type: 'card' },
      acceptTerms: true,
      returnUrl: `${server.origin}/partner.html`,
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const pageHtml = await (
    await fetch(`${server.origin}/api/sandbox/pay/${created.body.id}`)
  ).text();
  const attempt = /name="attempt" value="([^"]+)"/.exec(pageHtml)?.[1] ?? '';
  const paid = await fetch(`${server.origin}/api/sandbox/pay/${created.body.id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      attempt,
      decision: 'pay',
      holder: 'Giulia Bianchi',
      number: '4242 4242 4242 4242',
      expiry: '12/29',
      cvc: '123',
    }).toString(),
    redirect: 'manual',
  });
  assert.equal(paid.status, 303, await paid.text());
  const back = new URL(paid.headers.get('location') ?? '');
  return {
    orderId: back.searchParams.get('cassa_order')!,
    token: back.searchParams.get('cassa_resume')!,
  };
}

const outboxSize = async () =>
  ((await call(server.origin, 'GET', '/api/dev/outbox')).body as unknown[]).length;

describe('conformance kit against the reference server', () => {
  it('passes every check, none skipped, with an account, a portal secret, an origin and a resume token; exit 0', async () => {
    const resume = await resumedOrder();
    const run = await runKit([
      backend,
      '--origin',
      ORIGIN,
      '--username',
      PROFESSIONAL.username,
      '--password',
      PROFESSIONAL.password,
      '--portal-secret',
      PORTAL_SECRET,
      '--resume',
      `${resume.orderId}:${resume.token}`,
    ]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const seen = outcomes(run.stdout);
    assert.deepEqual(
      Object.keys(seen),
      CHECKS.map((c) => c.id),
    );
    for (const check of CHECKS) assert.equal(seen[check.id], 'PASS', `${check.id}:\n${run.stdout}`);
    assert.match(
      run.stdout,
      new RegExp(`^${CHECKS.length} passed, 0 failed, 0 skipped: the backend conforms$`, 'm'),
    );
  });

  it('registers its own accounts when given none, and still passes', async () => {
    const run = await runKit([backend, '--json']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.failed, 0);
    const skipped = report.results
      .filter((r: { outcome: string }) => r.outcome === 'skip')
      .map((r: { id: string }) => r.id);
    assert.deepEqual(skipped, [
      'login',
      'portal-session',
      'order-resume',
      'cors-preflight',
      'cors-response',
      'cors-error-response',
    ]);
  });

  it('--read-only creates nothing (no email leaves the outbox) and says what it skipped', async () => {
    const before = await outboxSize();
    const run = await runKit([
      backend,
      '--read-only',
      '--username',
      PROFESSIONAL.username,
      '--password',
      PROFESSIONAL.password,
    ]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(await outboxSize(), before);
    const seen = outcomes(run.stdout);
    assert.equal(seen['order-create'], 'SKIP');
    assert.equal(seen.register, 'SKIP');
    assert.equal(seen['quote-valid'], 'PASS');
    assert.equal(seen['order-read-unauthorized'], 'PASS');
    assert.match(run.stdout, /skipped: --read-only: sends no POST \/v1\/orders/);
  });

  it('the published build (dist/conformance/cli.mjs from vite.conformance.config.ts) runs the same checks', async () => {
    // Inside the repository, so the build's imports (ky, zod) resolve from node_modules as when installed.
    const cache = new URL('../../node_modules/.cache/', import.meta.url).pathname;
    // A fresh install has no node_modules/.cache yet.
    mkdirSync(cache, { recursive: true });
    const outDir = mkdtempSync(join(cache, 'cassa-conformance-'));
    execFileSync(
      process.execPath,
      [
        'node_modules/vite/bin/vite.js',
        'build',
        '--config',
        'vite.conformance.config.ts',
        '--outDir',
        outDir,
        '--logLevel',
        'error',
      ],
      {
        cwd: new URL('../..', import.meta.url).pathname,
      },
    );
    const run = await runKit([backend, '--read-only', '--json'], join(outDir, 'cli.mjs'));
    rmSync(outDir, { recursive: true, force: true });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.failed, 0);
    assert.equal(report.results.length, CHECKS.length);
  });

  it('a usage error exits 2 with the usage text', async () => {
    const run = await runKit(['not-a-url']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /the backend URL must start with http:\/\/ or https:\/\//);
    assert.match(run.stderr, /Usage: cassa-conformance <backend-url>/);
  });
});
