import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldErrorCode } from '../../src/domain/errors.ts';
import {
  checkCap,
  checkCodiceDestinatario,
  checkCodiceFiscale,
  checkEmail,
  checkPartitaIva,
  checkProvince,
  codiceFiscaleCheckChar,
  HISTORIC_PROVINCE_CODES,
  looksLikePec,
  NO_SDI_CODE,
  normalizeCap,
  normalizeCodiceDestinatario,
  normalizeCodiceFiscale,
  normalizePartitaIva,
  partitaIvaCheckDigit,
  PROVINCE_CODES,
} from '../../src/domain/validators/index.ts';
import type { Check } from '../../src/domain/types.ts';

type Case = readonly [input: string, expected: FieldErrorCode | 'ok'];

/** One `it` per row, named after the input so a failure says which value broke. */
function table(check: (value: string) => Check, cases: readonly Case[]): void {
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      const result = check(input);
      assert.deepEqual(result, expected === 'ok' ? { ok: true } : { ok: false, code: expected });
    });
  }
}

describe('validators: Partita IVA', () => {
  describe('accepts real numbers with a correct check digit', () => {
    table(checkPartitaIva, [
      ['01114601006', 'ok'],
      ['00743110157', 'ok'],
      ['12345678903', 'ok'],
      ['  01114601006 ', 'ok'],
    ]);
  });

  describe('rejects a wrong check digit with piva.checksum', () => {
    table(checkPartitaIva, [
      ['01114601007', 'piva.checksum'],
      ['00743110158', 'piva.checksum'],
      ['12345678901', 'piva.checksum'],
      // Two adjacent digits swapped.
      ['10114601006', 'piva.checksum'],
    ]);
  });

  describe('rejects anything but 11 digits with piva.format', () => {
    table(checkPartitaIva, [
      ['0111460100', 'piva.format'],
      ['011146010060', 'piva.format'],
      ['0111460100A', 'piva.format'],
      ['011 1460 1006', 'piva.format'],
      ['IT01114601006', 'piva.format'],
      ['-1114601006', 'piva.format'],
      ['０１１１４６０１００６', 'piva.format'],
    ]);
  });

  describe('rejects all zeros, which the arithmetic alone would accept', () => {
    table(checkPartitaIva, [['00000000000', 'piva.format']]);
  });

  describe('asks for a value when empty', () => {
    table(checkPartitaIva, [
      ['', 'required'],
      ['   ', 'required'],
    ]);
  });

  it('computes the check digit from the first ten digits', () => {
    assert.equal(partitaIvaCheckDigit('0111460100'), 6);
    assert.equal(partitaIvaCheckDigit('0074311015'), 7);
    assert.equal(partitaIvaCheckDigit('1234567890'), 3);
  });
});

