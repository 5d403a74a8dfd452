import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/cassa-addon-selector/cassa-addon-selector.ts';
import type { CassaAddonSelector } from '../../../src/components/cassa-addon-selector/cassa-addon-selector.ts';
import type { Addon } from '../../../src/domain/catalog.ts';
import { $, $$, pecAddons, platformAddons, squash, type, visibleText } from './fixtures.ts';

interface Options {
  addons?: Addon[];
  quantities?: Record<string, number>;
  planId?: string;
  errors?: Record<string, string>;
  locale?: 'it' | 'en';
}

const selector = ({
  addons = platformAddons,
  quantities = {},
  planId = 'base',
  errors = {},
  locale = 'it',
}: Options = {}) =>
  fixture<CassaAddonSelector>(
    html`<cassa-addon-selector
      .addons=${addons}
      .quantities=${quantities}
      .errors=${errors}
      plan-id=${planId}
      locale=${locale}
    ></cassa-addon-selector>`,
  );

const row = (el: CassaAddonSelector, index: number) => $$(el, '[part="addon"]')[index]!;
const rowText = (el: CassaAddonSelector, index: number) => squash(row(el, index).innerText);
const quantityInput = (el: CassaAddonSelector, id: string) => $<HTMLInputElement>(el, `#q-${id}`);
const buttons = (el: CassaAddonSelector, index: number) =>
  Array.from(row(el, index).querySelectorAll('button'));
const describedText = (el: CassaAddonSelector, input: HTMLInputElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => squash($(el, `#${id}`).innerText))
    .join(' ');

describe('cassa-addon-selector: limits in plain words', () => {
  it('explains each limit and unit price, in Italian', async () => {
    const el = await selector();
    expect(rowText(el, 0)).to.include('Utenti aggiuntivi');
    expect(rowText(el, 0)).to.include('12,00 € + IVA/anno per utente');
    expect(rowText(el, 0)).to.include('fino a 14 utenti in più');
    expect(rowText(el, 1)).to.include('A pacchetti di 50 utenti');
    expect(rowText(el, 1)).to.include('20,00 € + IVA/anno ciascuno');
    expect(rowText(el, 2)).to.include('Tagli da 5 GB');
  });

  it('explains them in English too', async () => {
    const el = await selector({ locale: 'en' });
    const text = visibleText(el);
    expect(text).to.include('Additional users');
    expect(text).to.include('€12.00 + VAT/year per user');
    expect(text).to.include('up to 14 more users');
    expect(text).to.include('In packs of 50 users');
    expect(text).to.include('In blocks of 5 GB');
  });

  it('ties the explanation to the labelled quantity input', async () => {
    const el = await selector();
    const input = quantityInput(el, 'storage');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    expect(input.labels?.[0]?.textContent).to.equal('Spazio aggiuntivo');
    expect(describedText(el, input)).to.include('Tagli da 5 GB');
  });

  it('shows the yearly price of the chosen quantity', async () => {
    const el = await selector({
      addons: pecAddons,
      quantities: { 'extra-space': 3 },
      planId: 'member',
    });
    expect(rowText(el, 0)).to.include('9,00 € + IVA/anno');
    expect(rowText(el, 0)).to.include('3,00 € + IVA/anno per GB');
    expect(rowText(el, 1)).to.include('4,00 € + IVA/anno');
    expect(rowText(el, 1)).to.include('1 GB per una singola casella');
  });
});

