import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/cassa-holder-form/cassa-holder-form.ts';
import {
  draftToHolder,
  emptyHolderDraft,
  holderToDraft,
  type CassaHolderForm,
  type HolderDraft,
} from '../../../src/components/cassa-holder-form/cassa-holder-form.ts';
import { validateHolder } from '../../../src/domain/validators/holder.ts';
import { $, squash, type } from './fixtures.ts';

interface Options {
  value?: HolderDraft;
  serverErrors?: { path: string; code: string }[];
  withPassword?: boolean;
  busy?: boolean;
  locale?: 'it' | 'en';
}

const form = ({
  value = emptyHolderDraft(),
  serverErrors = [],
  withPassword = false,
  busy = false,
  locale = 'it',
}: Options = {}) =>
  fixture<CassaHolderForm>(
    html`<cassa-holder-form
      .value=${value}
      .serverErrors=${serverErrors}
      ?with-password=${withPassword}
      ?busy=${busy}
      locale=${locale}
    ></cassa-holder-form>`,
  );

/** A company whose every field passes the Italian checks. */
const valid: HolderDraft = {
  ...emptyHolderDraft(),
  name: 'Rossi Costruzioni S.r.l.',
  vatNumber: '01234567897',
  taxCode: '01234567897',
  street: 'Via Roma 1',
  postalCode: '10121',
  city: 'Torino',
  province: 'TO',
  email: 'amministrazione@rossicostruzioni.it',
  sdiCode: 'M5UXCR1',
};

const input = (el: CassaHolderForm, id: string) => $<HTMLInputElement>(el, `#${id}`);
/** The text tied to a field by aria-describedby: its error, warning or hint. */
const message = (el: CassaHolderForm, id: string) =>
  squash($(el, `#${input(el, id).getAttribute('aria-describedby')}`).innerText);
/** Types into a field and leaves it, as a buyer moving on with Tab would. */
function fill(el: CassaHolderForm, id: string, value: string) {
  const field = input(el, id);
  type(field, value, { commit: false });
  field.blur();
}
const submit = (el: CassaHolderForm) => $<HTMLButtonElement>(el, '[part="submit"]').click();

describe('cassa-holder-form: fields', () => {
  it('labels every field in Italian, with autocomplete tokens', async () => {
    const el = await form();
    const label = (id: string) => input(el, id).labels?.[0]?.textContent;
    expect(label('name')).to.equal('Ragione sociale');
    expect(label('vatNumber')).to.equal('Partita IVA');
    expect(label('taxCode')).to.equal('Codice Fiscale');
    expect(label('postalCode')).to.equal('CAP');
    expect(label('province')).to.equal('Provincia');
    expect(label('sdiCode')).to.equal('Codice Destinatario');
    expect(input(el, 'name').autocomplete).to.equal('organization');
    expect(input(el, 'street').autocomplete).to.equal('street-address');
    expect(input(el, 'postalCode').autocomplete).to.equal('postal-code');
    expect(input(el, 'city').autocomplete).to.equal('address-level2');
    expect(input(el, 'email').autocomplete).to.equal('email');
    expect(input(el, 'country').readOnly).to.equal(true);
    expect(input(el, 'country').value).to.equal('Italia');
    expect(squash($(el, '[part="submit"]').innerText)).to.equal('Prosegui');
  });

  it('labels every field in English', async () => {
    const el = await form({ locale: 'en' });
    expect(input(el, 'name').labels?.[0]?.textContent).to.equal('Company name');
    expect(input(el, 'vatNumber').labels?.[0]?.textContent).to.equal('VAT number (Partita IVA)');
    expect(input(el, 'country').value).to.equal('Italy');
    expect(squash($(el, '[part="submit"]').innerText)).to.equal('Continue');
  });

  it('asks a professional for first and last name', async () => {
    const el = await form();
    $<HTMLInputElement>(el, 'input[name="type"][value="professional"]').click();
    await el.updateComplete;
    expect(input(el, 'name').labels?.[0]?.textContent).to.equal('Nome e cognome');
    expect(input(el, 'name').autocomplete).to.equal('name');
  });

  it('adds a new-password field for registration', async () => {
    const el = await form({ withPassword: true });
    expect(input(el, 'password').type).to.equal('password');
    expect(input(el, 'password').autocomplete).to.equal('new-password');
  });

  it('fires cassa-holder-input with the whole draft on every change, province upper-cased', async () => {
    const el = await form({ value: valid });
    setTimeout(() => type(input(el, 'province'), 'mi', { commit: false }));
    const event = await oneEvent(el, 'cassa-holder-input');
    expect(event.detail.value).to.deep.equal({ ...valid, province: 'MI' });
    await el.updateComplete;
    expect(input(el, 'province').value).to.equal('MI');
  });

  it('shows the Codice Destinatario field or the PEC field, as chosen', async () => {
    const el = await form();
    expect(el.shadowRoot!.querySelector('#pec')).to.equal(null);
    $<HTMLInputElement>(el, 'input[name="eInvoiceKind"][value="pec"]').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#sdiCode')).to.equal(null);
    expect(input(el, 'pec').labels?.[0]?.textContent).to.equal('Indirizzo PEC per la fattura');
  });

  it('offers a help toggletip about the Codice Destinatario', async () => {
    const el = await form();
    const tip = $(el, 'cassa-toggletip');
    expect(tip.getAttribute('label')).to.equal('Cos’è il Codice Destinatario?');
    expect(tip.textContent).to.include('Sistema di Interscambio');
  });
});

