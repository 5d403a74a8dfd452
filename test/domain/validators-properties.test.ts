// Property tests: the checks agree with independent reference implementations written from the
// published rules, on every generated input rather than a handful of samples.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkCodiceFiscale, checkPartitaIva } from '../../src/domain/validators/index.ts';

/** Luhn as usually stated: from the right, double every second digit; valid when sum ≡ 0. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((character, fromRight) => {
    const digit = Number(character);
    const weighted = fromRight % 2 === 1 ? digit * 2 : digit;
    sum += Math.floor(weighted / 10) + (weighted % 10);
  });
  return sum % 10 === 0;
}

function luhnCheckDigit(prefix: string): string {
  const digit = '0123456789'.split('').find((candidate) => luhnValid(prefix + candidate));
  assert.ok(digit !== undefined);
  return digit;
}

// Official tables (Agenzia delle Entrate), written out character by character.
// prettier-ignore
const ODD_TABLE: Record<string, number> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};
// prettier-ignore
const EVEN_TABLE: Record<string, number> = {
  '0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9,
  A: 0, B: 1, C: 2, D: 3, E: 4, F: 5, G: 6, H: 7, I: 8, J: 9, K: 10, L: 11, M: 12,
  N: 13, O: 14, P: 15, Q: 16, R: 17, S: 18, T: 19, U: 20, V: 21, W: 22, X: 23, Y: 24, Z: 25,
};
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const OMOCODIA = 'LMNPQRSTUV';
/** Indices of the 7th, 8th, 10th, 11th, 13th, 14th and 15th characters. */
const OMOCODIA_POSITIONS = [6, 7, 9, 10, 12, 13, 14];

function referenceCheckChar(first15: string): string {
  let sum = 0;
  for (let position = 1; position <= 15; position++) {
    const character = first15.charAt(position - 1);
    sum += (position % 2 === 1 ? ODD_TABLE : EVEN_TABLE)[character] ?? Number.NaN;
  }
  return ALPHABET.charAt(sum % 26);
}

const letter = fc.constantFrom(...ALPHABET);
const digit = fc.constantFrom(...'0123456789');
const twoDigits = (min: number, max: number) =>
  fc.integer({ min, max }).map((value) => String(value).padStart(2, '0'));

/** The first 15 characters of a plausible person's code, digits not yet omocodic. */
const personPrefix = fc
  .tuple(
    fc.array(letter, { minLength: 6, maxLength: 6 }),
    twoDigits(0, 99),
    fc.constantFrom(...'ABCDEHLMPRST'),
    fc.oneof(twoDigits(1, 31), twoDigits(41, 71)),
    letter,
    fc.array(digit, { minLength: 3, maxLength: 3 }),
  )
  .map(
    ([names, year, month, day, placeLetter, placeDigits]) =>
      names.join('') + year + month + day + placeLetter + placeDigits.join(''),
  );

function omocodic(prefix: string, positions: readonly number[]): string {
  const characters = [...prefix];
  for (const position of positions) {
    characters[position] = OMOCODIA.charAt(Number(characters[position]));
  }
  return characters.join('');
}

const tenDigits = fc
  .array(digit, { minLength: 10, maxLength: 10 })
  .map((digits) => digits.join(''))
  .filter((prefix) => prefix !== '0000000000');

