import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/cassa-payment-chooser/cassa-payment-chooser.ts';
import type {
  CassaPaymentChooser,
  PaymentChoice,
} from '../../../src/components/cassa-payment-chooser/cassa-payment-chooser.ts';
import type { SavedPaymentMethod } from '../../../src/api/schemas.ts';
import type { PaymentMethodType } from '../../../src/domain/catalog.ts';
import { $, $$, squash, type, visibleText } from './fixtures.ts';

const PLATFORM: PaymentMethodType[] = ['card', 'paypal', 'bank_transfer', 'postal_slip'];
const SAVED: SavedPaymentMethod[] = [
  { id: 'pm_1', type: 'card', label: 'Visa •••• 4242' },
  { id: 'pm_2', type: 'paypal', label: 'PayPal r***@rossicostruzioni.it' },
];

interface Options {
  methods?: PaymentMethodType[];
  saved?: SavedPaymentMethod[];
  value?: PaymentChoice | null;
  topUp?: { minimumCents: number; valueCents: number } | null;
  locale?: 'it' | 'en';
}

const chooser = ({
  methods = PLATFORM,
  saved = [],
  value = null,
  topUp = null,
  locale = 'it',
}: Options = {}) =>
  fixture<CassaPaymentChooser>(
    html`<cassa-payment-chooser
      .methods=${methods}
      .saved=${saved}
      .value=${value}
      .topUp=${topUp}
      locale=${locale}
    ></cassa-payment-chooser>`,
  );

/** The option cards in screen order, as "label — note" text. */
const options = (el: CassaPaymentChooser) =>
  $$(el, '[part="method"]').map((card) => squash(card.querySelector('label')?.textContent));
const option = (el: CassaPaymentChooser, label: string) => {
  const card = $$(el, '[part="method"]').find(
    (c) => squash(c.querySelector('label')?.textContent) === label,
  );
  if (!card) throw new Error(`no option ${label}`);
  return card.querySelector('input')!;
};
const disclosure = (el: CassaPaymentChooser) => $<HTMLButtonElement>(el, 'button[aria-expanded]');

describe('cassa-payment-chooser: options', () => {
  it('offers card and PayPal to a new customer, in Italian, explaining the secure page', async () => {
    const el = await chooser();
    expect(options(el).slice(0, 2)).to.deep.equal(['Carta di credito', 'PayPal']);
    expect(visibleText(el)).to.include('pagina sicura del gestore dei pagamenti');
    expect(visibleText(el)).not.to.include('Bonifico');
  });

  it('lists saved cards and PayPal accounts before the "add a new one" choices', async () => {
    const el = await chooser({ saved: SAVED });
    expect(options(el).slice(0, 4)).to.deep.equal([
      'Visa •••• 4242',
      'Aggiungi una nuova carta',
      'PayPal r***@rossicostruzioni.it',
      'Collega un nuovo account PayPal',
    ]);
  });

  it('speaks English', async () => {
    const el = await chooser({ saved: SAVED, locale: 'en' });
    expect(options(el).slice(0, 4)).to.deep.equal([
      'Visa •••• 4242',
      'Add a new card',
      'PayPal r***@rossicostruzioni.it',
      'Link a new PayPal account',
    ]);
    expect(squash(disclosure(el).textContent)).to.equal('Other payment methods');
  });

  it('fires cassa-payment-change for a saved card, by click', async () => {
    const el = await chooser({ saved: SAVED });
    setTimeout(() => option(el, 'Visa •••• 4242').click());
    const event = await oneEvent(el, 'cassa-payment-change');
    expect(event.detail).to.deep.equal({ value: { type: 'card', savedId: 'pm_1' } });
  });

  it('moves to the next option with the arrow keys', async () => {
    const el = await chooser({ saved: SAVED, value: { type: 'card', savedId: 'pm_1' } });
    option(el, 'Visa •••• 4242').focus();
    setTimeout(() => sendKeys({ press: 'ArrowDown' }));
    const event = await oneEvent(el, 'cassa-payment-change');
    expect(event.detail.value).to.deep.equal({ type: 'card' });
  });

  it('turns on automatic renewal for card and PayPal, and says so with a help toggletip', async () => {
    const el = await chooser({ value: { type: 'paypal' } });
    expect(visibleText(el)).to.include(
      'si attiva il rinnovo automatico, addebitato 7 giorni prima della scadenza',
    );
    expect($(el, 'cassa-toggletip').getAttribute('label')).to.equal(
      'Che cos’è il rinnovo automatico?',
    );
  });
});