describe('cassa-holder-form: the Codice Destinatario for a public administration', () => {
  // A public administration types its 6-character Codice Univoco Ufficio (the CIG and CUP fields
  // appear only once it is typed): the hint and the help it reads first say so, it and en.
  const cases = {
    it: {
      hint: 'Aziende e professionisti: 7 caratteri, dal software di fatturazione. Pubblica Amministrazione: Codice Univoco Ufficio, 6 caratteri.',
      tip: 'Una Pubblica Amministrazione indica il suo Codice Univoco Ufficio, di 6 caratteri, pubblicato sull’Indice PA (IPA).',
    },
    en: {
      hint: 'Businesses and professionals: 7 characters, from your invoicing software. Public administrations: the Codice Univoco Ufficio, 6 characters.',
      tip: 'A public administration gives its Codice Univoco Ufficio, 6 characters, published in the IPA index (Indice PA).',
    },
  };
  for (const [locale, { hint, tip }] of Object.entries(cases) as ['it' | 'en', typeof cases.it][]) {
    it(`the hint tied to the field and the help name the office code's 6 characters (${locale})`, async () => {
      const el = await form({ locale });
      const field = input(el, 'sdiCode');
      const described = () =>
        squash(el.shadowRoot!.getElementById(field.getAttribute('aria-describedby')!)!.textContent);
      expect(described()).to.equal(hint);
      expect(squash($(el, 'cassa-toggletip').textContent)).to.contain(tip);
      // Typing an office code keeps the same hint, and the PA's fields appear.
      type(field, 'UFABCD', { commit: false });
      await el.updateComplete;
      expect(described()).to.equal(hint);
      expect(el.shadowRoot!.querySelector('#cig')).not.to.equal(null);
    });
  }
});

