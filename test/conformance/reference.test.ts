import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { call, type ServerProcess } from '../hardening/server-process.ts';
import { AREA_IDS } from '../../conformance/areas.ts';
import { CHECKS } from '../../conformance/run.ts';
import {
  MEMBER,
  ORIGIN,
  PORTAL_SECRET,
  PROFESSIONAL,
  outcomes,
  runKit,
  startReference,
} from './kit.ts';

let server: ServerProcess;
let backend: string;
before(async () => {
  server = await startReference();
  // localhost: the server's public URL (CASSA_PUBLIC_URL's default), so that a run without
  // --origin, whose return URLs lead back to the backend's origin, names an allowed origin.
  backend = `http://localhost:${server.port}/api`;
});
after(() => server.stop());

const outboxSize = async () =>
  ((await call(server.origin, 'GET', '/api/dev/outbox')).body as unknown[]).length;

describe('conformance kit against the reference server', () => {
  it('passes every check of every area, none skipped, with a member account, a portal secret and an origin; exit 0', async () => {
    const run = await runKit([
      backend,
      '--product',
      'certified-platform',
      '--product',
      'pec-addons',
      '--origin',
      ORIGIN,
      '--username',
      MEMBER.username,
      '--password',
      MEMBER.password,
      '--portal-secret',
      PORTAL_SECRET,
    ]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const seen = outcomes(run.stdout);
    assert.deepEqual(
      Object.keys(seen),
      CHECKS.map((c) => c.id),
    );
    for (const check of CHECKS) assert.equal(seen[check.id], 'PASS', `${check.id}:\n${run.stdout}`);
    for (const area of AREA_IDS) assert.match(run.stdout, new RegExp(`^  PASS +${area} — `, 'm'));
    assert.match(
      run.stdout,
      new RegExp(
        `^${CHECKS.length} passed, 0 failed, 0 skipped, 0 n/a: the backend conforms \\(every applicable area exercised\\)$`,
        'm',
      ),
    );
  });

  it('without an origin or an account: no failure, but not "conforms": exit 3, the JSON names the areas not exercised and why', async () => {
    const run = await runKit([backend, '--json']);
    assert.equal(run.code, 3, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.failed, 0);
    assert.equal(report.verdict, 'incomplete');
    const byId = Object.fromEntries(
      report.areas.map((a: { id: string; outcome: string; reasons: string[] }) => [a.id, a]),
    );
    assert.deepEqual(Object.keys(byId), AREA_IDS);
    // Throwaway accounts stand in for the test account: orders, payments and invoices run.
    for (const id of ['catalog', 'quotes', 'orders', 'payment-pages', 'invoices', 'customer-area'])
      assert.equal(byId[id].outcome, 'pass', id);
    // The account it registers logs in instead; portal sessions need a portal's secret.
    assert.equal(byId.accounts.outcome, 'pass');
    const outcome = (id: string) => report.results.find((r: { id: string }) => r.id === id).outcome;
    assert.equal(outcome('login'), 'n/a');
    assert.equal(outcome('portal-session'), 'n/a');
    assert.equal(outcome('login-registered'), 'pass');
    // The throwaway buyer's services are checked; the credit belongs to a co-termed product's add-ons.
    assert.equal(outcome('account-auto-renew'), 'pass');
    assert.equal(outcome('account-top-up'), 'n/a');
    // CORS is the only area left out, and the report says so.
    assert.deepEqual(
      report.areas
        .filter((a: { outcome: string }) => ['skipped', 'partial'].includes(a.outcome))
        .map((a: { id: string }) => a.id),
      ['cors'],
    );
    assert.equal(byId.cors.outcome, 'skipped');
    assert.match(byId.cors.reasons[0], /no --origin given/);
    assert.equal(byId.mailboxes.outcome, 'n/a');
    assert.match(
      byId.mailboxes.reasons[0],
      /no co-termed product among --product certified-platform/,
    );
  });

  it('--product pec-addons without a member account: the mailbox area is not exercised, and the kit says so (exit 3)', async () => {
    const run = await runKit([backend, '--product', 'pec-addons', '--origin', ORIGIN]);
    assert.equal(run.code, 3, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /^ {2}SKIPPED mailboxes — .*\n {12}not exercised: mailbox-subscription: the account \(session from registration\) holds no subscription of "pec-addons"/m,
    );
    // The term product's quotes do not apply: that is not a gap.
    assert.equal(outcomes(run.stdout)['quote-arithmetic'], 'N/A');
    assert.match(run.stdout, /no failure, but NOT a verdict of conformance: .*mailboxes/);
    assert.doesNotMatch(run.stdout, /the backend conforms/);
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
    assert.equal(run.code, 3, run.stdout + run.stdout);
    assert.equal(await outboxSize(), before);
    const seen = outcomes(run.stdout);
    assert.equal(seen['order-create'], 'SKIP');
    assert.equal(seen.register, 'SKIP');
    assert.equal(seen['quote-valid'], 'PASS');
    assert.equal(seen['order-read-unauthorized'], 'PASS');
    assert.match(run.stdout, /skipped: --read-only: sends no POST \/v1\/orders/);
    // The customer area reads what it can and says why the rest waits for the run's orders.
    assert.equal(seen['account-unauthorized'], 'PASS');
    assert.equal(seen['account-subscriptions'], 'SKIP');
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
    const webhooks = await runKit(['webhooks', '--help'], join(outDir, 'cli.mjs'));
    rmSync(outDir, { recursive: true, force: true });
    assert.equal(webhooks.code, 0, webhooks.stderr);
    assert.match(webhooks.stdout, /^Usage: cassa-conformance webhooks <receiver-url>/);
    assert.equal(run.code, 3, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.failed, 0);
    assert.equal(report.verdict, 'incomplete');
    assert.equal(report.results.length, CHECKS.length);
  });

  it('a usage error exits 2 with the usage text', async () => {
    const run = await runKit(['not-a-url']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /the backend URL must start with http:\/\/ or https:\/\//);
    assert.match(run.stderr, /Usage: cassa-conformance <backend-url>/);
  });
});