describe('cassa-payment-chooser: at 320 px', () => {
  it('wraps a long saved PayPal email inside its card instead of overflowing the widget', async () => {
    const el = await chooser({
      saved: [
        {
          id: 'pm_long',
          type: 'paypal',
          label: 'PayPal amministrazione.contabilita.fornitori@rossicostruzioniedilizia.example',
        },
      ],
    });
    el.style.display = 'block';
    el.style.width = '320px';
    const right = el.getBoundingClientRect().right;
    const wide = $$(el, '[part="method"], [part="method"] *').filter(
      (e) => e.getBoundingClientRect().right > right + 1,
    );
    expect(wide.map((e) => squash(e.textContent).slice(0, 40))).to.deep.equal([]);
    expect(options(el)).to.include(
      'PayPal amministrazione.contabilita.fornitori@rossicostruzioniedilizia.example',
    );
  });
});

describe('cassa-payment-chooser: other methods', () => {
  it('hides bank transfer and postal slip behind a disclosure button', async () => {
    const el = await chooser();
    const button = disclosure(el);
    expect(squash(button.textContent)).to.equal('Altre modalità di pagamento');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    const region = $(el, `#${button.getAttribute('aria-controls')}`);
    expect(region.hidden).to.equal(true);
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(region.hidden).to.equal(false);
    expect(squash(region.innerText)).to.include('Bonifico');
    expect(squash(region.innerText)).to.include('Bollettino postale');
    expect(squash(region.innerText)).to.include('Il pagamento non è immediato');
    expect(squash(region.innerText)).to.include('numero d’ordine');
  });

  it('opens by keyboard and lets the buyer pick a postal slip, with no renewal note', async () => {
    const el = await chooser({ locale: 'en' });
    disclosure(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    setTimeout(() => option(el, 'Postal slip (bollettino)').click());
    const event = await oneEvent(el, 'cassa-payment-change');
    expect(event.detail.value).to.deep.equal({ type: 'postal_slip' });
    await el.updateComplete;
    expect(visibleText(el)).to.include('the order waits until your payment arrives');
    expect(visibleText(el)).not.to.include('automatic renewal');
  });

  it('is open from the start when the chosen method is one of them', async () => {
    const el = await chooser({ value: { type: 'bank_transfer' } });
    expect(disclosure(el).getAttribute('aria-expanded')).to.equal('true');
    expect(option(el, 'Bonifico').checked).to.equal(true);
  });
});

describe('cassa-payment-chooser: PEC add-ons credit', () => {
  it('asks for a top-up of at least the minimum, and sends it with the method', async () => {
    const el = await chooser({
      methods: ['card', 'credit'],
      topUp: { minimumCents: 1586, valueCents: 1586 },
    });
    expect(options(el)).to.deep.equal(['Carta di credito']);
    const field = $<HTMLInputElement>(el, '#topup');
    expect(field.value).to.equal('15,86');
    expect(squash($(el, '#topup-m').innerText)).to.include('Minimo 15,86 €');
    setTimeout(() => option(el, 'Carta di credito').click());
    const event = await oneEvent(el, 'cassa-payment-change');
    expect(event.detail).to.deep.equal({ value: { type: 'card' }, topUpCents: 1586 });
  });

  it('refuses a top-up below the minimum, in both languages', async () => {
    for (const [locale, text] of [
      ['it', 'La ricarica deve essere almeno pari al minimo indicato.'],
      ['en', 'The top-up must be at least the minimum shown.'],
    ] as const) {
      const el = await chooser({
        methods: ['card', 'credit'],
        value: { type: 'card' },
        topUp: { minimumCents: 1586, valueCents: 1586 },
        locale,
      });
      let events = 0;
      el.addEventListener('cassa-payment-change', () => events++);
      type($<HTMLInputElement>(el, '#topup'), '10');
      await el.updateComplete;
      expect($(el, '#topup').getAttribute('aria-invalid')).to.equal('true');
      expect(squash($(el, '#topup-m').innerText)).to.include(text);
      expect(events).to.equal(0);
    }
  });

  it('drops a top-up error as soon as the typed amount is right, before the field is left', async () => {
    const el = await chooser({
      methods: ['card', 'credit'],
      value: { type: 'card' },
      topUp: { minimumCents: 1586, valueCents: 1586 },
    });
    const field = $<HTMLInputElement>(el, '#topup');
    type(field, '10');
    await el.updateComplete;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    field.focus();
    field.select();
    await sendKeys({ type: '200' });
    await el.updateComplete;
    expect(field.value, 'typing is not disturbed').to.equal('200');
    expect(field.getAttribute('aria-invalid'), 'the error went while typing').to.equal('false');
    setTimeout(() => field.blur());
    const event = await oneEvent(el, 'cassa-payment-change');
    expect(event.detail.topUpCents).to.equal(20000);
  });

  it('accepts a larger top-up typed with a comma', async () => {
    const el = await chooser({
      methods: ['card', 'credit'],
      value: { type: 'card' },
      topUp: { minimumCents: 1586, valueCents: 1586 },
    });
    setTimeout(() => type($<HTMLInputElement>(el, '#topup'), '20,5'));
    const event = await oneEvent(el, 'cassa-payment-change');
    expect(event.detail).to.deep.equal({ value: { type: 'card' }, topUpCents: 2050 });
  });

  it('reads amounts as a buyer writes them, and refuses the ambiguous or absurd ones', async () => {
    const el = await chooser({
      methods: ['card', 'credit'],
      value: { type: 'card' },
      topUp: { minimumCents: 1586, valueCents: 1586 },
    });
    const sent: unknown[] = [];
    el.addEventListener('cassa-payment-change', (e) => sent.push(e.detail.topUpCents));
    const cases: [string, string][] = [
      ['1.000,50', ''],
      ['1,000.50', ''],
      ['20', ''],
      ['1.000', 'Valore non valido.'],
      ['15,867', 'Valore non valido.'],
      ['-20', 'Valore non valido.'],
      ['10000,01', 'La ricarica può essere al massimo di 10.000,00 €.'],
    ];
    for (const [typed, error] of cases) {
      type($<HTMLInputElement>(el, '#topup'), typed);
      await el.updateComplete;
      const text = squash($(el, '#topup-m').innerText);
      if (error) expect(text, typed).to.include(error);
      else expect($(el, '#topup').getAttribute('aria-invalid'), typed).to.equal('false');
    }
    expect(sent).to.deep.equal([100050, 100050, 2000]);
  });

  it('with a minimum of 0, a card top-up of 0 is refused: that is paying from credit', async () => {
    const el = await chooser({
      methods: ['card', 'credit'],
      value: { type: 'card' },
      topUp: { minimumCents: 0, valueCents: 0 },
    });
    expect(el.reportValidity()).to.equal(false);
    await el.updateComplete;
    expect(squash($(el, '#topup-m').innerText)).to.include(
      'Con la carta indica una ricarica maggiore di zero',
    );
    expect(el.shadowRoot!.activeElement?.id).to.equal('topup');
  });

  it('offers paying from credit only when the credit covers a year (minimum 0)', async () => {
    const el = await chooser({
      methods: ['card', 'credit'],
      topUp: { minimumCents: 0, valueCents: 0 },
    });
    expect(options(el)).to.deep.equal(['Carta di credito', 'Credito disponibile']);
    setTimeout(() => option(el, 'Credito disponibile').click());
    const event = await oneEvent(el, 'cassa-payment-change');
    expect(event.detail).to.deep.equal({ value: { type: 'credit' } });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#topup')).to.equal(null);
  });

  it('is accessible, closed, open and with a top-up error', async () => {
    const el = await chooser({ saved: SAVED, value: { type: 'card', savedId: 'pm_1' } });
    await expect(el).to.be.accessible();
    disclosure(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const pec = await chooser({
      methods: ['card', 'credit'],
      value: { type: 'card' },
      topUp: { minimumCents: 1586, valueCents: 1586 },
    });
    type($<HTMLInputElement>(pec, '#topup'), '1');
    await pec.updateComplete;
    await expect(pec).to.be.accessible();
  });
});
