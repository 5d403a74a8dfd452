// Issue 25 (13, 14): what wraps on a 375 px phone, and what other checkouts do for a buyer: the
// only payment method is chosen already.
import { expect, fixture, html } from '@open-wc/testing';
import { a11ySnapshot, findAccessibilityNode, setViewport } from '@web/test-runner-commands';
import '../../../src/components/cassa-payment-chooser/cassa-payment-chooser.ts';
import '../../../src/components/checkout-result/cassa-checkout-result.ts';
import type { CassaPaymentChooser } from '../../../src/components/cassa-payment-chooser/cassa-payment-chooser.ts';
import type { CassaCheckoutResult } from '../../../src/components/checkout-result/cassa-checkout-result.ts';
import type { Order } from '../../../src/api/schemas.ts';
import { renderedLines } from '../checkout/helpers.ts';
import { $, $$ } from '../components/fixtures.ts';

describe('issue 25 (13): 375 px wrapping', () => {
  before(() => setViewport({ width: 375, height: 740 }));
  after(() => setViewport({ width: 1280, height: 800 }));

  it('the payment reference never breaks inside the order number', async () => {
    const order: Order = {
      id: 'o9',
      number: 'C-2026-000009',
      status: 'awaiting_payment',
      totalCents: 14640,
      currency: 'EUR',
      productId: 'certified-platform',
      planId: 'base',
      addons: [],
      years: 1,
      paymentMethod: 'bank_transfer',
      autoRenew: false,
      instructions: {
        method: 'bank_transfer',
        beneficiary: 'Cassa Demo S.r.l.',
        account: 'IT60 X054 2811 1010 0000 0123 456',
        amountCents: 14640,
        currency: 'EUR',
        reference: 'Ordine C-2026-000009',
      },
    };
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 311px">
        <cassa-checkout-result locale="it" .order=${order}></cassa-checkout-result>
      </div>`,
    );
    const el = wrapper.querySelector<CassaCheckoutResult>('cassa-checkout-result')!;
    await el.updateComplete;
    const lines = renderedLines($(el, '#reference'));
    expect(
      lines.some((line) => line.includes('C-2026-000009')),
      lines.join(' / '),
    ).to.equal(true);
    expect(el.scrollWidth).to.be.at.most(311);
  });

  it('the saved PayPal email wraps after a dot or before the @, never inside a word; its label reads the same', async () => {
    const email = 'amministrazione.contabilita@studio-tecnico-bianchi.example.com';
    const label = `PayPal ${email}`;
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 311px">
        <cassa-payment-chooser
          locale="it"
          .methods=${['card', 'paypal']}
          .saved=${[{ id: 'pm-pp', type: 'paypal', label }]}
        ></cassa-payment-chooser>
      </div>`,
    );
    const el = wrapper.querySelector<CassaPaymentChooser>('cassa-payment-chooser')!;
    await el.updateComplete;
    const choice = $$<HTMLLabelElement>(el, 'label.choice').find((l) =>
      l.textContent?.includes('@'),
    )!;
    expect(choice.textContent?.trim()).to.equal(label);
    const lines = renderedLines(choice);
    expect(lines.length, lines.join(' / ')).to.be.greaterThan(1);
    // Every line ends at a piece's end: after a dot, a hyphen or an underscore, or before the @.
    const pieces = ['PayPal', ...email.split(/(?<=[.\-_])|(?=@)/)];
    for (const line of lines) {
      const words = line.replace(/\s+/g, '');
      let rest = words;
      for (const piece of pieces) if (rest.startsWith(piece)) rest = rest.slice(piece.length);
      expect(rest, `a line broken inside a word: ${lines.join(' / ')}`).to.equal('');
    }
    expect(el.scrollWidth).to.be.at.most(311);
    // Its accessible name is the label as the server wrote it (no added spaces or marks).
    type AxNode = { role?: string; name?: string; children: AxNode[] };
    const snapshot = (await a11ySnapshot({})) as unknown as AxNode;
    const radio = findAccessibilityNode<AxNode>(
      snapshot,
      (node) => node.role === 'radio' && !!node.name?.includes('@'),
    );
    expect(radio?.name).to.equal(label);
    await expect(el).to.be.accessible();
  });
});

describe('issue 25 (14): the only payment method is chosen already', () => {
  it('PEC add-ons with no credit: the new card is selected and announced to the checkout', async () => {
    const seen: unknown[] = [];
    const listen = (e: Event) => seen.push((e as CustomEvent).detail);
    document.addEventListener('cassa-payment-change', listen);
    const el = await fixture<CassaPaymentChooser>(
      html`<cassa-payment-chooser
        locale="it"
        preselect-single
        .methods=${['card', 'credit']}
        .topUp=${{ minimumCents: 1586, valueCents: 1586 }}
      ></cassa-payment-chooser>`,
    );
    await el.updateComplete;
    document.removeEventListener('cassa-payment-change', listen);
    expect(seen).to.deep.equal([{ value: { type: 'card' }, topUpCents: 1586 }]);
    const radios = $$<HTMLInputElement>(el, 'input[type="radio"]');
    expect(radios).to.have.length(1);
    expect(radios[0]!.checked).to.equal(true);
    expect(el.value).to.deep.equal({ type: 'card' });
    await expect(el).to.be.accessible();
  });

  it('with more than one way to pay, nothing is chosen for the buyer', async () => {
    const el = await fixture<CassaPaymentChooser>(
      html`<cassa-payment-chooser
        locale="it"
        preselect-single
        .methods=${['card', 'paypal']}
      ></cassa-payment-chooser>`,
    );
    expect(el.value).to.equal(null);
    expect($$<HTMLInputElement>(el, 'input[type="radio"]').some((r) => r.checked)).to.equal(false);
  });
});
