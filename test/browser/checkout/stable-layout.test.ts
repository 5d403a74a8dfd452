// Issue 14, item 1: nothing moves under the pointer. At 320, 375, 768 and 1280 px, in Italian and
// English, a buyer types into each field and clicks the next control at once, with a real mouse:
// the click lands, and no layout shift moves the control between the mousedown and the mouseup.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import { setViewport } from '@web/test-runner-commands';
import type { CassaCheckout } from '../../../src/cassa-checkout.ts';
import { open } from '../../../src/overlay/open.ts';
import '../../../src/overlay/cassa-overlay.ts';
import {
  BACKEND,
  FakeBackend,
  button,
  clearCassaStorage,
  deep,
  deepAll,
  heading,
  logIn,
  mount,
  onStep,
  pick,
  press,
  seeText,
  type,
  visibleText,
} from './helpers.ts';
import { realClick, retype, type PressReport } from './pointer.ts';

const WIDTHS = [320, 375, 768, 1280];

const words = {
  it: {
    plan: 'Scegli la versione',
    base: 'Versione base',
    addons: 'Servizi aggiuntivi',
    holder: 'Dati intestatario',
    summary: 'Riepilogo e pagamento',
    next: 'Prosegui',
    users: 'input#q-extra-users',
    card: 'Visa •••• 4242',
    terms: 'Accetto le',
    confirm: 'Conferma e completa l’ordine',
    done: 'Ordine confermato',
    running: 'La tua selezione',
    account: 'Accedi o registrati',
    back: 'Indietro',
    login: 'Accedi',
    yearly: '120,00 € + IVA/anno',
  },
  en: {
    plan: 'Choose the version',
    base: 'Base version',
    addons: 'Add-ons',
    holder: 'Holder details',
    summary: 'Summary and payment',
    next: 'Continue',
    users: 'input#q-extra-users',
    card: 'Visa •••• 4242',
    terms: 'I accept the',
    confirm: 'Confirm and complete the order',
    done: 'Order confirmed',
    running: 'Your selection',
    account: 'Log in or register',
    back: 'Back',
    login: 'Log in',
    yearly: '€120.00 + VAT/year',
  },
};

/** What a buyer types in the holder form (valid; the email looks like a PEC: a warning shows). */
const TYPED: [string, string][] = [
  ['name', 'Bianchi Impianti S.r.l.'],
  ['vatNumber', '01234567897'],
  ['street', 'Via Garibaldi 12'],
  ['postalCode', '10122'],
  ['city', 'Torino'],
  ['province', 'TO'],
  ['email', 'amministrazione@bianchi.pec.it'],
  ['sdiCode', 'KRRH6B9'],
];

function expectSteady(report: PressReport, what: string): void {
  expect(report.landed, `${what}: the click landed`).to.equal(true);
  expect(report.moved, `${what}: the control moved under the pointer`).to.equal(0);
  expect(report.shifts, `${what}: layout shifts between mousedown and mouseup`).to.equal(0);
}