describe('cassa-addon-selector: stepper', () => {
  it('steps by the add-on step and reports the new quantities', async () => {
    const el = await selector({ quantities: { storage: 5, 'extra-users': 2 } });
    const [, plus] = buttons(el, 2);
    setTimeout(() => plus!.click());
    const event = await oneEvent(el, 'cassa-addons-change');
    expect(event.detail).to.deep.equal({
      id: 'storage',
      quantity: 10,
      quantities: { storage: 10, 'extra-users': 2 },
    });
    await el.updateComplete;
    expect(quantityInput(el, 'storage').value).to.equal('10');
    expect(rowText(el, 2)).to.include('20,00 € + IVA/anno');
  });

  it('disables − at zero and + at the maximum, keeping the focus in the stepper', async () => {
    const el = await selector({ quantities: { 'extra-users': 13 } });
    const [minusAtStart] = buttons(el, 1);
    expect(minusAtStart!.disabled).to.equal(true);
    const [minus, plus] = buttons(el, 0);
    expect(minus!.disabled).to.equal(false);
    expect(plus!.getAttribute('aria-label')).to.equal('Aumenta: Utenti aggiuntivi');
    plus!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await el.updateComplete;
    expect(quantityInput(el, 'extra-users').value).to.equal('14');
    expect(plus!.disabled).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(quantityInput(el, 'extra-users'));
  });

  it('refuses a typed quantity over the maximum, in Italian and English, without an event', async () => {
    for (const [locale, message] of [
      ['it', 'Quantità oltre il massimo consentito.'],
      ['en', 'Quantity above the maximum allowed.'],
    ] as const) {
      const el = await selector({ locale });
      let events = 0;
      el.addEventListener('cassa-addons-change', () => events++);
      const input = quantityInput(el, 'extra-users');
      type(input, '15');
      await el.updateComplete;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(describedText(el, input)).to.include(message);
      expect(input.value).to.equal('15');
      expect(events).to.equal(0);
    }
  });

  it('refuses a typed quantity off the step and accepts the corrected one', async () => {
    const el = await selector();
    const input = quantityInput(el, 'external-users');
    type(input, '70');
    await el.updateComplete;
    expect(describedText(el, input)).to.include('La quantità non rispetta il taglio previsto.');
    setTimeout(() => type(input, '100'));
    const event = await oneEvent(el, 'cassa-addons-change');
    expect(event.detail.quantity).to.equal(100);
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect(describedText(el, input)).not.to.include('taglio');
  });

  it('refuses text that is not a whole number', async () => {
    const el = await selector({ locale: 'en' });
    const input = quantityInput(el, 'storage');
    type(input, '2.5');
    await el.updateComplete;
    expect(describedText(el, input)).to.include('Enter a whole number, zero or more.');
  });

  it('drops the error as soon as the typed quantity is right, before the field is left', async () => {
    const el = await selector({ locale: 'en' });
    const input = quantityInput(el, 'storage');
    type(input, '2.5');
    await el.updateComplete;
    input.focus();
    input.select();
    await sendKeys({ type: '10' });
    await el.updateComplete;
    expect(describedText(el, input)).not.to.include('Enter a whole number');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
  });

  it('takes an emptied quantity as none', async () => {
    const el = await selector({ quantities: { 'extra-users': 3 } });
    const input = quantityInput(el, 'extra-users');
    setTimeout(() => type(input, ''));
    const event = await oneEvent(el, 'cassa-addons-change');
    expect(event.detail).to.include({ id: 'extra-users', quantity: 0 });
    expect(input.getAttribute('aria-invalid')).to.equal('false');
  });

  it('commits a typed quantity on Enter', async () => {
    const el = await selector();
    const input = quantityInput(el, 'extra-users');
    input.focus();
    input.select();
    await sendKeys({ type: '4' });
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const event = await oneEvent(el, 'cassa-addons-change');
    expect(event.detail).to.include({ id: 'extra-users', quantity: 4 });
  });

  it('shows an error from the server next to its add-on', async () => {
    const el = await selector({ errors: { storage: 'selection.addon.step' }, locale: 'en' });
    const input = quantityInput(el, 'storage');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(describedText(el, input)).to.include('The quantity does not match the allowed steps.');
    expect(rowText(el, 0)).not.to.include('steps.');
  });

  it('falls back to a generic message for an unknown server code', async () => {
    const el = await selector({ errors: { storage: 'something.new' } });
    expect(describedText(el, quantityInput(el, 'storage'))).to.include('Valore non valido.');
  });
});

describe('cassa-addon-selector: plans and flags', () => {
  it('disables add-ons the chosen plan does not allow, saying why', async () => {
    const el = await selector({ planId: 'free', quantities: { storage: 5 } });
    expect(rowText(el, 2)).to.include('non disponibile con la versione scelta');
    expect(quantityInput(el, 'storage').disabled).to.equal(true);
    expect(quantityInput(el, 'storage').value).to.equal('0');
    expect(buttons(el, 2).every((b) => b.disabled)).to.equal(true);
  });

  it('offers an on/off add-on as a checkbox that toggles its quantity between 0 and 1', async () => {
    const el = await selector({ addons: pecAddons, planId: 'member' });
    const box = quantityInput(el, 'conservation');
    expect(box.type).to.equal('checkbox');
    expect(box.labels?.[0]?.textContent).to.equal('Conservazione 1 GB');
    box.focus();
    setTimeout(() => sendKeys({ press: 'Space' }));
    const on = await oneEvent(el, 'cassa-addons-change');
    expect(on.detail).to.deep.equal({
      id: 'conservation',
      quantity: 1,
      quantities: { conservation: 1 },
    });
    setTimeout(() => box.click());
    const off = await oneEvent(el, 'cassa-addons-change');
    expect(off.detail.quantity).to.equal(0);
  });

  it('is accessible, also with an error and a disabled add-on', async () => {
    const el = await selector({
      errors: { storage: 'selection.addon.step' },
      quantities: { 'extra-users': 3 },
    });
    await expect(el).to.be.accessible();
    const off = await selector({ planId: 'free' });
    await expect(off).to.be.accessible();
    const pec = await selector({ addons: pecAddons, planId: 'member' });
    await expect(pec).to.be.accessible();
  });
});
