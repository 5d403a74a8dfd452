// Robust embedding: the drop-in entry loaded twice, every element module evaluated twice, and two
// widgets with different products on one page, as an integrator writes them (markup only, the
// page's own fetch answering for the backend).
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import '../../../src/embed.ts';
import type { CassaCheckout } from '../../../src/cassa-checkout.ts';
import { BACKEND, FakeBackend } from '../fake-backend.ts';
import { deep, logIn, onStep, pick, press, type, visibleText } from '../checkout/helpers.ts';

// Every module that registers an element: evaluating one again must not throw.
const ELEMENT_MODULES = [
  '../../../src/cassa-checkout.ts',
  '../../../src/overlay/cassa-overlay.ts',
  '../../../src/components/cassa-plan-picker/cassa-plan-picker.ts',
  '../../../src/components/cassa-addon-selector/cassa-addon-selector.ts',
  '../../../src/components/cassa-holder-form/cassa-holder-form.ts',
  '../../../src/components/cassa-payment-chooser/cassa-payment-chooser.ts',
  '../../../src/components/cassa-order-summary/cassa-order-summary.ts',
  '../../../src/components/cassa-toggletip/cassa-toggletip.ts',
  '../../../src/components/checkout-steps/cassa-checkout-steps.ts',
  '../../../src/components/checkout-error/cassa-checkout-error.ts',
  '../../../src/components/checkout-mailbox/cassa-checkout-mailbox.ts',
  '../../../src/components/checkout-result/cassa-checkout-result.ts',
  '../../../src/components/account-step/cassa-account-step.ts',
];

describe('embedding: loading twice', () => {
  it('sets window.Cassa once, frozen, with open() and a version', () => {
    const cassa = window.Cassa!;
    expect(cassa).to.be.an('object');
    expect(cassa.open).to.be.a('function');
    expect(cassa.preload).to.be.a('function');
    expect(cassa.version).to.be.a('string').and.not.equal('');
    expect(Object.isFrozen(cassa)).to.equal(true);
  });

  it('a second copy of the entry neither throws nor replaces the working window.Cassa', async () => {
    const first = window.Cassa;
    await import(/* @vite-ignore */ `../../../src/embed.ts?copy=${Date.now()}`);
    expect(window.Cassa).to.equal(first);
  });

  it('evaluating every element module a second time keeps the first registration', async () => {
    const tags = [
      'cassa-checkout',
      'cassa-overlay',
      'cassa-plan-picker',
      'cassa-addon-selector',
      'cassa-holder-form',
      'cassa-payment-chooser',
      'cassa-order-summary',
      'cassa-toggletip',
      'cassa-checkout-steps',
      'cassa-checkout-error',
      'cassa-checkout-mailbox',
      'cassa-checkout-result',
      'cassa-account-step',
    ];
    // Each step's elements are loaded with their step; preload() loads them all.
    await window.Cassa!.preload();
    const classes = tags.map((tag) => customElements.get(tag));
    expect(classes.every(Boolean), 'every element is registered').to.equal(true);
    for (const path of ELEMENT_MODULES) {
      await import(/* @vite-ignore */ `${path}?copy=${Date.now()}`);
    }
    expect(tags.map((tag) => customElements.get(tag))).to.deep.equal(classes);
  });
});

describe('embedding: two widgets on one page', () => {
  let backend: FakeBackend;
  const realFetch = window.fetch;

  beforeEach(async () => {
    backend = await FakeBackend.create();
    // The integrator's page: no test hooks on the elements, the page's fetch reaches the backend.
    window.fetch = backend.fetch;
    for (const key of Object.keys(sessionStorage))
      if (key.startsWith('cassa:')) sessionStorage.removeItem(key);
  });
  afterEach(() => {
    window.fetch = realFetch;
  });

  async function mountTwo() {
    const ready: string[] = [];
    const page = await fixture<HTMLElement>(html`
      <div @cassa-ready=${(e: CustomEvent<{ product: string }>) => ready.push(e.detail.product)}>
        <cassa-checkout
          id="platform"
          backend=${BACKEND}
          product="certified-platform"
          locale="it"
        ></cassa-checkout>
        <cassa-checkout
          id="pec"
          backend=${BACKEND}
          product="pec-addons"
          locale="en"
        ></cassa-checkout>
      </div>
    `);
    const platform = page.querySelector<CassaCheckout>('#platform')!;
    const pec = page.querySelector<CassaCheckout>('#pec')!;
    await waitUntil(() => ready.length === 2, 'both widgets fire cassa-ready');
    return { platform, pec, ready };
  }

  it('each loads its own product and shows its own first step, in its own language', async () => {
    const { platform, pec, ready } = await mountTwo();
    expect(ready).to.have.members(['certified-platform', 'pec-addons']);
    await onStep(platform, 'Scegli la versione');
    await onStep(pec, 'Log in or register');
    expect(backend.sent('GET', '/v1/products/certified-platform')).to.have.length(1);
    expect(backend.sent('GET', '/v1/products/pec-addons')).to.have.length(1);
  });

  it('logging in on one leaves the other logged out; each keeps its own selection and steps', async () => {
    const { platform, pec } = await mountTwo();
    const steps: [string, string][] = [];
    const record = (e: Event) =>
      steps.push([(e.target as HTMLElement).id, (e as CustomEvent).detail.step]);
    platform.addEventListener('cassa-step-change', record);
    pec.addEventListener('cassa-step-change', record);

    await onStep(pec, 'Log in or register');
    type(deep<HTMLInputElement>(pec, 'input#username'), 'mario.rossi@architettitorinopec.it');
    type(deep<HTMLInputElement>(pec, 'input#password'), 'cassa-demo');
    await press(pec, 'Log in');
    await onStep(pec, 'Choose the PEC mailbox');

    pick(platform, 'Versione gratuita');
    await press(platform, 'Prosegui');
    await onStep(platform, 'Accedi o registrati');
    expect(visibleText(platform)).to.include('Cliente già registrato');
    expect(visibleText(platform)).not.to.include('Accesso effettuato come');
    await logIn(platform, '1234567@aruba.it');
    await onStep(platform, 'Dati intestatario');
    await waitUntil(
      () => deep<HTMLInputElement>(platform, 'input#name').value === 'Rossi Costruzioni S.r.l.',
      "the company's own holder data",
    );
    // The PEC widget is still where its buyer left it.
    await onStep(pec, 'Choose the PEC mailbox');

    expect(steps).to.deep.equal([
      ['pec', 'mailbox'],
      ['platform', 'account'],
      ['platform', 'holder'],
    ]);
    const logins = backend.sent('POST', '/v1/auth/login').map((r) => r.body);
    expect(logins).to.deep.equal([
      { username: 'mario.rossi@architettitorinopec.it', password: 'cassa-demo' },
      { username: '1234567@aruba.it', password: 'cassa-demo' },
    ]);
  });
});
