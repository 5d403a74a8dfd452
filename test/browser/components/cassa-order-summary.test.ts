import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/cassa-order-summary/cassa-order-summary.ts';
import type { CassaOrderSummary } from '../../../src/components/cassa-order-summary/cassa-order-summary.ts';
import type { Product } from '../../../src/domain/catalog.ts';
import { priceSelection } from '../../../src/domain/pricing.ts';
import type { Quote } from '../../../src/domain/types.ts';
import { $, $$, pecAddons, plans, platformAddons, squash, visibleText } from './fixtures.ts';

const common = {
  currency: 'EUR' as const,
  vatRateBasisPoints: 2200,
  eligibleCustomers: ['company' as const, 'professional' as const],
  termsUrl: '/condizioni-generali.html',
};
const platform: Product = {
  ...common,
  id: 'certified-platform',
  name: { it: 'Certified Platform', en: 'Certified Platform' },
  pricing: 'term',
  terms: [1, 2],
  paymentMethods: ['card', 'paypal', 'bank_transfer', 'postal_slip'],
  plans,
  addons: platformAddons,
};
const pec: Product = {
  ...common,
  id: 'pec-addons',
  name: { it: 'Servizi aggiuntivi casella PEC', en: 'PEC mailbox add-ons' },
  pricing: 'coterm',
  terms: [1],
  paymentMethods: ['card', 'credit'],
  plans: [{ id: 'member', name: { it: 'Casella', en: 'Mailbox' }, yearlyCents: 0, includes: [] }],
  addons: pecAddons,
};

const TODAY = '2026-01-15';
/** The seed's example: 3 GB extra space + conservation, on a mailbox expiring on `expiresOn`. */
function pecQuote(expiresOn: string, locale: 'it' | 'en' = 'it'): Quote {
  const addons = [
    { id: 'extra-space', quantity: 3 },
    { id: 'conservation', quantity: 1 },
  ];
  const result = priceSelection(
    pec,
    { productId: 'pec-addons', planId: 'member', years: 1, addons, subscriptionId: 'mbx' },
    { today: TODAY, subscription: { expiresOn, creditCents: 0 }, locale },
  );
  if (!result.ok) throw new Error('bad fixture');
  return result.quote;
}
function platformQuote(years: number, users = 0): Quote {
  const addons = users ? [{ id: 'extra-users', quantity: users }] : [];
  const result = priceSelection(
    platform,
    { productId: 'certified-platform', planId: 'base', years, addons },
    { today: TODAY },
  );
  if (!result.ok) throw new Error('bad fixture');
  return result.quote;
}

interface Options {
  quote?: Quote | null;
  pricing?: 'term' | 'coterm';
  terms?: number[];
  years?: number;
  accepted?: boolean;
  busy?: boolean;
  loading?: boolean;
  confirmLabel?: string;
  lineLabels?: Record<string, string>;
  locale?: 'it' | 'en';
  eInvoice?: { sdiCode: string } | { pec: string } | null;
}

const summary = ({
  quote = platformQuote(1),
  pricing = 'term',
  terms = [1, 2],
  years = 1,
  accepted = false,
  busy = false,
  loading = false,
  confirmLabel = '',
  lineLabels = {},
  locale = 'it',
  eInvoice = null,
}: Options = {}) =>
  fixture<CassaOrderSummary>(
    html`<cassa-order-summary
      .quote=${quote}
      .terms=${terms}
      .lineLabels=${lineLabels}
      .eInvoice=${eInvoice}
      pricing=${pricing}
      years=${years}
      terms-url="/condizioni-generali.html"
      confirm-label=${confirmLabel}
      ?accepted=${accepted}
      ?busy=${busy}
      ?loading=${loading}
      locale=${locale}
    ></cassa-order-summary>`,
  );

/** The summary's rows as "label amount" strings. */
const rows = (el: CassaOrderSummary) => $$(el, 'dl > div').map((row) => squash(row.innerText));
const confirmButton = (el: CassaOrderSummary) => $<HTMLButtonElement>(el, '[part="confirm"]');
const termsBox = (el: CassaOrderSummary) => $<HTMLInputElement>(el, '#terms');