describe('validators: codice fiscale', () => {
  describe('accepts real 16-character codes', () => {
    table(checkCodiceFiscale, [
      ['RSSMRA85T10A562S', 'ok'],
      ['MRTMTT25D09F205Z', 'ok'],
      // Published test vectors (python-stdnum, tests/test_it_codicefiscale.doctest).
      ['MRTNTN23M02D969P', 'ok'],
      ['RCCMNL83S18D969H', 'ok'],
      ['CNTCHR83T41D969D', 'ok'],
      ['FOXDRA26C24H872Y', 'ok'],
      ['MAILCU91A25F839D', 'ok'],
      ['RSSMRA45C12F205C', 'ok'],
      // A woman (day + 40) born abroad (Z611).
      ['MRSMSR81D60Z611H', 'ok'],
    ]);
  });

  describe('accepts omocodic codes, down to all seven digits replaced', () => {
    table(checkCodiceFiscale, [
      // Published omocodic variants of RSSMRA45C12F205C (python-stdnum test vectors).
      ['RSSMRA45C12F20RX', 'ok'],
      ['RSSMRA45C12F2L5N', 'ok'],
      ['RSSMRA45C12F2LRI', 'ok'],
      ['RSSMRAQRCMNFNLRG', 'ok'],
      // RSSMRA85T10A562S with its last digit 2 → N (odd position: value 5 → 20), so the
      // check sum goes from 122 to 137 ≡ 7 (mod 26) and the check character from S to H.
      ['RSSMRA85T10A56NH', 'ok'],
    ]);
  });

  describe('is case-insensitive and ignores surrounding spaces', () => {
    table(checkCodiceFiscale, [
      ['rssmra85t10a562s', 'ok'],
      ['RssMra85T10a562S', 'ok'],
      [' RSSMRA85T10A562S\t', 'ok'],
      ['rssmraqrcmnfnlrg', 'ok'],
    ]);
  });

  describe('rejects a wrong check character with cf.checksum', () => {
    table(checkCodiceFiscale, [
      ['RSSMRA85T10A562T', 'cf.checksum'],
      ['FOXDRA26C24H872A', 'cf.checksum'],
      ['MRTMTT25D09F205A', 'cf.checksum'],
      // Omocodic letter without recomputing the check character.
      ['RSSMRA85T10A56NS', 'cf.checksum'],
      // Surname and name swapped.
      ['MRARSS85T10A562S', 'cf.checksum'],
    ]);
  });

  describe('rejects a code of the wrong length with cf.format', () => {
    table(checkCodiceFiscale, [
      ['RSSMRA85T10A562', 'cf.format'],
      ['RSSMRA85T10A562SS', 'cf.format'],
      ['RSS MRA 85T10 A562S', 'cf.format'],
    ]);
  });

  describe('rejects 16 characters that cannot be a person’s code with cf.invalid', () => {
    table(checkCodiceFiscale, [
      ['RSSMRA85T10A5625', 'cf.invalid'],
      // Month I does not exist (python-stdnum test vector).
      ['CSTNGL22I10D086I', 'cf.invalid'],
      // Day 32 does not exist.
      ['CNTCHR83T32D969H', 'cf.invalid'],
      ['RSSMRA85T00A562S', 'cf.invalid'],
      ['RSSMRA85T72A562S', 'cf.invalid'],
      // W is not one of the omocodia letters LMNPQRSTUV.
      ['RSSMRA85T10A56WS', 'cf.invalid'],
      // A digit where a name letter belongs.
      ['RSSMR485T10A562S', 'cf.invalid'],
      ['RSSMRA85T10A562Ş', 'cf.invalid'],
    ]);
  });

  describe('accepts 11 digits for a legal person, with the Partita IVA check', () => {
    table(checkCodiceFiscale, [
      ['01114601006', 'ok'],
      ['80012345678', 'cf.checksum'],
      ['01114601007', 'cf.checksum'],
      ['00000000000', 'cf.format'],
      ['0111460100', 'cf.format'],
      ['011146010066', 'cf.format'],
    ]);
  });

  describe('asks for a value when empty', () => {
    table(checkCodiceFiscale, [
      ['', 'required'],
      [' ', 'required'],
    ]);
  });

  it('computes the check character with the official odd/even tables', () => {
    assert.equal(codiceFiscaleCheckChar('RSSMRA85T10A562'), 'S');
    assert.equal(codiceFiscaleCheckChar('MRTMTT25D09F205'), 'Z');
    assert.equal(codiceFiscaleCheckChar('BNCSFN85T58G702'), 'W');
    assert.equal(codiceFiscaleCheckChar('RCDLSN84S16D969'), 'Z');
  });

  it('normalises to trimmed upper case', () => {
    assert.equal(normalizeCodiceFiscale('  rssmra85t10a562s '), 'RSSMRA85T10A562S');
    assert.equal(normalizeCodiceFiscale('RSS MRA 85T10 A562S'), 'RSSMRA85T10A562S');
  });
});

describe('validators: Codice Destinatario (SDI)', () => {
  it('names the "no code, use PEC" value', () => {
    assert.equal(NO_SDI_CODE, '0000000');
  });

  describe('accepts 7 alphanumerics, 6 for a public administration, and 0000000', () => {
    table(checkCodiceDestinatario, [
      [NO_SDI_CODE, 'ok'],
      ['M5UXCR1', 'ok'],
      ['KRRH6B9', 'ok'],
      ['ABCDEFG', 'ok'],
      ['1234567', 'ok'],
      ['UF1234', 'ok'],
      ['UFE3HM', 'ok'],
      [' M5UXCR1 ', 'ok'],
    ]);
  });

  describe('rejects other lengths, symbols and lower case with sdi.format', () => {
    table(checkCodiceDestinatario, [
      ['M5UXC', 'sdi.format'],
      ['M5UXCR12', 'sdi.format'],
      ['M5U-CR1', 'sdi.format'],
      ['M5U CR1', 'sdi.format'],
      ['m5uxcr1', 'sdi.format'],
      ['ÀBCDEFG', 'sdi.format'],
    ]);
  });

  describe('asks for a value when empty', () => {
    table(checkCodiceDestinatario, [['', 'required']]);
  });

  it('normalises typed input to the upper case SDI requires', () => {
    assert.equal(normalizeCodiceDestinatario(' m5uxcr1 '), 'M5UXCR1');
    assert.equal(normalizeCodiceDestinatario('M5U XCR1'), 'M5UXCR1');
    assert.deepEqual(checkCodiceDestinatario(normalizeCodiceDestinatario('m5uxcr1')), {
      ok: true,
    });
  });
});

describe('validators: CAP', () => {
  table(checkCap, [
    ['00184', 'ok'],
    ['10121', 'ok'],
    ['20121', 'ok'],
    [' 10121 ', 'ok'],
    ['1012', 'cap.format'],
    ['101211', 'cap.format'],
    ['1012A', 'cap.format'],
    ['10 121', 'cap.format'],
    ['', 'required'],
  ]);
});

