import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CHECKS } from '../../conformance/run.ts';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../hardening/server-process.ts';
import type { ServerProcess } from '../hardening/server-process.ts';
import {
  brokenProxy,
  HOSTILE_TEXT,
  hostileBackend,
  htmlSite,
  type FixtureServer,
} from '../fixtures/conformance/broken-backend.ts';
import {
  ORIGIN,
  PROFESSIONAL,
  outcomes,
  runKit,
  section,
  startReference,
  type KitRun,
} from './kit.ts';

let reference: ServerProcess;
let broken: FixtureServer;
let run: KitRun;
before(async () => {
  reference = await startReference();
  broken = await brokenProxy(`${reference.origin}/api`);
  run = await runKit([
    broken.backend,
    '--origin',
    ORIGIN,
    '--username',
    PROFESSIONAL.username,
    '--password',
    PROFESSIONAL.password,
  ]);
});
after(async () => {
  await broken?.close();
  await reference?.stop();
});

describe('conformance kit against a backend that gets a few answers wrong', () => {
  it('exits 1 and says the backend does not conform', () => {
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /^\d+ passed, \d+ failed, \d+ skipped, \d+ n\/a: the backend does NOT conform/m,
    );
  });

  it('fails exactly the checks of the broken answers; what it forwards untouched passes', () => {
    const failed = Object.entries(outcomes(run.stdout))
      .filter(([, outcome]) => outcome === 'FAIL')
      .map(([id]) => id);
    assert.deepEqual(failed, [
      'quote-invalid-years',
      'quote-invalid-addon',
      'quote-unknown-plan',
      'me-unauthorized',
      'login-rate-limit',
      // The 401 of GET /v1/me after logout is plain JSON too.
      'logout',
      'order-price-changed',
      'order-replay',
      'order-key-reuse',
      'order-concurrent',
      // The answers the proxy makes up carry no CORS header: the widget would not read them.
      'cors-every-answer',
    ]);
    const seen = outcomes(run.stdout);
    for (const id of [
      'catalog',
      'quote-valid',
      'login',
      'order-create',
      'order-read',
      'cors-preflight',
    ]) {
      assert.equal(seen[id], 'PASS', `${id}\n${run.stdout}`);
    }
  });

  it('a wrong status: names the expected status and the one received, and shows the exchange', () => {
    const text = section(run.stdout, 'quote-invalid-years');
    assert.match(
      text,
      /POST \/v1\/quotes with years: 3: expected HTTP 422, received HTTP 400 \(application\/json\)/,
    );
    assert.match(text, /> POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/quotes/);
    assert.match(text, />\s+\{"productId":"certified-platform","planId":"base","years":3,/);
    assert.match(text, /< HTTP 400/);
    assert.match(text, /<\s+\{"error":"bad selection"\}/);
  });

  it('a wrong shape: a 401 that is not problem+json', () => {
    assert.match(
      section(run.stdout, 'me-unauthorized'),
      /GET \/v1\/me without Authorization: expected Content-Type application\/problem\+json, received "application\/json"/,
    );
  });

  it('a missing header and a missing member: Retry-After on the 429, quote on the 409', () => {
    assert.match(
      section(run.stdout, 'login-rate-limit'),
      /expected a Retry-After header, received none/,
    );
    assert.match(
      section(run.stdout, 'order-price-changed'),
      /the 409 price-changed carries no "quote"/,
    );
  });

  it('an ignored Idempotency-Key: the replay is another order, concurrent requests make several', () => {
    assert.match(
      section(run.stdout, 'order-replay'),
      /the replay answered a different body than the first request: at id the first answer had "[^"]+", the replay "[^"]+"/,
    );
    assert.match(
      section(run.stdout, 'order-concurrent'),
      /five concurrent requests with one key made 5 orders/,
    );
  });

  it('never prints a whole bearer token, nor the test account’s password', () => {
    assert.match(run.stdout, /Authorization: Bearer \S{4}…/);
    assert.doesNotMatch(run.stdout, /Authorization: Bearer [A-Za-z0-9_-]{10,}/);
    // The rate-limit failure shows login requests: their passwords are shortened too.
    assert.match(section(run.stdout, 'login-rate-limit'), /"password":"…"/);
    assert.doesNotMatch(run.stdout, new RegExp(PROFESSIONAL.password));
  });

  it('--json reports the same failures with their exchanges', async () => {
    const json = await runKit([
      broken.backend,
      '--json',
      '--username',
      PROFESSIONAL.username,
      '--password',
      PROFESSIONAL.password,
    ]);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout);
    const failure = report.results.find((r: { id: string }) => r.id === 'quote-unknown-plan');
    assert.equal(failure.outcome, 'fail');
    assert.match(failure.message, /expected HTTP 422, received HTTP 400/);
    assert.equal(failure.exchanges.at(-1).response.status, 400);
    assert.equal(failure.exchanges.at(-1).request.method, 'POST');
  });
});

