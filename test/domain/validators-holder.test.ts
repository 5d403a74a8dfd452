import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FIELD_ERROR_CODES } from '../../src/domain/errors.ts';
import type { Holder } from '../../src/domain/types.ts';
import { validateHolder } from '../../src/domain/validators/index.ts';
import { holderTextLimit } from '../../src/domain/validators/holder.ts';

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

const professional: Holder = {
  type: 'professional',
  name: 'Mario Rossi',
  vatNumber: '12345678903',
  taxCode: 'RSSMRA85T10A562S',
  address: {
    street: 'Via Roma 1',
    postalCode: '10121',
    city: 'Torino',
    province: 'TO',
    country: 'IT',
  },
  email: 'mario.rossi@example.it',
  eInvoice: { pec: 'mario.rossi@architettitorinopec.it' },
};

const privateHolder: Holder = {
  type: 'private',
  name: 'Matteo Moretti',
  taxCode: 'MRTMTT25D09F205Z',
  address: {
    street: 'Corso Buenos Aires 1',
    postalCode: '20124',
    city: 'Milano',
    province: 'MI',
    country: 'IT',
  },
  email: 'matteo@example.com',
  eInvoice: { sdiCode: '0000000' },
};

/** A copy of `holder` with `changes` merged in (one level deep for `address`). */
function withChanges(holder: Holder, changes: Record<string, unknown>): unknown {
  const { address, ...rest } = changes;
  return {
    ...holder,
    ...rest,
    address: { ...holder.address, ...(address as object | undefined) },
  };
}

describe('validateHolder: complete records', () => {
  for (const holder of [company, professional, privateHolder]) {
    it(`accepts a complete ${holder.type}`, () => {
      assert.deepEqual(validateHolder(holder), { errors: [], warnings: [] });
    });
  }

  it('accepts a company whose tax code is its 16-character codice fiscale', () => {
    const result = validateHolder(withChanges(company, { taxCode: 'RSSMRA85T10A562S' }));
    assert.deepEqual(result.errors, []);
  });

  it('trims every field before checking it', () => {
    const padded = {
      type: ' company ',
      name: '  Esempio S.r.l. ',
      vatNumber: ' 01573850516 ',
      taxCode: '\t01573850516',
      address: {
        street: ' Via Garibaldi 10 ',
        postalCode: ' 24121 ',
        city: ' Bergamo ',
        province: ' bg ',
        country: ' it ',
      },
      email: ' amministrazione@example.it ',
      eInvoice: { sdiCode: ' M5UXCR1 ' },
    };
    assert.deepEqual(validateHolder(padded), { errors: [], warnings: [] });
  });

  it('accepts a lower-case codice fiscale', () => {
    const result = validateHolder(withChanges(professional, { taxCode: 'rssmra85t10a562s' }));
    assert.deepEqual(result.errors, []);
  });
});

describe('validateHolder: Partita IVA by customer type', () => {
  for (const holder of [company, professional]) {
    it(`requires a vatNumber from a ${holder.type}`, () => {
      for (const vatNumber of [undefined, '', '   ']) {
        const result = validateHolder(withChanges(holder, { vatNumber }));
        assert.deepEqual(result.errors, [{ path: 'vatNumber', code: 'required' }]);
      }
    });

    it(`checks the vatNumber of a ${holder.type}`, () => {
      assert.deepEqual(validateHolder(withChanges(holder, { vatNumber: '01573850517' })).errors, [
        { path: 'vatNumber', code: 'piva.checksum' },
      ]);
      assert.deepEqual(validateHolder(withChanges(holder, { vatNumber: 'IT01573850516' })).errors, [
        { path: 'vatNumber', code: 'piva.format' },
      ]);
    });
  }

  it('does not ask a private holder for a vatNumber', () => {
    assert.deepEqual(validateHolder(withChanges(privateHolder, { vatNumber: '' })).errors, []);
  });

  it('still checks a vatNumber that a private holder gives', () => {
    assert.deepEqual(
      validateHolder(withChanges(privateHolder, { vatNumber: '12345678901' })).errors,
      [{ path: 'vatNumber', code: 'piva.checksum' }],
    );
  });

  it('makes the vatNumber optional with requireVat: false, but still checks it', () => {
    const withoutVat = withChanges(professional, { vatNumber: undefined });
    assert.deepEqual(validateHolder(withoutVat, { requireVat: false }).errors, []);
    const wrongVat = withChanges(professional, { vatNumber: '12345678901' });
    assert.deepEqual(validateHolder(wrongVat, { requireVat: false }).errors, [
      { path: 'vatNumber', code: 'piva.checksum' },
    ]);
  });
});