describe('validators: province', () => {
  describe('accepts current codes, in any case', () => {
    table(checkProvince, [
      ['TO', 'ok'],
      ['MI', 'ok'],
      ['RM', 'ok'],
      ['SU', 'ok'],
      ['BT', 'ok'],
      ['MB', 'ok'],
      ['to', 'ok'],
      [' Mi ', 'ok'],
    ]);
  });

  describe('accepts the Sardinian codes abolished in 2016, still seen in addresses', () => {
    table(checkProvince, [
      ['CI', 'ok'],
      ['VS', 'ok'],
      ['OG', 'ok'],
      ['OT', 'ok'],
    ]);
  });

  describe('rejects anything else with province.unknown', () => {
    table(checkProvince, [
      ['XX', 'province.unknown'],
      ['T', 'province.unknown'],
      ['TOR', 'province.unknown'],
      ['Torino', 'province.unknown'],
      ['T0', 'province.unknown'],
      ['', 'required'],
    ]);
  });

  it('lists the 107 current codes once each, including SU', () => {
    assert.equal(PROVINCE_CODES.length, 107);
    assert.equal(new Set(PROVINCE_CODES).size, 107);
    assert.ok((PROVINCE_CODES as readonly string[]).includes('SU'));
    for (const code of PROVINCE_CODES) assert.match(code, /^[A-Z]{2}$/);
    for (const code of HISTORIC_PROVINCE_CODES) {
      assert.ok(!(PROVINCE_CODES as readonly string[]).includes(code), code);
    }
  });
});

describe('validators: email', () => {
  const longest = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.it`;

  describe('accepts ordinary addresses', () => {
    table(checkEmail, [
      ['mario.rossi@example.it', 'ok'],
      ['a+tag@sub.example.com', 'ok'],
      ['MARIO@EXAMPLE.IT', 'ok'],
      ["o'neil@example.co.uk", 'ok'],
      ['mario@città.it', 'ok'],
      ['x@xn--citt-5qa.it', 'ok'],
      ['mario.rossi@architettitorinopec.it', 'ok'],
      ['  mario@example.it ', 'ok'],
      [longest, 'ok'],
    ]);
  });

  describe('rejects malformed addresses with email.format', () => {
    table(checkEmail, [
      ['mario', 'email.format'],
      ['mario@', 'email.format'],
      ['@example.it', 'email.format'],
      ['mario@example', 'email.format'],
      ['mario rossi@example.it', 'email.format'],
      ['mario@exa mple.it', 'email.format'],
      ['a@b@example.it', 'email.format'],
      ['mario@.example.it', 'email.format'],
      ['mario@example..it', 'email.format'],
      ['mario@example.it.', 'email.format'],
      ['mario.@example.it', 'email.format'],
      ['.mario@example.it', 'email.format'],
      ['ma..rio@example.it', 'email.format'],
      ['mario@-example.it', 'email.format'],
      ['mario@example-.it', 'email.format'],
      ['mario@example.1', 'email.format'],
      ['mario@exam_ple.it', 'email.format'],
      [`${'a'.repeat(65)}@example.it`, 'email.format'],
      [longest.replace('@', '@b'), 'email.format'],
      ['', 'required'],
    ]);
  });

  it('allows at most 254 characters', () => {
    assert.equal(longest.length, 254);
  });
});

describe('validators: PEC-looking email', () => {
  const pec = [
    'mario.rossi@architettitorinopec.it',
    'x@pec.it',
    'a@legalmail.it',
    'a@cert.legalmail.it',
    'studio@pec.aruba.it',
    'studio@arubapec.it',
    'info@postecert.it',
    'info@pecimprese.it',
    'info@sicurezzapostale.it',
    'avv.rossi@pec.ordineavvocatiroma.it',
    'info@casellapec.com',
    'protocollo@postacert.regione.example.it',
    'protocollo@cert.comune.example.it',
    'info@studio-pec.it',
    'X@PEC.IT',
  ];
  const ordinary = [
    'mario@gmail.com',
    'pec.user@gmail.com',
    'pec@example.it',
    'info@respect.it',
    'vendite@specchi.it',
    'mario@inspector.com',
    'mario@notlegalmail.it',
    'not an email',
    '',
  ];
  for (const email of pec) {
    it(`warns for ${email}`, () => assert.equal(looksLikePec(email), true));
  }
  for (const email of ordinary) {
    it(`does not warn for ${JSON.stringify(email)}`, () =>
      assert.equal(looksLikePec(email), false));
  }
});

describe('validators: typed input normalised before the checks', () => {
  it('a Partita IVA loses its spaces and an IT prefix, nothing else', () => {
    assert.equal(normalizePartitaIva(' 012 345 678 97 '), '01234567897');
    assert.equal(normalizePartitaIva('IT01234567897'), '01234567897');
    assert.equal(normalizePartitaIva('it 01234567897'), '01234567897');
    assert.deepEqual(checkPartitaIva(normalizePartitaIva('IT 012 345 678 97')), { ok: true });
    // Not a prefix before digits: left for the check to refuse.
    assert.equal(normalizePartitaIva('ITALIA'), 'ITALIA');
    assert.equal(normalizePartitaIva('0123-456'), '0123-456');
  });

  it('a CAP loses its spaces', () => {
    assert.equal(normalizeCap(' 10 121 '), '10121');
    assert.deepEqual(checkCap(normalizeCap(' 10 121 ')), { ok: true });
  });
});