describe('cassa-order-summary: figures', () => {
  it('shows lines, taxable, VAT and the total due now, formatted in Italian', async () => {
    const el = await summary({ quote: pecQuote('2027-01-15'), pricing: 'coterm', terms: [1] });
    expect(rows(el)).to.deep.equal([
      'Spazio extra archivio e inbox × 3 9,00 €',
      'Conservazione 1 GB 4,00 €',
      'Imponibile 13,00 €',
      'IVA 22% 2,86 €',
      'Totale da pagare ora 15,86 €',
    ]);
    expect(squash($(el, '[part~="total"]').innerText)).to.equal('Totale da pagare ora 15,86 €');
  });

  it('for a public administration shows split payment: the taxable amount is due now', async () => {
    const el = await summary({ eInvoice: { sdiCode: 'UFABCD' } });
    expect(rows(el).slice(-5)).to.deep.equal([
      'Imponibile 120,00 €',
      'IVA 22% 26,40 €',
      'Totale fattura 146,40 €',
      'IVA versata dall’ente all’Erario −26,40 €',
      'Da pagare ora (imponibile) 120,00 €',
    ]);
    expect(squash($(el, '[part~="split-note"]').innerText)).to.contain('Scissione dei pagamenti');
    await expect(el).to.be.accessible();
  });

  it('follows the server’s quote when it says splitPayment', async () => {
    const quote = { ...platformQuote(1), splitPayment: true, payableCents: 12000 };
    const el = await summary({ quote, locale: 'en' });
    expect(squash($(el, '[part~="total"]').innerText)).to.equal('Due now (taxable amount) €120.00');
  });

  it('formats the same figures in English', async () => {
    const el = await summary({
      quote: pecQuote('2027-01-15', 'en'),
      pricing: 'coterm',
      terms: [1],
      locale: 'en',
    });
    expect(rows(el)).to.deep.equal([
      'Extra archive and inbox space × 3 €9.00',
      'Digital preservation 1 GB €4.00',
      'Taxable amount €13.00',
      'VAT 22% €2.86',
      'Total due now €15.86',
    ]);
  });

  it('uses the localized line labels it is given', async () => {
    const el = await summary({ lineLabels: { base: 'Certified Platform — versione base' } });
    expect(rows(el)[0]).to.equal('Certified Platform — versione base 120,00 €');
  });

  it('for a term, states the expiry, the renewal amount and when it is charged', async () => {
    const el = await summary({ quote: platformQuote(1) });
    expect(visibleText(el)).to.include(
      'Scadenza: 15 gennaio 2027. Rinnovo: 146,40 € IVA inclusa; con il rinnovo automatico, addebito in data 8 gennaio 2027.',
    );
  });

  it('for a public administration (split payment), the renewal says the taxable amount it charges, as the order', async () => {
    // Base plan + 3 users for 2 years: 2 × 156,00 € = 312,00 € + 68,64 € VAT = 380,64 €; the
    // renewal charges the administration's card 312,00 € (the VAT goes to the Treasury).
    const quote = { ...platformQuote(2, 3), splitPayment: true, payableCents: 31200 };
    const pa = await summary({ quote, years: 2 });
    expect(squash($(pa, '[part~="total"]').innerText)).to.equal(
      'Da pagare ora (imponibile) 312,00 €',
    );
    expect(visibleText(pa)).to.include(
      'Scadenza: 15 gennaio 2028. Rinnovo: 312,00 € (imponibile, scissione dei pagamenti); con il rinnovo automatico, addebito in data 8 gennaio 2028.',
    );
    expect(visibleText(pa)).not.to.include('380,64 € IVA inclusa');
    const en = await summary({ quote, years: 2, locale: 'en' });
    expect(rows(en)).to.include('VAT paid by the administration to the Treasury −€68.64');
    expect(visibleText(en)).to.include(
      'Expires: 15 January 2028. Renewal: €312.00 (taxable amount, split payment); with automatic renewal, charged on 8 January 2028.',
    );
    // A postal slip does not renew by itself: the amount to pay for the renewal is the same.
    pa.paymentType = 'postal_slip';
    await pa.updateComplete;
    expect(visibleText(pa)).to.include(
      'per rinnovarlo pagherai 312,00 € (imponibile, scissione dei pagamenti) prima della scadenza.',
    );
    await expect(pa).to.be.accessible();
  });

  it('for co-termed add-ons, warns that they renew at expiry and are deactivated if not covered', async () => {
    const el = await summary({ quote: pecQuote('2026-09-15'), pricing: 'coterm', terms: [1] });
    expect(rows(el).at(-1)).to.equal('Totale da pagare ora 10,58 €');
    const text = visibleText(el);
    expect(text).to.include(
      'Importo per il periodo fino alla scadenza della casella: 15 settembre 2026.',
    );
    expect(text).to.include(
      'Alla scadenza (15 settembre 2026) il servizio si rinnova per un anno a 15,86 € IVA inclusa.',
    );
    expect(text).to.include('il servizio viene disattivato');
  });

  it('says "free until" the expiry, with a toggletip, when less than 3 months are left', async () => {
    const el = await summary({
      quote: pecQuote('2026-03-01', 'en'),
      pricing: 'coterm',
      terms: [1],
      locale: 'en',
    });
    expect(rows(el).at(-1)).to.equal('Total due now €0.00');
    expect(visibleText(el)).to.include('Free until the mailbox expires: 1 March 2026');
    expect(visibleText(el)).to.include(
      'At expiry (1 March 2026) the service renews for one year at €15.86 VAT included.',
    );
    expect($(el, 'cassa-toggletip').getAttribute('label')).to.equal('Why is it free?');
  });
});