describe('validateHolder: codice fiscale by customer type', () => {
  it('accepts 11 digits from a company only', () => {
    assert.deepEqual(validateHolder(withChanges(professional, { taxCode: '12345678903' })).errors, [
      { path: 'taxCode', code: 'cf.format' },
    ]);
    assert.deepEqual(
      validateHolder(withChanges(privateHolder, { taxCode: '12345678903' })).errors,
      [{ path: 'taxCode', code: 'cf.format' }],
    );
  });

  it('reports a wrong check character or digit', () => {
    assert.deepEqual(
      validateHolder(withChanges(professional, { taxCode: 'RSSMRA85T10A562T' })).errors,
      [{ path: 'taxCode', code: 'cf.checksum' }],
    );
    assert.deepEqual(validateHolder(withChanges(company, { taxCode: '01573850517' })).errors, [
      { path: 'taxCode', code: 'cf.checksum' },
    ]);
  });

  it('requires a taxCode from everyone', () => {
    for (const holder of [company, professional, privateHolder]) {
      assert.deepEqual(validateHolder(withChanges(holder, { taxCode: ' ' })).errors, [
        { path: 'taxCode', code: 'required' },
      ]);
    }
  });
});

describe('validateHolder: name and address', () => {
  it('requires a name of at most 200 characters', () => {
    const longest = 'A'.repeat(200);
    assert.deepEqual(validateHolder(withChanges(company, { name: longest })).errors, []);
    assert.deepEqual(validateHolder(withChanges(company, { name: `${longest}B` })).errors, [
      { path: 'name', code: 'too_long' },
    ]);
    assert.deepEqual(validateHolder(withChanges(company, { name: '   ' })).errors, [
      { path: 'name', code: 'required' },
    ]);
  });

  it('counts characters, not UTF-16 units, towards the limit', () => {
    const name = '🏢'.repeat(200);
    assert.deepEqual(validateHolder(withChanges(company, { name })).errors, []);
  });

  it('reports each address rule under its own path', () => {
    const result = validateHolder(
      withChanges(company, {
        address: { street: '', postalCode: '2403', city: ' ', province: 'XX', country: 'DE' },
      }),
    );
    assert.deepEqual(result.errors, [
      { path: 'address.street', code: 'required' },
      { path: 'address.postalCode', code: 'cap.format' },
      { path: 'address.city', code: 'required' },
      { path: 'address.province', code: 'province.unknown' },
      { path: 'address.country', code: 'invalid' },
    ]);
  });

  it('accepts only Italy as the country', () => {
    for (const country of ['IT', 'it']) {
      assert.deepEqual(validateHolder(withChanges(company, { address: { country } })).errors, []);
    }
    for (const country of ['SM', 'VA', 'ITA', 'Italia']) {
      assert.deepEqual(validateHolder(withChanges(company, { address: { country } })).errors, [
        { path: 'address.country', code: 'invalid' },
      ]);
    }
  });

  it('gives required for every address field when the address is missing', () => {
    const { address: _address, ...withoutAddress } = company;
    assert.deepEqual(validateHolder(withoutAddress).errors, [
      { path: 'address.street', code: 'required' },
      { path: 'address.postalCode', code: 'required' },
      { path: 'address.city', code: 'required' },
      { path: 'address.province', code: 'required' },
      { path: 'address.country', code: 'required' },
    ]);
  });
});