describe('cassa-holder-form: Italian checks, on blur of a typed field', () => {
  const cases: [string, string, string, string][] = [
    [
      'vatNumber',
      '12345678901',
      'Partita IVA non valida: controlla le cifre.',
      'This VAT number is not valid: check the digits.',
    ],
    [
      'taxCode',
      'RSSMRA85T10A562X',
      'Codice Fiscale non valido: controlla i caratteri.',
      'This tax code is not valid: check the characters.',
    ],
    ['postalCode', '1012', 'Il CAP è composto da 5 cifre.', 'The postcode (CAP) has 5 digits.'],
    [
      'province',
      'XX',
      'Sigla della provincia non riconosciuta (es. TO, MI, RM).',
      'Unknown province code (e.g. TO, MI, RM).',
    ],
    [
      'sdiCode',
      'ABC',
      'Il Codice Destinatario ha 7 caratteri (6 per la Pubblica Amministrazione).',
      'The recipient code (Codice Destinatario) has 7 characters (6 for public administrations).',
    ],
    [
      'sdiCode',
      '0000000',
      '0000000 vuol dire «nessun codice»: scegli PEC e indica l’indirizzo su cui ricevere la fattura.',
      '0000000 means “no code”: choose PEC and enter the address that should receive the invoice.',
    ],
  ];
  for (const [id, bad, italian, english] of cases) {
    it(`refuses a bad ${id}: "${bad}"`, async () => {
      for (const [locale, text] of [
        ['it', italian],
        ['en', english],
      ] as const) {
        const el = await form({ value: valid, locale });
        type(input(el, id), bad, { commit: false });
        await el.updateComplete;
        expect(input(el, id).getAttribute('aria-invalid'), 'not while typing').to.equal('false');
        input(el, id).blur();
        await el.updateComplete;
        expect(input(el, id).getAttribute('aria-invalid')).to.equal('true');
        expect(message(el, id)).to.equal(text);
      }
    });
  }

  it('clears the error as soon as the value is fixed', async () => {
    const el = await form({ value: valid });
    fill(el, 'postalCode', '1012');
    await el.updateComplete;
    expect(message(el, 'postalCode')).to.equal('Il CAP è composto da 5 cifre.');
    type(input(el, 'postalCode'), '10121', { commit: false });
    await el.updateComplete;
    expect(input(el, 'postalCode').getAttribute('aria-invalid')).to.equal('false');
    expect(message(el, 'postalCode')).to.equal('');
  });

  it('warns — without an error — when the email looks like a PEC, and still submits', async () => {
    for (const [locale, text] of [
      ['it', 'Sembra una casella PEC'],
      ['en', 'This looks like a PEC address'],
    ] as const) {
      const el = await form({ value: valid, locale });
      fill(el, 'email', 'mario.rossi@pec.it');
      await el.updateComplete;
      const email = input(el, 'email');
      expect(email.getAttribute('aria-invalid')).to.equal('false');
      expect(message(el, 'email')).to.include(text);
      expect($(el, `#${email.getAttribute('aria-describedby')}`).className).to.equal('warning');
      expect(el.shadowRoot!.querySelectorAll('cassa-toggletip').length).to.equal(2);
      setTimeout(() => submit(el));
      const event = await oneEvent(el, 'cassa-holder-submit');
      expect(event.detail.holder.email).to.equal('mario.rossi@pec.it');
    }
  });
});

describe('cassa-holder-form: server errors', () => {
  it('shows each server error on its field, with a fallback for unknown codes', async () => {
    const el = await form({
      value: valid,
      locale: 'en',
      serverErrors: [
        { path: 'address.postalCode', code: 'cap.format' },
        { path: 'vatNumber', code: 'piva.checksum' },
        { path: 'eInvoice.sdiCode', code: 'sdi.revoked' },
      ],
    });
    expect(input(el, 'postalCode').getAttribute('aria-invalid')).to.equal('true');
    expect(message(el, 'postalCode')).to.equal('The postcode (CAP) has 5 digits.');
    expect(message(el, 'vatNumber')).to.equal('This VAT number is not valid: check the digits.');
    expect(message(el, 'sdiCode')).to.equal('Invalid value.');
    expect(input(el, 'city').getAttribute('aria-invalid')).to.equal('false');
  });

  it('moves the focus to the first field of new server errors (a 422 after submitting)', async () => {
    const el = await form({ value: valid, withPassword: true });
    $<HTMLButtonElement>(el, '[part="submit"]').focus();
    el.serverErrors = [
      { path: 'address.postalCode', code: 'cap.format' },
      { path: 'vatNumber', code: 'piva.checksum' },
    ];
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'vatNumber'));
  });

  it('drops a server error once the buyer edits that field', async () => {
    const el = await form({
      value: valid,
      serverErrors: [{ path: 'address.city', code: 'required' }],
    });
    expect(message(el, 'city')).to.equal('Campo obbligatorio.');
    type(input(el, 'city'), 'Torino centro', { commit: false });
    await el.updateComplete;
    expect(message(el, 'city')).to.equal('');
  });
});

