// <cassa-checkout> rough edges found in review: long addresses on a phone, the language of the
// payment page, coming back from it without a session, two widgets of one product.
import { expect, waitUntil } from '@open-wc/testing';
import type { OrderRequest } from '../../../src/api/schemas.ts';
import {
  FakeBackend,
  button,
  clearCassaStorage,
  deep,
  deepAll,
  mount,
  onStep,
  pick,
  seeText,
  type,
  visibleText,
} from './helpers.ts';

const MEMBER = 'mario.rossi@architettitorinopec.it';

/** The lines the text directly inside `element` is laid out on, as the buyer sees them. */
function renderedLines(element: Element): string[] {
  const lines: { top: number; text: string }[] = [];
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType !== Node.TEXT_NODE) continue;
    const text = node.textContent ?? '';
    for (let i = 0; i < text.length; i++) {
      if (!text[i]!.trim()) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const top = Math.round(range.getBoundingClientRect().top);
      const line = lines.find((l) => Math.abs(l.top - top) < 4);
      if (line) line.text += text[i];
      else lines.push({ top, text: text[i]! });
    }
  }
  return lines.sort((a, b) => a.top - b.top).map((l) => l.text);
}

describe('<cassa-checkout> review fixes: the mailbox picker on a phone', () => {
  let backend: FakeBackend;
  beforeEach(async () => {
    clearCassaStorage();
    backend = await FakeBackend.create();
  });

  for (const width of [320, 280]) {
    it(`in a widget ${width} px wide a long PEC address wraps after the @, never inside a word`, async () => {
      const { el } = await mount(backend, {
        product: 'pec-addons',
        sessionToken: backend.tokenFor(MEMBER),
      });
      el.style.display = 'block';
      el.style.width = `${width}px`;
      await onStep(el, 'Scegli la casella PEC');
      // The address is the text of the label itself; the expiry date is a span under it.
      const addresses = deepAll(el, '[part="mailbox"] > span').map(renderedLines);
      expect(addresses.map((lines) => lines.join(''))).to.deep.equal([
        'mario.rossi@architettitorinopec.it',
        'studio.rossi@architettitorinopec.it',
      ]);
      for (const lines of addresses) {
        // Either it fits on one line, or it breaks right after the @.
        if (lines.length > 1)
          expect(lines).to.deep.equal([lines[0]!.split('@')[0] + '@', 'architettitorinopec.it']);
      }
      expect(
        addresses.some((lines) => lines.length > 1),
        'the addresses fit on one line at this width: the test checks nothing',
      ).to.equal(true);
    });
  }
});

describe('<cassa-checkout> review fixes: the language of the payment page', () => {
  beforeEach(clearCassaStorage);

  it('the order says the widget language, so the provider page is in English too', async () => {
    const backend = await FakeBackend.create();
    const { el, navigations } = await mount(backend, {
      locale: 'en',
      sessionToken: backend.tokenFor('1234567@aruba.it'),
    });
    await onStep(el, 'Choose the version');
    button(el, 'Continue').click();
    await onStep(el, 'Add-ons');
    button(el, 'Continue').click();
    await onStep(el, 'Holder details');
    button(el, 'Continue').click();
    await onStep(el, 'Summary and payment');
    pick(el, 'Add a new card');
    pick(el, 'I accept the');
    button(el, 'Confirm and complete the order').click();
    await waitUntil(() => navigations.length === 1, 'no redirect to the payment page');
    const body = backend.sent('POST', '/v1/orders')[0]!.body as OrderRequest;
    expect(body.locale).to.equal('en');
  });
});

describe('<cassa-checkout> review fixes: two widgets of one product on one page', () => {
  const pageUrl = window.location.href;
  beforeEach(clearCassaStorage);
  afterEach(() => window.history.replaceState(null, '', pageUrl));

  it('each widget (with its own id) finds its own choices again after the payment page', async () => {
    const backend = await FakeBackend.create();
    const token = backend.tokenFor('1234567@aruba.it');
    const left = await mount(backend, { id: 'left', sessionToken: token });
    const right = await mount(backend, { id: 'right', sessionToken: token });
    // The buyer uses the second widget: 2 extra users, a new card, off to the provider.
    const { el } = right;
    button(el, 'Prosegui').click();
    await onStep(el, 'Servizi aggiuntivi');
    type(deep<HTMLInputElement>(el, 'input#q-extra-users'), '2');
    button(el, 'Prosegui').click();
    await onStep(el, 'Dati intestatario');
    button(el, 'Prosegui').click();
    await onStep(el, 'Riepilogo e pagamento');
    await seeText(el, 'Totale da pagare ora 175,68 €');
    pick(el, 'Aggiungi una nuova carta');
    pick(el, 'Accetto le');
    button(el, 'Conferma e completa l’ordine').click();
    await waitUntil(() => right.navigations.length === 1, 'no redirect to the payment page');
    left.el.remove();
    el.remove();

    // Cancelled on the provider's page; the page loads again with both widgets.
    const order = [...backend.orders.values()][0]!;
    window.history.replaceState(null, '', backend.finishPayment(order.id, 'cancelled'));
    const leftBack = await mount(backend, { id: 'left', sessionToken: token });
    const rightBack = await mount(backend, { id: 'right', sessionToken: token });
    await onStep(rightBack.el, 'Riepilogo e pagamento');
    await seeText(rightBack.el, 'Totale da pagare ora 175,68 €');
    await seeText(rightBack.el, 'Il pagamento è stato annullato');
    // The first widget did not take the second one's choices.
    expect(visibleText(leftBack.el)).not.to.include('175,68 €');
  });
});