describe('validateHolder: email', () => {
  it('requires a syntactically valid email', () => {
    assert.deepEqual(validateHolder(withChanges(company, { email: '' })).errors, [
      { path: 'email', code: 'required' },
    ]);
    assert.deepEqual(validateHolder(withChanges(company, { email: 'mario@' })).errors, [
      { path: 'email', code: 'email.format' },
    ]);
  });

  it('warns, without rejecting, when the ordinary email looks like a PEC', () => {
    const result = validateHolder(
      withChanges(professional, { email: 'mario.rossi@architettitorinopec.it' }),
    );
    assert.deepEqual(result, {
      errors: [],
      warnings: [{ path: 'email', code: 'email.looks_pec' }],
    });
  });

  it('does not warn about a PEC-looking word in the local part', () => {
    const result = validateHolder(withChanges(professional, { email: 'pec.user@gmail.com' }));
    assert.deepEqual(result.warnings, []);
  });
});

describe('validateHolder: e-invoice identifier', () => {
  it('accepts an SDI code, a 6-character PA code or a PEC address', () => {
    for (const eInvoice of [
      { sdiCode: 'M5UXCR1' },
      { sdiCode: 'UF1234' },
      { pec: 'fatture@pec.example.it' },
    ]) {
      assert.deepEqual(validateHolder(withChanges(company, { eInvoice })).errors, []);
    }
  });

  it('0000000 ("no code") sends a business to the PEC address (sdi.none); a private person may use it', () => {
    assert.deepEqual(
      validateHolder(withChanges(company, { eInvoice: { sdiCode: '0000000' } })).errors,
      [{ path: 'eInvoice.sdiCode', code: 'sdi.none' }],
    );
    assert.deepEqual(validateHolder(privateHolder).errors, []);
  });

  it('reports a malformed SDI code under eInvoice.sdiCode', () => {
    for (const sdiCode of ['M5UXC', 'M5UXCR12', 'M5U-CR1', 'm5uxcr1']) {
      assert.deepEqual(
        validateHolder(withChanges(company, { eInvoice: { sdiCode } })).errors,
        [{ path: 'eInvoice.sdiCode', code: 'sdi.format' }],
        sdiCode,
      );
    }
  });

  it('reports a malformed PEC address under eInvoice.pec as pec.format', () => {
    assert.deepEqual(
      validateHolder(withChanges(company, { eInvoice: { pec: 'fatture@pec' } })).errors,
      [{ path: 'eInvoice.pec', code: 'pec.format' }],
    );
  });

  it('requires one of the two, pointing at the one the holder chose', () => {
    assert.deepEqual(validateHolder(withChanges(company, { eInvoice: undefined })).errors, [
      { path: 'eInvoice.sdiCode', code: 'required' },
    ]);
    assert.deepEqual(validateHolder(withChanges(company, { eInvoice: { sdiCode: ' ' } })).errors, [
      { path: 'eInvoice.sdiCode', code: 'required' },
    ]);
    assert.deepEqual(validateHolder(withChanges(company, { eInvoice: { pec: '' } })).errors, [
      { path: 'eInvoice.pec', code: 'required' },
    ]);
  });
});