describe('cassa-order-summary: term switch', () => {
  it('offers 1 or 2 years for term pricing and fires cassa-years-change', async () => {
    const el = await summary();
    const radios = $$<HTMLInputElement>(el, 'input[name="years"]');
    expect(radios.map((r) => squash(r.parentElement?.textContent))).to.deep.equal([
      '1 anno',
      '2 anni',
    ]);
    expect(radios.map((r) => r.checked)).to.deep.equal([true, false]);
    setTimeout(() => radios[1]!.click());
    const event = await oneEvent(el, 'cassa-years-change');
    expect(event.detail).to.deep.equal({ years: 2 });
  });

  it('switches the term with the arrow keys', async () => {
    const el = await summary({ locale: 'en' });
    $$<HTMLInputElement>(el, 'input[name="years"]')[0]!.focus();
    setTimeout(() => sendKeys({ press: 'ArrowRight' }));
    const event = await oneEvent(el, 'cassa-years-change');
    expect(event.detail.years).to.equal(2);
  });

  it('has no switch for co-termed add-ons or a single term', async () => {
    const coterm = await summary({ quote: pecQuote('2027-01-15'), pricing: 'coterm' });
    expect($$(coterm, 'input[name="years"]')).to.have.length(0);
    const single = await summary({ terms: [1] });
    expect($$(single, 'input[name="years"]')).to.have.length(0);
  });
});

describe('cassa-order-summary: updates', () => {
  it('announces a new total in its one polite live region', async () => {
    const el = await summary({ quote: platformQuote(1) });
    const regions = $$(el, '[aria-live]');
    expect(regions).to.have.length(1);
    expect(regions[0]!.getAttribute('aria-live')).to.equal('polite');
    expect(squash(regions[0]!.textContent)).to.equal('');
    el.quote = platformQuote(2);
    await el.updateComplete;
    expect(squash(regions[0]!.textContent)).to.equal('Nuovo totale da pagare ora: 292,80 €');
    el.quote = platformQuote(1, 2);
    await el.updateComplete;
    expect(squash(regions[0]!.textContent)).to.equal('Nuovo totale da pagare ora: 175,68 €');
  });

  it('keeps the last quote, dimmed and marked busy, while a new one loads', async () => {
    const el = await summary({ quote: platformQuote(1), loading: true });
    expect(rows(el).at(-1)).to.equal('Totale da pagare ora 146,40 €');
    expect($(el, '[part="summary"]').getAttribute('aria-busy')).to.equal('true');
    expect(Number(getComputedStyle($(el, 'dl')).opacity)).to.be.lessThan(1);
    expect(squash(el.shadowRoot!.textContent)).to.include('Aggiornamento del prezzo in corso');
  });
});

