// Issue 25 (8, 11): quantity fields step from what is typed, within the limits, with the arrow
// keys too; their errors say the limit or the step; the unit stands next to each field.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/components/cassa-addon-selector/cassa-addon-selector.ts';
import type { CassaAddonSelector } from '../../../src/components/cassa-addon-selector/cassa-addon-selector.ts';
import { $, $$, platformAddons, squash, type } from '../components/fixtures.ts';

const selector = (locale: 'it' | 'en' = 'it', quantities: Record<string, number> = {}) =>
  fixture<CassaAddonSelector>(
    html`<cassa-addon-selector
      .addons=${platformAddons}
      .quantities=${quantities}
      plan-id="base"
      locale=${locale}
    ></cassa-addon-selector>`,
  );
const input = (el: CassaAddonSelector, id: string) => $<HTMLInputElement>(el, `#q-${id}`);
const button = (el: CassaAddonSelector, id: string, i: number) =>
  Array.from(input(el, id).closest('[part="addon"]')!.querySelectorAll('button'))[i]!;
const less = (el: CassaAddonSelector, id: string) => button(el, id, 0);
const more = (el: CassaAddonSelector, id: string) => button(el, id, 1);
const described = (el: CassaAddonSelector, field: HTMLInputElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => squash($(el, `#${id}`).innerText))
    .join(' ');

describe('issue 25 (8): −/+ and the arrow keys step from the typed value', () => {
  it('above the maximum: "−" brings it to the maximum, "+" is off, the error says the limit', async () => {
    const el = await selector();
    const field = input(el, 'extra-users');
    type(field, '17');
    await el.updateComplete;
    expect(described(el, field)).to.include('Al massimo 14 utenti.');
    expect(more(el, 'extra-users').disabled).to.equal(true);
    expect(less(el, 'extra-users').disabled).to.equal(false);
    setTimeout(() => less(el, 'extra-users').click());
    const event = await oneEvent(el, 'cassa-addons-change');
    expect(event.detail.quantity).to.equal(14);
    await el.updateComplete;
    expect(field.value).to.equal('14');
    expect(field.getAttribute('aria-invalid')).to.equal('false');
  });

  it('off the step: "+" goes to the next step up from the typed value, and the error names the step', async () => {
    const el = await selector('en');
    const field = input(el, 'storage');
    type(field, '7');
    await el.updateComplete;
    expect(described(el, field)).to.include('It comes in multiples of 5 GB: for example 5 or 10.');
    setTimeout(() => more(el, 'storage').click());
    const up = await oneEvent(el, 'cassa-addons-change');
    expect(up.detail.quantity).to.equal(10);
    type(field, '7');
    await el.updateComplete;
    setTimeout(() => less(el, 'storage').click());
    const down = await oneEvent(el, 'cassa-addons-change');
    expect(down.detail.quantity).to.equal(5);
  });

  it('arrow up and down in the field step like + and −', async () => {
    const el = await selector('it', { 'external-users': 50 });
    const field = input(el, 'external-users');
    field.focus();
    setTimeout(() => sendKeys({ press: 'ArrowUp' }));
    expect((await oneEvent(el, 'cassa-addons-change')).detail.quantity).to.equal(100);
    await el.updateComplete;
    expect(field.value).to.equal('100');
    setTimeout(() => sendKeys({ press: 'ArrowDown' }));
    expect((await oneEvent(el, 'cassa-addons-change')).detail.quantity).to.equal(50);
    expect(el.shadowRoot!.activeElement).to.equal(field);
  });
});

describe('issue 25 (11): the unit next to each quantity field', () => {
  it('"utenti", "utenti esterni", "GB" beside the fields, and read with them', async () => {
    const el = await selector();
    const units = $$(el, '.unit').map((u) => squash(u.textContent));
    expect(units).to.deep.equal(['utenti', 'utenti esterni', 'GB']);
    expect(described(el, input(el, 'storage'))).to.include('GB');
    await expect(el).to.be.accessible();
  });
});