describe('validateHolder: malformed input', () => {
  const everyRequired = [
    { path: 'type', code: 'required' },
    { path: 'name', code: 'required' },
    { path: 'taxCode', code: 'required' },
    { path: 'address.street', code: 'required' },
    { path: 'address.postalCode', code: 'required' },
    { path: 'address.city', code: 'required' },
    { path: 'address.province', code: 'required' },
    { path: 'address.country', code: 'required' },
    { path: 'email', code: 'required' },
    { path: 'eInvoice.sdiCode', code: 'required' },
  ];

  for (const input of [undefined, null, 42, 'holder', [], {}]) {
    it(`reports every field as required for ${JSON.stringify(input) ?? 'undefined'}`, () => {
      assert.deepEqual(validateHolder(input), { errors: everyRequired, warnings: [] });
    });
  }

  it('reports an unknown customer type as holder.type', () => {
    assert.deepEqual(validateHolder(withChanges(company, { type: 'association' })).errors, [
      { path: 'type', code: 'holder.type' },
    ]);
  });

  it('reports values of the wrong type as invalid', () => {
    const result = validateHolder(
      withChanges(company, {
        name: 42,
        vatNumber: ['01573850516'],
        address: { postalCode: 24121 },
        eInvoice: { sdiCode: true },
      }),
    );
    assert.deepEqual(result.errors, [
      { path: 'name', code: 'invalid' },
      { path: 'vatNumber', code: 'invalid' },
      { path: 'address.postalCode', code: 'invalid' },
      { path: 'eInvoice.sdiCode', code: 'invalid' },
    ]);
  });

  it('never throws, and only ever returns known codes', () => {
    const fieldValue = fc.oneof(fc.string(), fc.anything());
    const holderLike = fc.oneof(
      fc.anything(),
      fc.record(
        {
          type: fc.oneof(fc.constantFrom('company', 'professional', 'private'), fieldValue),
          name: fieldValue,
          vatNumber: fieldValue,
          taxCode: fieldValue,
          address: fc.oneof(
            fc.record(
              {
                street: fieldValue,
                postalCode: fieldValue,
                city: fieldValue,
                province: fieldValue,
                country: fieldValue,
              },
              { requiredKeys: [] },
            ),
            fc.anything(),
          ),
          email: fieldValue,
          eInvoice: fc.oneof(
            fc.record({ sdiCode: fieldValue, pec: fieldValue }, { requiredKeys: [] }),
            fc.anything(),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(holderLike, fc.boolean(), (holder, requireVat) => {
        const { errors, warnings } = validateHolder(holder, { requireVat });
        for (const error of errors) {
          assert.ok((FIELD_ERROR_CODES as readonly string[]).includes(error.code), error.code);
        }
        const paths = errors.map((error) => error.path);
        assert.equal(new Set(paths).size, paths.length, 'one error per field');
        for (const warning of warnings) assert.equal(warning.code, 'email.looks_pec');
      }),
      { numRuns: 500 },
    );
  });
});

describe('validateHolder: control characters and limits (issue 14)', () => {
  it('a control character in a name, street or city is text.control, not the generic invalid', () => {
    for (const bad of [
      'Rossi\u0007 S.r.l.',
      'Rossi\u0000',
      'Ro\u001bssi',
      'Rossi\u0085',
      'x\ud800y',
    ]) {
      const holder = withChanges(company, { name: bad });
      assert.deepEqual(
        validateHolder(holder).errors,
        [{ path: 'name', code: 'text.control' }],
        bad,
      );
    }
    const street = { ...company, address: { ...company.address, street: 'Via\u0001 Roma' } };
    assert.deepEqual(validateHolder(street).errors, [
      { path: 'address.street', code: 'text.control' },
    ]);
  });

  it('tabs and line breaks in pasted text are kept (the server stores them as typed)', () => {
    assert.deepEqual(
      validateHolder(withChanges(company, { name: 'Rossi\tS.r.l.\nTorino' })).errors,
      [],
    );
  });

  it('a city takes 100 characters, as the contract says; holderTextLimit names each limit', () => {
    const city = (text: string) => ({ ...company, address: { ...company.address, city: text } });
    assert.deepEqual(validateHolder(city('T'.repeat(100))).errors, []);
    assert.deepEqual(validateHolder(city('T'.repeat(101))).errors, [
      { path: 'address.city', code: 'too_long' },
    ]);
    assert.equal(holderTextLimit('name'), 200);
    assert.equal(holderTextLimit('holder.address.street'), 200);
    assert.equal(holderTextLimit('address.city'), 100);
    assert.equal(holderTextLimit('email'), undefined);
  });
});
