// The seller on invoices comes from configuration (CASSA_SELLER), checked at start.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEMO_SELLER, loadSeller } from '../../../demo/server/seller.ts';
import { checkPartitaIva } from '../../../src/domain/validators/partita-iva.ts';

describe('invoice seller', () => {
  it('is the demo seller by default: Cassa Demo S.r.l., a P.IVA with a valid check digit, RF01', () => {
    assert.equal(loadSeller(undefined), DEMO_SELLER);
    assert.equal(DEMO_SELLER.name, 'Cassa Demo S.r.l.');
    assert.deepEqual(checkPartitaIva(DEMO_SELLER.vatNumber), { ok: true });
    assert.equal(DEMO_SELLER.regimeFiscale, 'RF01');
  });

  it('reads CASSA_SELLER and names the first bad field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cassa-seller-'));
    try {
      const good = join(dir, 'good.json');
      writeFileSync(good, JSON.stringify({ ...DEMO_SELLER, name: 'Altra S.p.A.' }));
      assert.equal(loadSeller(good).name, 'Altra S.p.A.');
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ ...DEMO_SELLER, vatNumber: '12345678900' }));
      assert.throws(() => loadSeller(bad), /field vatNumber/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