describe('validators (properties): Partita IVA', () => {
  it('accepts every 10-digit prefix followed by its check digit', () => {
    fc.assert(
      fc.property(tenDigits, (prefix) => {
        assert.deepEqual(checkPartitaIva(prefix + luhnCheckDigit(prefix)), { ok: true });
      }),
    );
  });

  it('rejects every other last digit with piva.checksum', () => {
    fc.assert(
      fc.property(tenDigits, digit, (prefix, last) => {
        fc.pre(last !== luhnCheckDigit(prefix));
        assert.deepEqual(checkPartitaIva(prefix + last), { ok: false, code: 'piva.checksum' });
      }),
    );
  });

  it('detects any single changed digit', () => {
    fc.assert(
      fc.property(tenDigits, fc.nat(10), fc.integer({ min: 1, max: 9 }), (prefix, at, shift) => {
        const valid = prefix + luhnCheckDigit(prefix);
        const changed = (Number(valid.charAt(at)) + shift) % 10;
        const mistyped = valid.slice(0, at) + changed + valid.slice(at + 1);
        assert.equal(checkPartitaIva(mistyped).ok, false, mistyped);
      }),
    );
  });
});

describe('validators (properties): codice fiscale', () => {
  it('accepts every well-formed code with its check character, in any case', () => {
    fc.assert(
      fc.property(personPrefix, (prefix) => {
        const code = prefix + referenceCheckChar(prefix);
        assert.deepEqual(checkCodiceFiscale(code), { ok: true }, code);
        assert.deepEqual(checkCodiceFiscale(code.toLowerCase()), { ok: true }, code);
      }),
    );
  });

  it('stays valid under omocodia of any subset of digit positions, check recomputed', () => {
    fc.assert(
      fc.property(personPrefix, fc.subarray(OMOCODIA_POSITIONS), (prefix, positions) => {
        const variant = omocodic(prefix, positions);
        const code = variant + referenceCheckChar(variant);
        assert.deepEqual(checkCodiceFiscale(code), { ok: true }, code);
      }),
    );
  });

  it('fails with cf.checksum when the check character is any other letter', () => {
    fc.assert(
      fc.property(
        personPrefix,
        fc.subarray(OMOCODIA_POSITIONS),
        letter,
        (prefix, positions, checkChar) => {
          const variant = omocodic(prefix, positions);
          fc.pre(checkChar !== referenceCheckChar(variant));
          assert.deepEqual(checkCodiceFiscale(variant + checkChar), {
            ok: false,
            code: 'cf.checksum',
          });
        },
      ),
    );
  });

  // Only one: two substitutions can cancel out (0 → L adds 3 and 7 → T takes 3 away at odd
  // positions), exactly as two typos can.
  it('fails when one omocodic letter is applied without recomputing the check character', () => {
    fc.assert(
      fc.property(personPrefix, fc.constantFrom(...OMOCODIA_POSITIONS), (prefix, position) => {
        const code = omocodic(prefix, [position]) + referenceCheckChar(prefix);
        assert.deepEqual(checkCodiceFiscale(code), { ok: false, code: 'cf.checksum' }, code);
      }),
    );
  });

  it('detects any single mistyped character before the check character', () => {
    const numeric = new Set(OMOCODIA_POSITIONS);
    fc.assert(
      fc.property(
        personPrefix,
        fc.nat(14),
        fc.constantFrom(...ALPHABET, ...'0123456789'),
        (prefix, at, replacement) => {
          const original = prefix.charAt(at);
          // Keep the character class of the position, so only the check can catch it.
          fc.pre(replacement !== original);
          fc.pre(numeric.has(at) ? /[0-9LMNPQRSTUV]/.test(replacement) : /[A-Z]/.test(replacement));
          const code = prefix + referenceCheckChar(prefix);
          const mistyped = code.slice(0, at) + replacement + code.slice(at + 1);
          assert.equal(checkCodiceFiscale(mistyped).ok, false, mistyped);
        },
      ),
    );
  });

  it('accepts an 11-digit code exactly when the Partita IVA rule does', () => {
    fc.assert(
      fc.property(tenDigits, digit, (prefix, last) => {
        const expected = last === luhnCheckDigit(prefix);
        assert.equal(checkCodiceFiscale(prefix + last).ok, expected);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const result = checkCodiceFiscale(text);
        if (!result.ok) assert.match(result.code, /^(required|cf\.format|cf\.checksum)$/);
      }),
    );
  });
});