describe('cassa-order-summary: conditions and confirmation', () => {
  it('links the general conditions in a new tab', async () => {
    const el = await summary();
    const link = $<HTMLAnchorElement>(el, 'a');
    expect(link.getAttribute('href')).to.equal('/condizioni-generali.html');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.include('noopener');
    expect(squash(termsBox(el).labels?.[0]?.innerText)).to.equal(
      'Accetto le condizioni generali di contratto (si apre in una nuova scheda)',
    );
    expect(
      getComputedStyle(link.querySelector('.sr')!).clipPath,
      'the new-tab hint is for screen readers',
    ).to.equal('inset(50%)');
  });

  it('refuses to confirm before the conditions are accepted, with the error on the focused checkbox', async () => {
    for (const [locale, text] of [
      ['it', 'Per proseguire accetta le condizioni generali di contratto.'],
      ['en', 'Accept the general contract conditions to continue.'],
    ] as const) {
      const el = await summary({ locale });
      let confirmed = 0;
      el.addEventListener('cassa-confirm', () => confirmed++);
      confirmButton(el).click();
      await el.updateComplete;
      await el.updateComplete;
      expect(confirmed).to.equal(0);
      expect(el.shadowRoot!.activeElement).to.equal(termsBox(el));
      expect(termsBox(el).getAttribute('aria-invalid')).to.equal('true');
      expect(squash($(el, `#${termsBox(el).getAttribute('aria-describedby')}`).innerText)).to.equal(
        text,
      );
    }
  });

  it('confirms once the buyer ticks the conditions (by keyboard)', async () => {
    const el = await summary();
    termsBox(el).focus();
    setTimeout(() => sendKeys({ press: 'Space' }));
    const accepted = await oneEvent(el, 'cassa-terms-change');
    expect(accepted.detail).to.deep.equal({ accepted: true });
    confirmButton(el).focus();
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const confirm = await oneEvent(el, 'cassa-confirm');
    expect(confirm.detail).to.deep.equal({});
    expect(confirm.bubbles && confirm.composed).to.equal(true);
  });

  it('labels the button in both languages, or as the integrator says', async () => {
    expect(squash(confirmButton(await summary()).innerText)).to.equal(
      'Conferma e completa l’ordine',
    );
    expect(squash(confirmButton(await summary({ locale: 'en' })).innerText)).to.equal(
      'Confirm and complete the order',
    );
    expect(
      squash(confirmButton(await summary({ confirmLabel: 'Attiva gratis' })).innerText),
    ).to.equal('Attiva gratis');
  });

  it('while the order is in flight, disables the button (keeping its focus) and says it is processing', async () => {
    const el = await summary({ accepted: true });
    let confirmed = 0;
    el.addEventListener('cassa-confirm', () => confirmed++);
    const button = confirmButton(el);
    button.focus();
    el.busy = true;
    await el.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(el.shadowRoot!.activeElement, 'the focus stays on the button').to.equal(button);
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(squash(button.innerText)).to.equal('Elaborazione…');
    button.click();
    expect(confirmed).to.equal(0);
  });

  it('is accessible, with the conditions error and with a free-until note', async () => {
    const el = await summary();
    confirmButton(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const free = await summary({ quote: pecQuote('2026-03-01'), pricing: 'coterm' });
    await expect(free).to.be.accessible();
  });
});

describe('cassa-order-summary: where the electronic invoice goes', () => {
  const withInvoice = async (
    eInvoice: { sdiCode: string } | { pec: string } | null,
    options: Options = {},
  ) => {
    const el = await summary(options);
    el.eInvoice = eInvoice;
    await el.updateComplete;
    return el;
  };
  const invoiceNote = (el: CassaOrderSummary) =>
    el.shadowRoot!.querySelector<HTMLElement>('[part="invoice"]');

  it('names the SDI code before the buyer confirms, so a wrong one is caught before paying', async () => {
    const el = await withInvoice({ sdiCode: 'M5UXCR1' });
    expect(squash(invoiceNote(el)?.innerText)).to.equal(
      'La fattura elettronica sarà inviata al Codice Destinatario M5UXCR1.',
    );
    await expect(el).to.be.accessible();
  });

  it('names the PEC address, in Italian and in English', async () => {
    const it = await withInvoice({ pec: 'rossi@pec.example.it' });
    expect(squash(invoiceNote(it)?.innerText)).to.equal(
      'La fattura elettronica sarà inviata all’indirizzo PEC rossi@pec.example.it.',
    );
    const en = await withInvoice({ pec: 'rossi@pec.example.it' }, { locale: 'en' });
    expect(squash(invoiceNote(en)?.innerText)).to.equal(
      'The electronic invoice will be sent to the PEC address rossi@pec.example.it.',
    );
  });

  it('says nothing when nothing is due now (no invoice) or the destination is unknown', async () => {
    const free = await withInvoice(
      { sdiCode: 'M5UXCR1' },
      { quote: pecQuote('2026-03-01'), pricing: 'coterm', terms: [1] },
    );
    expect(invoiceNote(free)).to.equal(null);
    const unknown = await withInvoice(null);
    expect(invoiceNote(unknown)).to.equal(null);
  });
});
