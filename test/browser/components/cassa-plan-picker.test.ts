import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/cassa-plan-picker/cassa-plan-picker.ts';
import type { CassaPlanPicker } from '../../../src/components/cassa-plan-picker/cassa-plan-picker.ts';
import { $, $$, plans, visibleText } from './fixtures.ts';

const picker = (locale: 'it' | 'en' = 'it', value = 'base') =>
  fixture<CassaPlanPicker>(
    html`<cassa-plan-picker .plans=${plans} value=${value} locale=${locale}></cassa-plan-picker>`,
  );

describe('cassa-plan-picker', () => {
  it('shows each plan with its yearly price + IVA and what it includes, in Italian', async () => {
    const el = await picker();
    const text = visibleText(el);
    expect(text).to.include('Versione base');
    expect(text).to.include('120,00 €/anno + IVA');
    expect(text).to.include('1 utente admin');
    expect(text).to.include('14 utenti aggiuntivi');
    expect(text).to.include('100 utenti esterni');
    expect(text).to.include('5 GB di spazio');
  });

  it('marks the free plan as free, activated without payment', async () => {
    const el = await picker();
    const [free] = $$(el, '[part~="plan"]');
    expect(free?.innerText).to.include('Versione gratuita');
    expect(free?.innerText).to.include('Gratis');
    expect(free?.innerText).to.include('Si attiva senza pagamento');
    expect(free?.innerText).not.to.include('€');
  });

  it('speaks English when asked', async () => {
    const el = await picker('en');
    const text = visibleText(el);
    expect(text).to.include('Base version');
    expect(text).to.include('€120.00/year + VAT');
    expect(text).to.include('14 additional users');
    expect(text).to.include('Free');
    expect(text).to.include('Activated without payment');
  });

  it('is a named radio group with the selected plan checked and marked as a part', async () => {
    const el = await picker();
    expect($(el, '[role="radiogroup"]').getAttribute('aria-label')).to.equal('Scegli la versione');
    const radios = $$<HTMLInputElement>(el, 'input[type="radio"]');
    expect(radios.map((r) => r.checked)).to.deep.equal([false, true]);
    expect($(el, '[part~="plan-selected"]').innerText).to.include('Versione base');
  });

  it('fires cassa-plan-select with the plan id when a card is clicked', async () => {
    const el = await picker();
    const [free] = $$(el, '[part~="plan"]');
    setTimeout(() => free?.querySelector('label')?.click());
    const event = await oneEvent(el, 'cassa-plan-select');
    expect(event.detail).to.deep.equal({ planId: 'free' });
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    expect($(el, '[part~="plan-selected"]').innerText).to.include('Versione gratuita');
  });

  it('moves between plans with the arrow keys', async () => {
    const el = await picker('it', 'free');
    $$<HTMLInputElement>(el, 'input')[0]?.focus();
    setTimeout(() => sendKeys({ press: 'ArrowDown' }));
    const event = await oneEvent(el, 'cassa-plan-select');
    expect(event.detail.planId).to.equal('base');
  });

  it('is accessible', async () => {
    const el = await picker();
    await expect(el).to.be.accessible();
  });
});
