import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Holder } from '../../src/domain/types.ts';
import {
  isFatturaPaEmail,
  isPublicAdministration,
  normalizeHolder,
  validateHolder,
} from '../../src/domain/validators/index.ts';
import { payableNowCents, withSplitPayment } from '../../src/domain/split-payment.ts';

const company: Holder = {
  type: 'company',
  name: 'Esempio S.r.l.',
  vatNumber: '01573850516',
  taxCode: '01573850516',
  address: {
    street: 'Via Garibaldi 10',
    postalCode: '24121',
    city: 'Bergamo',
    province: 'BG',
    country: 'IT',
  },
  email: 'amministrazione@example.it',
  eInvoice: { sdiCode: 'M5UXCR1' },
};

/** An Ordine professionale: a public body with a codice fiscale only and an office code. */
const ordine: Holder = {
  type: 'company',
  name: 'Ordine degli Architetti P.P.C. di Torino',
  taxCode: '80089810016',
  address: {
    street: 'Via Giolitti 1',
    postalCode: '10123',
    city: 'Torino',
    province: 'TO',
    country: 'IT',
  },
  email: 'segreteria@oato.it',
  eInvoice: { sdiCode: 'UFABCD' },
};

const errorsOf = (holder: unknown) =>
  validateHolder(holder).errors.map(({ path, code }) => `${path}:${code}`);

describe('holder data: the form SDI accepts (FatturaPA 1.2.2)', () => {
  it('normalizes codes as the form does: trimmed, upper-cased, no inner spaces', () => {
    const typed: Holder = {
      ...company,
      name: '  Esempio S.r.l. ',
      vatNumber: ' IT 015 738 505 16 ',
      taxCode: '0157385051 6 ',
      address: { ...company.address, postalCode: ' 24 121', province: ' bg ', country: 'it ' },
      email: ' amministrazione@example.it ',
      eInvoice: { sdiCode: ' m5ux cr1 ' },
    };
    assert.deepEqual(normalizeHolder(typed), company);
  });

  it('refuses an email or a PEC outside the 1.2.2 EmailType pattern, with its own codes', () => {
    assert.deepEqual(errorsOf({ ...company, email: 'studio.nandù@example.it' }), [
      'email:email.fatturapa',
    ]);
    assert.deepEqual(errorsOf({ ...company, eInvoice: { pec: 'studio.nandù@pec.it' } }), [
      'eInvoice.pec:pec.fatturapa',
    ]);
    assert.deepEqual(errorsOf({ ...company, eInvoice: { pec: 'rossi(studio)@pec.it' } }), [
      'eInvoice.pec:pec.fatturapa',
    ]);
    assert.deepEqual(errorsOf({ ...company, eInvoice: { pec: 'studio@pec.àrchitetti.it' } }), [
      'eInvoice.pec:pec.fatturapa',
    ]);
    assert.deepEqual(errorsOf({ ...company, eInvoice: { pec: "o'brien+fatture@pec.it" } }), []);
  });

  it('isFatturaPaEmail follows the schema’s atoms: ASCII atext, dots between atoms', () => {
    for (const ok of ['a@b.it', 'mario.rossi@pec.ordine.it', "x!#$%&'*+/=?^_`{|}~-@pec.it"]) {
      assert.equal(isFatturaPaEmail(ok), true, ok);
    }
    for (const refused of ['nandù@pec.it', 'a(b)@pec.it', 'a..b@pec.it', 'a b@pec.it', 'a@b@c']) {
      assert.equal(isFatturaPaEmail(refused), false, refused);
    }
  });

  it('accepts XXXXXXX only for holders abroad (SDI error 00313 otherwise)', () => {
    assert.deepEqual(errorsOf({ ...company, eInvoice: { sdiCode: 'XXXXXXX' } }), [
      'eInvoice.sdiCode:sdi.foreign',
    ]);
  });
});

describe('holder data: public administrations', () => {
  it('takes a 6-character office code, a codice fiscale without Partita IVA, CIG and CUP', () => {
    assert.deepEqual(errorsOf({ ...ordine, cig: 'Z1A2B3C4D5', cup: 'J51B20000120001' }), []);
    assert.equal(isPublicAdministration(ordine), true);
    assert.equal(isPublicAdministration(company), false);
  });

  it('refuses an office code not in valid form, or used by a person', () => {
    assert.deepEqual(errorsOf({ ...ordine, eInvoice: { sdiCode: '000000' } }), [
      'eInvoice.sdiCode:sdi.pa_format',
    ]);
    assert.deepEqual(errorsOf({ ...ordine, eInvoice: { sdiCode: 'UF-ABC' } }), [
      'eInvoice.sdiCode:sdi.format',
    ]);
    assert.deepEqual(
      errorsOf({
        ...ordine,
        type: 'professional',
        vatNumber: '12345678903',
        taxCode: 'RSSMRA85T10A562S',
      }),
      ['eInvoice.sdiCode:sdi.pa_holder'],
    );
  });

  it('checks CIG (10) and CUP (15) and takes them only from a public administration', () => {
    assert.deepEqual(errorsOf({ ...ordine, cig: 'Z1A2B3', cup: 'J51B2000012000' }), [
      'cig:cig.format',
      'cup:cup.format',
    ]);
    assert.deepEqual(errorsOf({ ...company, cig: 'Z1A2B3C4D5' }), ['cig:pa.only']);
  });

  it('split payment: the buyer pays the taxable amount, the VAT goes to the Treasury', () => {
    const quote = {
      currency: 'EUR' as const,
      lines: [],
      taxableCents: 12000,
      vatRateBasisPoints: 2200,
      vatCents: 2640,
      totalCents: 14640,
      freeUntil: null,
      renewal: { date: '2027-12-06', chargeDate: '2027-11-29', totalCents: 14640 },
      minimumTopUpCents: null,
      creditCents: null,
    };
    const split = withSplitPayment(quote);
    assert.equal(split.splitPayment, true);
    assert.equal(split.payableCents, 12000);
    assert.equal(split.totalCents, 14640);
    assert.equal(payableNowCents(split), 12000);
    assert.equal(payableNowCents(quote), 14640);
  });
});
