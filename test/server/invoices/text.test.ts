// FatturaPA text and amounts: Latin-1 only, bounded length, decimals with a point.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { amount2, amount8, latinText, quantity, rate } from '../../../server/src/invoices/text.ts';
import { fileProgressive, invoiceFileName } from '../../../server/src/invoices/fatturapa.ts';

describe('FatturaPA text', () => {
  it('keeps Italian accents, maps typographic punctuation, replaces other scripts', () => {
    assert.equal(latinText('Società “Più” – Caffè', 80), 'Società "Più" - Caffè');
    assert.equal(latinText('Łódź Ştefan', 80), 'Lódz Stefan');
    assert.equal(latinText('東京 😀', 80), '?? ?');
  });

  it('collapses spaces and controls, trims, cuts at the limit, never blank', () => {
    assert.equal(latinText('  Via\tRoma\n\u0000 1  ', 60), 'Via Roma 1');
    assert.equal(latinText('x'.repeat(100), 60), 'x'.repeat(60));
    assert.equal(latinText('   ', 60), '-');
  });
});

describe('FatturaPA amounts', () => {
  it('cents as 2 decimals, unit prices as 8 decimals rounded half-up', () => {
    assert.equal(amount2(15860), '158.60');
    assert.equal(amount2(5), '0.05');
    assert.equal(amount2(0), '0.00');
    assert.equal(amount8(1000, 3), '3.33333333');
    assert.equal(amount8(2000, 3), '6.66666667');
    assert.equal(amount8(12000, 1), '120.00000000');
    assert.equal(amount8(0, 7), '0.00000000');
    assert.equal(quantity(50), '50.00');
    assert.equal(rate(2200), '22.00');
  });
});

describe('SDI file name', () => {
  it('is IT + the Partita IVA + _ + 5 characters of [0-9A-Z]', () => {
    assert.equal(invoiceFileName('12345678903', fileProgressive(1)), 'IT12345678903_00001.xml');
    assert.equal(fileProgressive(36), '00010');
    assert.equal(fileProgressive(36 ** 5 - 1), 'ZZZZZ');
    assert.throws(() => fileProgressive(36 ** 5));
    assert.throws(() => fileProgressive(0));
  });
});