describe('cassa-holder-form: submit', () => {
  it('on a failed submit shows every error and focuses the first invalid field', async () => {
    const el = await form({ value: { ...valid, vatNumber: '123', postalCode: '' } });
    let submitted = false;
    el.addEventListener('cassa-holder-submit', () => (submitted = true));
    submit(el);
    await el.updateComplete;
    await el.updateComplete;
    expect(submitted).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'vatNumber'));
    expect(message(el, 'vatNumber')).to.equal('La Partita IVA è composta da 11 cifre.');
    expect(message(el, 'postalCode')).to.equal('Campo obbligatorio.');
  });

  it('focuses the first invalid field of an empty form (the name)', async () => {
    const el = await form();
    submit(el);
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'name'));
  });

  it('submits, with Enter, a holder typed field by field that passes validateHolder', async () => {
    const el = await form({ withPassword: true });
    $<HTMLInputElement>(el, 'input[name="type"][value="professional"]').click();
    fill(el, 'name', 'Mario Rossi');
    fill(el, 'vatNumber', '01234567897');
    fill(el, 'taxCode', 'rssmra85t10a562s');
    fill(el, 'street', 'Via Roma 1');
    fill(el, 'postalCode', '10121');
    fill(el, 'city', 'Torino');
    fill(el, 'province', 'to');
    fill(el, 'email', 'mario@rossi.it');
    fill(el, 'sdiCode', 'm5uxcr1');
    fill(el, 'password', 'segreta-lunga-123');
    await el.updateComplete;
    input(el, 'password').focus();
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const event = await oneEvent(el, 'cassa-holder-submit');
    const { holder, password } = event.detail;
    expect(validateHolder(holder).errors).to.deep.equal([]);
    expect(holder).to.deep.equal({
      type: 'professional',
      name: 'Mario Rossi',
      vatNumber: '01234567897',
      taxCode: 'RSSMRA85T10A562S',
      address: {
        street: 'Via Roma 1',
        postalCode: '10121',
        city: 'Torino',
        province: 'TO',
        country: 'IT',
      },
      email: 'mario@rossi.it',
      eInvoice: { sdiCode: 'M5UXCR1' },
    });
    expect(password).to.equal('segreta-lunga-123');
  });

  it('refuses a short password', async () => {
    const el = await form({ value: valid, withPassword: true, locale: 'en' });
    fill(el, 'password', 'corta');
    submit(el);
    await el.updateComplete;
    await el.updateComplete;
    expect(message(el, 'password')).to.equal('The password needs at least 12 characters.');
    expect(el.shadowRoot!.activeElement).to.equal(input(el, 'password'));
  });

  it("shows the server's common-password refusal next to the password, in the form's language", async () => {
    for (const [locale, text] of [
      ['en', 'This password is one of the most used and easiest to guess: choose another one.'],
      ['it', 'Questa password è tra le più usate e facili da indovinare: scegline un’altra.'],
    ] as const) {
      const el = await form({ value: valid, withPassword: true, locale });
      fill(el, 'password', 'qwerty123456');
      el.serverErrors = [{ path: 'password', code: 'password.common' }];
      await el.updateComplete;
      await el.updateComplete;
      expect(message(el, 'password')).to.equal(text);
      expect(input(el, 'password').getAttribute('aria-invalid')).to.equal('true');
    }
  });

  it('submits the PEC as e-invoice identifier when chosen', async () => {
    const el = await form({ value: { ...valid, eInvoiceKind: 'pec', pec: 'rossi@legalmail.it' } });
    setTimeout(() => submit(el));
    const event = await oneEvent(el, 'cassa-holder-submit');
    expect(event.detail.holder.eInvoice).to.deep.equal({ pec: 'rossi@legalmail.it' });
    expect('password' in event.detail).to.equal(false);
  });

  it('while busy, disables the button and says so', async () => {
    const el = await form({ value: valid, busy: true });
    const button = $<HTMLButtonElement>(el, '[part="submit"]');
    expect(button.disabled).to.equal(true);
    expect(squash(button.innerText)).to.equal('Invio in corso…');
  });

  it('takes codes typed with spaces or an IT prefix whole, and submits them without', async () => {
    const el = await form({
      value: { ...valid, vatNumber: '', taxCode: '', postalCode: '', sdiCode: '' },
    });
    // Typed with the real keyboard: a field limited to the code's length would cut them short.
    for (const [id, typed] of [
      ['vatNumber', 'IT 012 345 678 97'],
      ['taxCode', ' 0123 4567 897 '],
      ['postalCode', ' 10 121'],
      ['sdiCode', ' krrh6b9'],
    ]) {
      input(el, id!).focus();
      await sendKeys({ type: typed! });
      expect(input(el, id!).value, id).to.equal(typed);
      input(el, id!).blur();
    }
    await el.updateComplete;
    for (const id of ['vatNumber', 'taxCode', 'postalCode', 'sdiCode']) {
      expect(input(el, id).getAttribute('aria-invalid'), id).to.equal('false');
    }
    setTimeout(() => submit(el));
    const { holder } = (await oneEvent(el, 'cassa-holder-submit')).detail;
    expect(holder.vatNumber).to.equal('01234567897');
    expect(holder.taxCode).to.equal('01234567897');
    expect(holder.address.postalCode).to.equal('10121');
    expect(holder.eInvoice).to.deep.equal({ sdiCode: 'KRRH6B9' });
  });

  it('refuses, in Italian and English, a PEC that the FatturaPA 1.2.2 schema refuses', async () => {
    const el = await form({ value: { ...valid, eInvoiceKind: 'pec', pec: '' } });
    fill(el, 'pec', 'studio.nandù@pec.it');
    await el.updateComplete;
    expect(input(el, 'pec').getAttribute('aria-invalid')).to.equal('true');
    expect(message(el, 'pec')).to.contain('lettere senza accenti');
    el.locale = 'en';
    await el.updateComplete;
    expect(message(el, 'pec')).to.contain('unaccented letters');
  });

  it('refuses XXXXXXX for an Italian holder', async () => {
    const el = await form({ value: { ...valid, sdiCode: '' } });
    fill(el, 'sdiCode', 'XXXXXXX');
    await el.updateComplete;
    expect(message(el, 'sdiCode')).to.contain('destinatari esteri');
  });

  it('for a 6-character office code, asks for optional CIG and CUP and submits them normalised', async () => {
    const el = await form({ value: { ...valid, vatNumber: '', sdiCode: '' } });
    expect(el.shadowRoot!.querySelector('#cig')).to.equal(null);
    fill(el, 'sdiCode', 'ufabcd');
    await el.updateComplete;
    expect(squash($(el, '[part="public-administration"]').innerText)).to.contain('FPA12');
    expect(squash($(el, 'label[for="cig"]').innerText)).to.equal('CIG (facoltativo)');
    fill(el, 'cig', 'z1a2b3');
    await el.updateComplete;
    expect(message(el, 'cig')).to.equal('Il CIG ha 10 caratteri.');
    fill(el, 'cig', ' z1a2b3c4d5 ');
    fill(el, 'cup', 'j51b20000120001');
    await el.updateComplete;
    setTimeout(() => submit(el));
    const { holder } = (await oneEvent(el, 'cassa-holder-submit')).detail;
    expect(holder.eInvoice).to.deep.equal({ sdiCode: 'UFABCD' });
    expect(holder.cig).to.equal('Z1A2B3C4D5');
    expect(holder.cup).to.equal('J51B20000120001');
    expect('vatNumber' in holder).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('says a 6-character code in invalid form is not an office code', async () => {
    const el = await form({ value: { ...valid, sdiCode: '' } });
    fill(el, 'sdiCode', '000000');
    await el.updateComplete;
    expect(message(el, 'sdiCode')).to.contain('IPA');
  });

  it('round-trips a registered holder through a draft', () => {
    const holder = draftToHolder(valid);
    expect(draftToHolder(holderToDraft(holder))).to.deep.equal(holder);
  });

  it('is accessible, empty and full of errors', async () => {
    const el = await form({ withPassword: true });
    await expect(el).to.be.accessible();
    submit(el);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