describe('stable layout under the pointer (issue 14)', function () {
  let backend: FakeBackend;
  beforeEach(async () => {
    clearCassaStorage();
    backend = await FakeBackend.create();
  });
  after(() => setViewport({ width: 800, height: 600 }));

  for (const width of WIDTHS) {
    for (const locale of ['it', 'en'] as const) {
      const w = words[locale];
      it(`${width} px, ${locale}: add-ons, holder, payment and summary take every click at once`, async () => {
        await setViewport({ width, height: 800 });
        const { el, events } = await mount(backend, { locale });
        await onStep(el, w.plan);
        pick(el, w.base);
        expectSteady(await realClick(button(el, w.next)), 'plan → Prosegui');
        await onStep(el, w.addons);

        // Add-ons: type 3 and click Prosegui at once (the defect of the issue).
        await realClick(deep(el, w.users));
        await retype('3');
        expectSteady(await realClick(button(el, w.next)), 'add-ons → Prosegui');
        if (locale === 'it') await logIn(el, '1234567@aruba.it');
        else {
          await onStep(el, 'Log in or register');
          type(deep<HTMLInputElement>(el, 'input#username'), '1234567@aruba.it');
          type(deep<HTMLInputElement>(el, 'input#password'), 'cassa-demo');
          await press(el, 'Log in');
        }
        await onStep(el, w.holder);

        // Holder: each field typed, then the next field (or Prosegui) clicked at once.
        for (const [index, [id, value]] of TYPED.entries()) {
          if (index === 0) await realClick(deep(el, `input#${id}`));
          await retype(value);
          const next = TYPED[index + 1];
          const target = next ? deep(el, `input#${next[0]}`) : button(el, w.next);
          expectSteady(await realClick(target), `holder ${id} → ${next?.[0] ?? 'Prosegui'}`);
        }
        await onStep(el, w.summary);
        await seeText(el, w.card);

        // Payment and summary: a method, the conditions, Conferma — each clicked at once.
        const choice = (text: string) => findChoice(el, text);
        expectSteady(await realClick(choice(w.card)), 'payment → saved card');
        expectSteady(await realClick(choice(w.terms)), 'summary → conditions');
        expectSteady(await realClick(button(el, w.confirm)), 'summary → Conferma');
        await onStep(el, w.done);
        expect(events.some((e) => e.type === 'cassa-order-complete')).to.equal(true);
      });
    }
  }

  for (const width of [320, 375]) {
    it(`${width} px, PEC add-ons: mailbox, add-ons, top-up typed (too low, then right) and Conferma, each clicked at once`, async () => {
      await setViewport({ width, height: 800 });
      const { el, navigations } = await mount(backend, {
        product: 'pec-addons',
        sessionToken: backend.tokenFor('mario.rossi@architettitorinopec.it'),
      });
      await onStep(el, 'Scegli la casella PEC');
      expectSteady(
        await realClick(findChoice(el, 'mario.rossi@architettitorinopec.it')),
        'mailbox → the mailbox',
      );
      expectSteady(await realClick(button(el, 'Prosegui')), 'mailbox → Prosegui');
      await onStep(el, 'Servizi aggiuntivi');
      await realClick(deep(el, 'input#q-extra-space'));
      await retype('3');
      expectSteady(await realClick(deep(el, 'input#q-conservation')), 'add-ons → conservation');
      expectSteady(await realClick(button(el, 'Prosegui')), 'add-ons → Prosegui');
      await onStep(el, 'Riepilogo e pagamento');
      await seeText(el, 'Totale da pagare ora 10,58 €');
      expectSteady(await realClick(findChoice(el, 'Carta di credito')), 'payment → card');
      // Too low: the message shows once the field is left (by the click on the conditions).
      await realClick(deep(el, 'input#topup'));
      await retype('10');
      expectSteady(await realClick(findChoice(el, 'Accetto le')), 'top-up (too low) → conditions');
      await seeText(el, 'La ricarica deve essere almeno pari al minimo indicato.');
      await realClick(deep(el, 'input#topup'));
      await retype('20');
      expectSteady(
        await realClick(button(el, 'Conferma e completa l’ordine')),
        'top-up → Conferma',
      );
      await waitUntil(() => navigations.length === 1, 'the order was not placed');
    });
  }

  it('375 px: the running total is visible without scrolling, and typing a quantity moves nothing below', async () => {
    await setViewport({ width: 375, height: 667 });
    const { el } = await mount(backend);
    await onStep(el, 'Scegli la versione');
    pick(el, 'Versione base');
    await press(el, 'Prosegui');
    await onStep(el, 'Servizi aggiuntivi');
    window.scrollTo(0, 0);
    const running = deep(el, '[part="running-total"]');
    await seeText(running, '120,00 € + IVA/anno');
    expect(running.getBoundingClientRect().bottom).to.be.at.most(window.innerHeight);
    const next = button(el, 'Prosegui');
    const before = next.getBoundingClientRect().top;
    // Typed and left by keyboard (no pointer press holding anything): only the reserved room fills.
    await realClick(deep(el, 'input#q-extra-users'));
    await retype('3');
    deep<HTMLInputElement>(el, 'input#q-extra-users').blur();
    await seeText(el, '36,00 € + IVA/anno');
    await seeText(running, '156,00 € + IVA/anno');
    expect(next.getBoundingClientRect().top - before).to.equal(0);
  });

  // The login step of a checkout opened again (or on a slow server) shows before the first quote
  // answers: the answer fills the running total's room and moves nothing under the pointer.
  for (const width of [320, 375, 1280]) {
    for (const locale of ['it', 'en'] as const) {
      const w = words[locale];
      it(`${width} px, ${locale}: the login step shown before the first quote answers — the answer moves neither Indietro nor Prosegui, and Indietro takes the click`, async () => {
        await setViewport({ width, height: 800 });
        // The server answers no quote until told (a slow server, a checkout opened again).
        let answer!: () => void;
        const answered = new Promise<void>((resolve) => (answer = resolve));
        backend.interceptors.push(async (r) => {
          if (r.path === '/v1/quotes') await answered;
          return undefined;
        });
        const { el } = await mount(backend, { locale });
        await onStep(el, w.plan);
        pick(el, w.base);
        await press(el, w.next);
        await onStep(el, w.addons);
        await press(el, w.next);
        await onStep(el, w.account);
        type(deep<HTMLInputElement>(el, 'input#username'), '1234567@aruba.it');
        type(deep<HTMLInputElement>(el, 'input#password'), 'cassa-demo');
        await press(el, w.login);
        await onStep(el, w.holder);
        // Back to the login step, where the buyer is logged in: Indietro and Prosegui.
        await press(el, w.back);
        await onStep(el, w.account);
        const waiting = deepAll(el, '[part="running-total"]').map(visibleText);
        const back = button(el, w.back);
        const next = button(el, w.next);
        const before = [back.getBoundingClientRect(), next.getBoundingClientRect()];
        answer();
        await seeText(el, `${w.running} ${w.yearly}`);
        await el.updateComplete;
        const after = [back.getBoundingClientRect(), next.getBoundingClientRect()];
        expect(back.isConnected && next.isConnected, 'the buttons are the same').to.equal(true);
        expect(
          after.map((r) => [r.left, r.top]),
          'Indietro and Prosegui stay put',
        ).to.deep.equal(before.map((r) => [r.left, r.top]));
        // The total's room was there, waiting for the price.
        expect(waiting).to.deep.equal([`${w.running} …`]);
        expectSteady(await realClick(back), 'login step → Indietro');
        await onStep(el, w.addons);
      });
    }
  }

  it('the overlay at 375 px: Prosegui after typing a quantity takes the click at once', async () => {
    await setViewport({ width: 375, height: 667 });
    const realFetch = window.fetch;
    window.fetch = backend.fetch;
    try {
      void open({ backend: BACKEND, product: 'certified-platform', plan: 'base' }).catch(
        () => undefined,
      );
      const inner = () =>
        document
          .querySelector('cassa-overlay')
          ?.shadowRoot?.querySelector<CassaCheckout>('cassa-checkout');
      await waitUntil(() => inner()?.shadowRoot && heading(inner()!) === 'Scegli la versione', '');
      const overlay = document.querySelector('cassa-overlay');
      const el = inner();
      expectSteady(await realClick(button(el!, 'Prosegui')), 'overlay plan → Prosegui');
      await onStep(el!, 'Servizi aggiuntivi');
      await realClick(deep(el!, 'input#q-extra-users'));
      await retype('3');
      expectSteady(await realClick(button(el!, 'Prosegui')), 'overlay add-ons → Prosegui');
      await onStep(el!, 'Accedi o registrati');
      overlay!.close();
    } finally {
      window.fetch = realFetch;
      document.querySelectorAll('cassa-overlay').forEach((o) => o.remove());
      document.documentElement.style.overflow = '';
    }
  });
});

/** The label (a radio or checkbox card) whose text contains `text`. */
function findChoice(root: Element, text: string): HTMLElement {
  const labels: HTMLElement[] = [];
  const walk = (node: Element | ShadowRoot) => {
    for (const child of Array.from(node.querySelectorAll('*'))) {
      if (child.matches('label') && (child.textContent ?? '').includes(text))
        labels.push(child as HTMLElement);
      if (child.shadowRoot) walk(child.shadowRoot);
    }
  };
  walk(root.shadowRoot!);
  const [label] = labels;
  if (!label) throw new Error(`no choice "${text}"`);
  return label.querySelector('input') ?? label;
}
