// Issue 14, item 5: a "too long" message names the limit, a control character in a name gets its
// own field message (it and en), and the payment chooser gives the server's answer to a card
// top-up of 0.
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/cassa-holder-form/cassa-holder-form.ts';
import '../../../src/components/cassa-payment-chooser/cassa-payment-chooser.ts';
import {
  emptyHolderDraft,
  type CassaHolderForm,
} from '../../../src/components/cassa-holder-form/cassa-holder-form.ts';
import type { CassaPaymentChooser } from '../../../src/components/cassa-payment-chooser/cassa-payment-chooser.ts';
import { $, squash } from './fixtures.ts';

const form = (locale: 'it' | 'en') =>
  fixture<CassaHolderForm>(
    html`<cassa-holder-form .value=${emptyHolderDraft()} locale=${locale}></cassa-holder-form>`,
  );

/** Types into a field and leaves it, as a buyer would. */
async function typeAndLeave(el: CassaHolderForm, id: string, text: string): Promise<string> {
  const input = $<HTMLInputElement>(el, `#${id}`);
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.blur();
  await el.updateComplete;
  expect(input.getAttribute('aria-invalid'), id).to.equal('true');
  expect(input.getAttribute('aria-describedby')).to.equal(`${id}-m`);
  return squash($(el, `#${id}-m`).textContent);
}

describe('field messages (issue 14)', () => {
  for (const [locale, name, city, control] of [
    ['it', 'al massimo 200 caratteri', 'al massimo 100 caratteri', 'caratteri di controllo'],
    ['en', '200 characters at most', '100 characters at most', 'control characters'],
  ] as const) {
    it(`${locale}: "too long" names the field's limit; a control character is said at the field`, async () => {
      const el = await form(locale);
      expect(await typeAndLeave(el, 'name', 'R'.repeat(201))).to.contain(name);
      expect(await typeAndLeave(el, 'city', 'T'.repeat(101))).to.contain(city);
      const message = await typeAndLeave(el, 'street', 'Via Roma\u0007 10');
      expect(message).to.contain(control);
      await expect(el).to.be.accessible();
    });
  }

  it('a card top-up of 0 gets the server’s answer (topup.zero), also when a minimum is due', async () => {
    const el = await fixture<CassaPaymentChooser>(
      html`<cassa-payment-chooser
        .methods=${['card', 'credit']}
        .value=${{ type: 'card' }}
        .topUp=${{ minimumCents: 1586, valueCents: 0 }}
        locale="it"
      ></cassa-payment-chooser>`,
    );
    expect(el.reportValidity()).to.equal(false);
    await el.updateComplete;
    expect(squash($(el, '#topup-m').textContent)).to.contain(
      'Con la carta indica una ricarica maggiore di zero',
    );
  });
});
