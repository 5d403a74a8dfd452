// The kit against backends with one defect each (a proxy in front of the reference server):
// every defect makes its named check fail, and the verdict is "fails" (exit 1).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerProcess } from '../hardening/server-process.ts';
import { runConformance } from '../../conformance/run.ts';
import {
  DEFECTS,
  defectProxy,
  type DefectId,
  type DefectProxy,
} from '../fixtures/conformance/defects.ts';
import { MEMBER, ORIGIN, PORTAL_SECRET, startReference } from './kit.ts';

let reference: ServerProcess;
let proxy: DefectProxy;
before(async () => {
  reference = await startReference();
  proxy = await defectProxy(`${reference.origin}/api`);
});
after(async () => {
  await proxy?.close();
  await reference?.stop();
});

const run = (areas: readonly string[]) =>
  runConformance({
    backend: proxy.backend,
    productIds: ['certified-platform', 'pec-addons'],
    origin: ORIGIN,
    username: MEMBER.username,
    password: MEMBER.password,
    portalSecret: PORTAL_SECRET,
    readOnly: false,
    areas: [...areas],
    timeoutMs: 20_000,
  });

describe('conformance kit against backends with one defect each', () => {
  it('without a defect the proxy passes every selected area, none skipped (no false alarm)', async () => {
    proxy.defect = undefined;
    const report = await run([
      'quotes',
      'orders',
      'payment-pages',
      'invoices',
      'mailboxes',
      'customer-area',
      'cors',
    ]);
    const failures = report.results.filter((r) => r.outcome === 'fail');
    assert.deepEqual(failures, []);
    // Nothing of the selected areas left unexercised either: a page the kit cannot drive through
    // the proxy (the backend reached under another name) would hide the defects below.
    const unexercised = report.results
      .filter((r) => r.outcome === 'skip' && !/^not selected/.test(r.message ?? ''))
      .map((r) => `${r.id}: ${r.message}`);
    assert.deepEqual(unexercised, []);
  });

  for (const [id, defect] of Object.entries(DEFECTS)) {
    it(`${id}: a backend that ${defect.does} fails "${defect.caughtBy}"`, async () => {
      proxy.defect = id as DefectId;
      const report = await run(defect.areas);
      const caught = report.results.find((r) => r.id === defect.caughtBy);
      assert.equal(
        caught?.outcome,
        'fail',
        `${defect.caughtBy}: ${caught?.outcome} ${caught?.message ?? ''}\n${report.results
          .filter((r) => r.outcome !== 'pass')
          .map((r) => `${r.outcome} ${r.id}: ${r.message}`)
          .join('\n')}`,
      );
      if ('says' in defect) assert.match(caught?.message ?? '', defect.says);
      assert.equal(report.verdict, 'fails');
      assert.equal(report.areas.find((a) => a.id === caught?.area)?.outcome, 'fail');
    });
  }
});