describe('conformance kit against a URL that is a website, not a backend', () => {
  it('fails the catalog with the content type received, skips what depends on it, exits 1', async () => {
    const site = await htmlSite();
    try {
      const result = await runKit([site.backend, '--read-only']);
      assert.equal(result.code, 1);
      assert.equal(outcomes(result.stdout).catalog, 'FAIL');
      assert.match(
        section(result.stdout, 'catalog'),
        /the catalog of certified-platform: expected a JSON content type, received "text\/html; charset=UTF-8"/,
      );
      assert.equal(outcomes(result.stdout)['quote-valid'], 'SKIP');
      assert.match(
        section(result.stdout, 'quote-valid'),
        /skipped: needs the catalog, which did not load/,
      );
    } finally {
      await site.close();
    }
  });
});

describe('conformance kit against a backend that does not answer', () => {
  it('fails the first check with the connection error, skips the rest saying why, exits 1', async () => {
    const port = await freePort();
    const result = await runKit([`http://127.0.0.1:${port}/api`]);
    assert.equal(result.code, 1);
    assert.match(
      section(result.stdout, 'catalog'),
      new RegExp(`could not connect to the backend: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}`),
    );
    const seen = Object.entries(outcomes(result.stdout));
    assert.deepEqual(
      seen.filter(([, o]) => o !== 'SKIP').map(([id]) => id),
      ['catalog'],
    );
    assert.match(
      section(result.stdout, 'quote-valid'),
      /skipped: the backend could not be reached \(connect ECONNREFUSED [^;]+; see "catalog"\)/,
    );
    assert.match(
      result.stdout,
      new RegExp(
        `^0 passed, 1 failed, ${CHECKS.length - 1} skipped, 0 n/a: the backend does NOT conform$`,
        'm',
      ),
    );
  });
});

describe('npx cassa-conformance', () => {
  it("is this package's bin: `npx --no-install cassa-conformance --list` lists the checks", async () => {
    const listed = execFileSync('npx', ['--no-install', 'cassa-conformance', '--list'], {
      cwd: new URL('../..', import.meta.url).pathname,
      encoding: 'utf8',
    });
    assert.deepEqual(
      listed
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('['))
        .map((line) => line.split(' — ')[0]),
      CHECKS.map((c) => c.id),
    );
  });
});

describe('conformance kit against a hostile backend (issue 23: terminal escapes)', () => {
  it('prints its control characters escaped, in messages and in the exchanges, text and JSON', async () => {
    const hostile = await hostileBackend();
    try {
      const text = await runKit([hostile.backend, '--read-only']);
      const json = await runKit([hostile.backend, '--read-only', '--json']);
      assert.equal(text.code, 1);
      for (const out of [text.stdout, json.stdout]) {
        // eslint-disable-next-line no-control-regex -- the point: no raw control character
        assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }
      // In a failure's message (the problem type) and in the body it shows.
      assert.match(
        section(text.stdout, 'catalog-unknown-product'),
        /received "https:\/\/evil\.example\/\\x1b\[2J\\x1b\[1;1HPASS {2}all — forged\\x1b\]0;pwned\\x07\\x9b31m\\x0d"/,
      );
      assert.match(section(text.stdout, 'catalog'), /<\s+\{"error": "\\x1b\[2J/);
      // The JSON report still parses back to what the backend sent.
      const report = JSON.parse(json.stdout);
      const failure = report.results.find((r: { id: string }) => r.id === 'catalog');
      assert.match(failure.exchanges[0].response.body, new RegExp(escapeRegExp(HOSTILE_TEXT)));
    } finally {
      await hostile.close();
    }
  });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
