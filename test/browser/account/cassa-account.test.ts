import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import {
  a11ySnapshot,
  findAccessibilityNode,
  sendKeys,
  setViewport,
} from '@web/test-runner-commands';
import '../../../src/components/cassa-account/cassa-account.ts';
import type {
  CassaAccount,
  CassaAccountChangeEvent,
} from '../../../src/components/cassa-account/cassa-account.ts';
import { addDays, addMonths } from '../../../src/domain/dates.ts';
import { formatDate } from '../../../src/i18n/index.ts';
import { withAccountRoutes, type AccountData } from '../account-backend.ts';
import { BACKEND, FakeBackend, PAY_PAGE, json, problem } from '../fake-backend.ts';
import {
  button,
  deep,
  deepAll,
  renderedLines,
  seeText,
  type,
  visibleText,
} from '../checkout/helpers.ts';

const COMPANY = '1234567@aruba.it';
const MEMBER = 'mario.rossi@architettitorinopec.it';
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

interface Mounted {
  el: CassaAccount;
  backend: FakeBackend;
  data: Map<string, AccountData>;
  changes: CassaAccountChangeEvent[];
  navigations: string[];
}

async function mount(
  username: string | null,
  locale: 'it' | 'en' = 'it',
  prepare?: (backend: FakeBackend, data: Map<string, AccountData>) => void,
): Promise<Mounted> {
  const backend = await FakeBackend.create();
  const data = withAccountRoutes(backend);
  prepare?.(backend, data);
  const changes: CassaAccountChangeEvent[] = [];
  const navigations: string[] = [];
  const token = username ? backend.tokenFor(username) : undefined;
  const el = await fixture<CassaAccount>(
    html`<cassa-account
      locale=${locale}
      .fetchImpl=${backend.fetch}
      .navigate=${(url: string) => navigations.push(url)}
      session-token=${token ?? ''}
      backend=${BACKEND}
      @cassa-account-change=${(e: CassaAccountChangeEvent) => changes.push(e)}
    ></cassa-account>`,
  );
  return { el, backend, data, changes, navigations };
}

/** The member's top-up order `topup-9` (12,00 €) as the server has it; paid: 5,00 € + 12,00 €. */
function withTopUp(
  data: Map<string, AccountData>,
  status: 'paid' | 'refused' | 'cancelled' | 'pending_payment',
  addons: { id: string; quantity: number }[] = [],
): void {
  const mine = data.get(MEMBER)!;
  if (status === 'paid') mine.creditCents = 1700;
  mine.topUps = [
    {
      id: 'topup-9',
      number: 'C-2026-000130',
      status,
      totalCents: 1200,
      currency: 'EUR',
      productId: 'pec-addons',
      planId: 'member',
      addons,
      years: 1,
      paymentMethod: 'card',
      autoRenew: false,
      topUpCents: 1200,
    },
  ];
}

const ready = (el: CassaAccount) =>
  waitUntil(() => el.store?.state.phase === 'ready', 'the customer area never loaded', {
    timeout: 5000,
  }).then(() => el.updateComplete);

/** The radio of the subscription svc-1's renewal method `id`. */
const renewalRadio = (el: CassaAccount, id: string) =>
  deep<HTMLInputElement>(el, `input[name="method-svc-1"][value="${id}"]`);

const autoRenew = (el: CassaAccount) => deepAll<HTMLInputElement>(el, 'input[type=checkbox]')[0]!;

describe('cassa-account: a Certified Platform buyer', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('shows the service: plan, add-ons, term, status, expiry, next charge and the renewal card', async () => {
    const { el, backend } = await mount(COMPANY);
    await ready(el);
    const expiry = addMonths(backend.today, 10);
    await seeText(el, 'Area clienti');
    const text = visibleText(el);
    expect(text).to.contain('Versione base');
    expect(text).to.contain('Utenti aggiuntivi × 3');
    expect(text).to.contain('Durata 1 anno');
    expect(text).to.contain('Stato Attivo');
    expect(text).to.contain(`Scadenza ${formatDate(expiry, 'it')}`);
    expect(text).to.contain(
      `Prossimo addebito 190,32 € il ${formatDate(addDays(expiry, -7), 'it')}`,
    );
    expect(text).to.contain('Metodo di rinnovo Visa •••• 4242');
    expect(text).to.contain(`Alla scadenza del ${formatDate(expiry, 'it')} il servizio si rinnova`);
    await expect(el).to.be.accessible();
  });

  it('lists the order awaiting a bank transfer with its instructions, and the invoices', async () => {
    const { el } = await mount(COMPANY);
    await ready(el);
    const text = visibleText(el);
    expect(text).to.contain('Ordine C-2026-000124: 146,40 €');
    expect(text).to.contain('Bonifico a Cassa Demo S.r.l., IBAN IT60X0542811101000000123456');
    expect(text).to.contain('Causale: Ordine C-2026-000124');
    expect(text).to.match(/Fattura 2026\/000001 del .*: 190,32 €/);
    expect(text).to.contain('Inviata a M5UXCR1');
  });

  it('a public administration’s order awaiting its transfer says the amount it pays (split payment: the taxable amount)', async () => {
    const { el } = await mount(COMPANY, 'it', (_backend, data) => {
      const order = data.get(COMPANY)!.awaiting[0]!;
      // Base plan, 1 year: 146,40 € invoiced, 120,00 € paid to the seller (the transfer's amount).
      order.splitPayment = true;
      order.payableCents = 12000;
      order.instructions = { ...order.instructions!, amountCents: 12000 };
    });
    await ready(el);
    const text = visibleText(el);
    expect(text).to.contain('Ordine C-2026-000124: 120,00 €');
    expect(text).not.to.contain('146,40');
  });

  it('opens the readable copy in a new tab through a short-lived link minted with the session', async () => {
    const { el, backend } = await mount(COMPANY);
    await ready(el);
    const opened: { href: string; target: string; rel: string }[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      opened.push({ href: this.href, target: this.target, rel: this.rel });
    };
    try {
      button(el, 'Apri la copia leggibile della fattura 2026/000001').click();
      await waitUntil(() => opened.length === 1, 'no tab opened');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    const [request] = backend.sent('POST', '/v1/me/invoices/inv-1/copy-link');
    expect(request!.headers.authorization).to.match(/^Bearer token-/);
    expect(opened[0]).to.deep.equal({
      href: 'https://shop.test/api/invoices/copy-token-1234567890',
      target: '_blank',
      rel: 'noopener noreferrer',
    });
  });

  it('back from the provider’s page, says whether the new method was saved (and nothing otherwise)', async () => {
    const page = window.location.href;
    try {
      for (const [outcome, text] of [
        ['refused', 'Il gestore dei pagamenti ha rifiutato il metodo'],
        ['saved', 'Nuovo metodo di pagamento salvato.'],
      ] as const) {
        window.history.replaceState(null, '', `?cassa_method=${outcome}`);
        const { el } = await mount(COMPANY);
        await ready(el);
        expect(visibleText(el)).to.contain(text);
        // (One area per page for axe: the next mount adds a second one.)
        if (outcome === 'refused') await expect(el).to.be.accessible();
      }
      window.history.replaceState(null, '', '?cassa_method=<b>');
      const { el } = await mount(COMPANY);
      await ready(el);
      expect(deepAll(el, '.notice')).to.have.length(0);
    } finally {
      window.history.replaceState(null, '', page);
    }
  });

  it('back from adding a method on the provider’s page: logged in by the return URL’s token, once, and the token leaves the address bar', async () => {
    const page = window.location.href;
    const resumeRoute = (backend: FakeBackend) =>
      backend.interceptors.unshift((r) => {
        if (r.method !== 'POST' || r.path !== '/v1/auth/resume') return undefined;
        const body = r.body as { setupId?: string };
        return body.setupId === 'pms_1' && r.headers['cassa-resume'] === 'resume-1'
          ? json(200, {
              token: backend.tokenFor(COMPANY),
              customer: backend.accounts.find((a) => a.customer.username === COMPANY)!.customer,
            })
          : problem(401, 'unauthorized');
      });
    try {
      window.history.replaceState(
        null,
        '',
        '?cassa_method=saved&cassa_setup=pms_1&cassa_resume=resume-1&tab=area',
      );
      const { el, backend } = await mount(null, 'it', resumeRoute);
      await ready(el);
      expect(visibleText(el)).to.contain('Nuovo metodo di pagamento salvato.');
      expect(visibleText(el)).to.contain('Metodi di pagamento salvati');
      const [request] = backend.sent('POST', '/v1/auth/resume');
      expect(request!.body).to.deep.equal({ setupId: 'pms_1' });
      expect(backend.sent('GET', '/v1/me/payment-methods')[0]!.headers.authorization).to.match(
        /^Bearer token-/,
      );
      // The token is gone from the URL (a reload or a shared link carries none); the rest stays.
      expect(window.location.search).to.equal('?cassa_method=saved&tab=area');

      // A token the server refuses: the login form, as without one.
      window.history.replaceState(
        null,
        '',
        '?cassa_method=saved&cassa_setup=pms_1&cassa_resume=used',
      );
      const second = await mount(null, 'it', resumeRoute);
      await waitUntil(() => second.backend.sent('POST', '/v1/auth/resume').length === 1);
      await waitUntil(() => second.el.store?.state.phase === 'login', 'no login form');
      await seeText(second.el, 'Accedi');
      expect(deepAll(second.el, 'input#password')).to.have.length(1);
    } finally {
      window.history.replaceState(null, '', page);
    }
  });

  it('back from a top-up on the card page: logged in by the order’s token, unless a checkout on the page takes its own return', async () => {
    const page = window.location.href;
    const resumeRoute = (backend: FakeBackend) =>
      backend.interceptors.unshift((r) => {
        if (r.method !== 'POST' || r.path !== '/v1/auth/resume') return undefined;
        const body = r.body as { orderId?: string };
        return body.orderId === 'topup-1' && r.headers['cassa-resume'] === 'resume-2'
          ? json(200, {
              token: backend.tokenFor(COMPANY),
              customer: backend.accounts.find((a) => a.customer.username === COMPANY)!.customer,
            })
          : problem(401, 'unauthorized');
      });
    const checkout = document.createElement('cassa-checkout');
    try {
      window.history.replaceState(null, '', '?cassa_order=topup-1&cassa_resume=resume-2');
      const { el, backend } = await mount(null, 'it', resumeRoute);
      await ready(el);
      expect(backend.sent('POST', '/v1/auth/resume')[0]!.body).to.deep.equal({
        orderId: 'topup-1',
      });
      expect(visibleText(el)).to.contain('Metodi di pagamento salvati');
      expect(window.location.search).to.equal('');

      // A checkout on the same page picks up its own order's return: the area leaves it alone.
      document.body.append(checkout);
      window.history.replaceState(null, '', '?cassa_order=topup-1&cassa_resume=resume-2');
      const second = await mount(null, 'it', resumeRoute);
      await seeText(second.el, 'Accedi');
      expect(second.backend.sent('POST', '/v1/auth/resume')).to.have.length(0);
      expect(window.location.search).to.equal('?cassa_order=topup-1&cassa_resume=resume-2');

      // The area's own top-up comes back marked as the area's (`cassa_widget`): the area takes
      // it, checkout or not, and cleans the address.
      window.history.replaceState(
        null,
        '',
        '?cassa_order=topup-1&cassa_resume=resume-2&cassa_widget=cassa-account',
      );
      const third = await mount(null, 'it', resumeRoute);
      await ready(third.el);
      expect(third.backend.sent('POST', '/v1/auth/resume')[0]!.body).to.deep.equal({
        orderId: 'topup-1',
      });
      expect(window.location.search).to.equal('');
    } finally {
      checkout.remove();
      window.history.replaceState(null, '', page);
    }
  });

  it('downloads the invoice XML with the session (the link needs the token)', async () => {
    const { el, backend } = await mount(COMPANY);
    await ready(el);
    button(el, 'Scarica l’XML della fattura 2026/000001').click();
    await waitUntil(() => backend.sent('GET', '/v1/orders/ord-cp/invoice').length === 1);
    const [request] = backend.sent('GET', '/v1/orders/ord-cp/invoice');
    expect(request!.headers.authorization).to.match(/^Bearer token-/);
  });

  it('turns auto-renew off: the server is told, the page hears it, the text says what happens', async () => {
    const { el, backend, changes } = await mount(COMPANY);
    await ready(el);
    const change = oneEvent(el, 'cassa-account-change');
    autoRenew(el).click();
    const event = (await change) as CassaAccountChangeEvent;
    expect(event.detail.kind).to.equal('auto-renew');
    expect(event.bubbles && event.composed).to.equal(true);
    expect(backend.sent('PATCH', '/v1/subscriptions/svc-1')[0]!.body).to.deep.equal({
      autoRenew: false,
    });
    await seeText(el, 'il servizio termina e non viene addebitato nulla');
    expect(visibleText(el)).to.contain('Prossimo addebito Nessuno');
    expect(changes).to.have.length(1);
    expect(autoRenew(el).checked).to.equal(false);
  });

  it('changes the card the renewal is charged to', async () => {
    const { el, backend } = await mount(COMPANY);
    await ready(el);
    renewalRadio(el, 'pm-paypal').click();
    await seeText(el, 'Metodo di rinnovo PayPal rossi.costruzioni@example.com');
    expect(backend.sent('PATCH', '/v1/subscriptions/svc-1')[0]!.body).to.deep.equal({
      paymentMethodId: 'pm-paypal',
    });
  });

  it('a server error is translated, with a retry that works; the switch is back as it was', async () => {
    let fail = true;
    const { el, backend } = await mount(COMPANY, 'it', (b) =>
      b.interceptors.unshift((r) => {
        if (r.method !== 'PATCH' || !fail) return undefined;
        fail = false;
        return problem(503, 'service-unavailable');
      }),
    );
    await ready(el);
    autoRenew(el).click();
    await seeText(el, 'Riprova');
    expect(visibleText(el)).to.match(/server|Riprova/);
    expect(autoRenew(el).checked).to.equal(true);
    button(el, 'Riprova').click();
    await seeText(el, 'il servizio termina');
    expect(backend.sent('PATCH', '/v1/subscriptions/svc-1')).to.have.length(2);
  });

  it('removing the card an auto-renewal uses moves that renewal to the chosen method first', async () => {
    const { el, backend, data } = await mount(COMPANY);
    await ready(el);
    expect(visibleText(el)).to.contain('Usato per il rinnovo di: C-2026-000123');
    button(el, 'Rimuovi Visa •••• 4242').click();
    await waitUntil(() => !visibleText(el).includes('Rimuovi Visa'));
    const [request] = backend.sent('DELETE', '/v1/me/payment-methods/pm-card');
    expect(request!.search).to.equal('?replacement=pm-paypal');
    expect(data.get(COMPANY)!.subscriptions[0]!.paymentMethodId).to.equal('pm-paypal');
    await seeText(el, 'Metodo di rinnovo PayPal');
  });

  it('the last method an auto-renewal uses is refused with a clear message', async () => {
    const { el, data } = await mount(COMPANY);
    await ready(el);
    data.get(COMPANY)!.methods = [{ id: 'pm-card', type: 'card', label: 'Visa •••• 4242' }];
    await el.store!.load();
    await el.updateComplete;
    button(el, 'Rimuovi Visa •••• 4242').click();
    await seeText(el, 'Questo metodo paga un rinnovo automatico');
    expect(visibleText(el)).to.contain('Visa •••• 4242');
  });

  it('adds a card on the provider’s page', async () => {
    const { el, backend, navigations } = await mount(COMPANY);
    await ready(el);
    button(el, 'Aggiungi una carta').click();
    await waitUntil(() => navigations.length === 1);
    expect(navigations[0]).to.equal(`${PAY_PAGE}setup-1`);
    const body = backend.sent('POST', '/v1/me/payment-methods')[0]!.body as Record<string, unknown>;
    expect(body.type).to.equal('card');
    // This page, marked as the area's return (a checkout on the page leaves it alone).
    const back = new URL(body.returnUrl as string);
    expect(back.searchParams.get('cassa_widget')).to.equal('cassa-account');
    back.searchParams.delete('cassa_widget');
    expect(back.href).to.equal(window.location.href);
  });

  it('works by keyboard: Tab reaches the auto-renew switch and Space turns it off', async () => {
    const { el, backend } = await mount(COMPANY);
    await ready(el);
    autoRenew(el).focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => backend.sent('PATCH', '/v1/subscriptions/svc-1').length === 1);
    await sendKeys({ press: 'Tab' });
    const focused = el.shadowRoot!.activeElement as HTMLInputElement | null;
    expect(focused?.name).to.equal('method-svc-1');
  });

  it('reads in English, and fits a 320 px screen without sideways scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const { el } = await mount(COMPANY, 'en');
    await ready(el);
    const text = visibleText(el);
    expect(text).to.contain('Customer area');
    expect(text).to.contain('Base version');
    expect(text).to.contain('Renewal method Visa •••• 4242');
    expect(text).to.contain('Orders awaiting payment');
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    await expect(el).to.be.accessible();
  });
  it('on a phone, the service’s heading wraps before its order number, never inside it (it, en)', async () => {
    await setViewport({ width: 320, height: 640 });
    for (const locale of ['it', 'en'] as const) {
      const { el } = await mount(COMPANY, locale);
      await ready(el);
      const heading = deepAll<HTMLElement>(el, 'h3').find((h) =>
        h.textContent?.includes('C-2026-000123'),
      )!;
      const lines = renderedLines(heading);
      expect(lines.join(' / ')).to.contain('Certified Platform');
      expect(
        lines.some((line) => line.endsWith('C-2026-000123')),
        `the order number is broken: ${lines.join(' / ')}`,
      ).to.equal(true);
    }
  });

  it('wraps a saved PayPal address on a phone between its pieces, never inside a word', async () => {
    await setViewport({ width: 320, height: 640 });
    const { el } = await mount(COMPANY);
    await ready(el);
    renewalRadio(el, 'pm-paypal').click();
    await seeText(el, 'Metodo di rinnovo PayPal rossi.costruzioni@example.com');
    const email = 'rossi.costruzioni@example.com';
    const pieces = email.split(/(?<=[.\-_])|(?=@)/);
    const card = deepAll<HTMLLIElement>(el, '.methods li').find((li) =>
      li.textContent?.includes('@'),
    )!;
    const remove = card.querySelector('button')!;
    const shown = [
      card.querySelector('.label')!,
      remove,
      deepAll<HTMLElement>(el, 'dd').find((dd) => dd.textContent?.includes('@'))!,
    ];
    for (const element of shown) {
      const lines = renderedLines(element);
      // Every line holds whole pieces: it ends after a dot or before the @.
      for (const line of lines) {
        let rest = line.replace(/^(Rimuovi )?PayPal ?/, '');
        for (const piece of pieces) if (rest.startsWith(piece)) rest = rest.slice(piece.length);
        expect(rest, `broken inside a word: ${lines.join(' / ')}`).to.equal('');
      }
    }
    expect(renderedLines(remove).length, 'the remove button wraps at 320 px').to.be.greaterThan(1);
    // The button is named by its whole text, as the server wrote the address.
    type AxNode = { role?: string; name?: string; children: AxNode[] };
    const snapshot = (await a11ySnapshot({})) as unknown as AxNode;
    const named = findAccessibilityNode<AxNode>(
      snapshot,
      (node) => node.role === 'button' && !!node.name?.includes('@'),
    );
    expect(named?.name).to.equal(`Rimuovi PayPal ${email}`);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    await expect(el).to.be.accessible();
  });
});

describe('cassa-account: a long saved PayPal address in the renewal-method choices', () => {
  const LONG = 'amministrazione.rossi.costruzioni@studio-rossi-associati.example.com';
  afterEach(() => setViewport({ width: 800, height: 600 }));

  const withLongPaypal = (_: FakeBackend, data: Map<string, AccountData>) => {
    data.get(COMPANY)!.methods[1] = { id: 'pm-paypal', type: 'paypal', label: `PayPal ${LONG}` };
  };

  for (const locale of ['it', 'en'] as const) {
    it(`at 320 px (${locale}) both choices show the whole address, wrapped between its pieces; by keyboard the renewal moves`, async () => {
      await setViewport({ width: 320, height: 640 });
      const { el, backend } = await mount(COMPANY, locale, withLongPaypal);
      await ready(el);
      const pieces = LONG.split(/(?<=[.\-_])|(?=@)/);
      // The renewal method (a radio per method) and, on the card the renewal uses, where its
      // renewals move before it is removed.
      const groups = deepAll<HTMLFieldSetElement>(el, 'fieldset.methods-choice');
      expect(groups.map((g) => g.querySelector('legend')!.textContent!.trim())).to.deep.equal(
        locale === 'it'
          ? ['Metodo di rinnovo', 'Prima sposta i rinnovi su']
          : ['Renewal method', 'First move the renewals to'],
      );
      for (const group of groups) {
        const radio = group.querySelector<HTMLInputElement>('input[value="pm-paypal"]')!;
        expect(radio.getAttribute('aria-label')).to.equal(`PayPal ${LONG}`);
        const lines = renderedLines(radio.closest('label')!);
        expect(lines.length, 'the address wraps at 320 px').to.be.greaterThan(1);
        expect(lines.join('').replace(/\s/g, '')).to.equal(`PayPal${LONG}`);
        for (const line of lines) {
          let rest = line.replace(/^PayPal ?/, '');
          for (const piece of pieces) if (rest.startsWith(piece)) rest = rest.slice(piece.length);
          expect(rest, `broken inside a word: ${lines.join(' / ')}`).to.equal('');
        }
        const box = radio.closest('label')!.getBoundingClientRect();
        expect(box.right).to.be.at.most(el.getBoundingClientRect().right);
      }
      expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
      expect(document.documentElement.scrollWidth).to.be.at.most(
        document.documentElement.clientWidth,
      );

      // By keyboard: Tab from the auto-renew switch to the checked radio, an arrow chooses PayPal.
      autoRenew(el).focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(renewalRadio(el, 'pm-card'));
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => backend.sent('PATCH', '/v1/subscriptions/svc-1').length === 1);
      expect(backend.sent('PATCH', '/v1/subscriptions/svc-1')[0]!.body).to.deep.equal({
        paymentMethodId: 'pm-paypal',
      });
      await waitUntil(
        () => renewalRadio(el, 'pm-paypal').checked && !renewalRadio(el, 'pm-paypal').disabled,
      );
      await waitUntil(
        () => el.shadowRoot!.activeElement === renewalRadio(el, 'pm-paypal'),
        'the focus stays on the chosen method',
      );
      await expect(el).to.be.accessible();
    });
  }

  it('the chosen method stays checked while the change is saved', async () => {
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const { el } = await mount(COMPANY, 'it', (b, data) => {
      withLongPaypal(b, data);
      // The server takes its time: the PATCH waits until the test lets it through.
      b.interceptors.unshift(async (r) => {
        if (r.method === 'PATCH') await held;
        return undefined;
      });
    });
    await ready(el);
    renewalRadio(el, 'pm-paypal').click();
    await waitUntil(() => el.store?.isBusy('method:svc-1') === true);
    await el.updateComplete;
    const group = deep<HTMLFieldSetElement>(el, 'fieldset.methods-choice');
    expect(group.getAttribute('aria-busy')).to.equal('true');
    expect(renewalRadio(el, 'pm-paypal').checked).to.equal(true);
    expect(renewalRadio(el, 'pm-card').checked).to.equal(false);
    answer();
    await seeText(el, 'Metodo di rinnovo PayPal');
    expect(renewalRadio(el, 'pm-paypal').checked).to.equal(true);
  });

  it('a refused change is said next to the choice, and the server’s method stays checked', async () => {
    const { el } = await mount(COMPANY, 'it', (b, data) => {
      withLongPaypal(b, data);
      b.interceptors.unshift((r) =>
        r.method === 'PATCH' ? problem(503, 'service-unavailable') : undefined,
      );
    });
    await ready(el);
    renewalRadio(el, 'pm-paypal').click();
    await waitUntil(() => el.store?.state.error?.key === 'method:svc-1');
    await el.updateComplete;
    const group = deep<HTMLFieldSetElement>(el, 'fieldset.methods-choice');
    const error = deep<HTMLElement>(el, '[id="err-method:svc-1"]');
    expect(error.textContent!.trim()).not.to.equal('');
    expect(group.getAttribute('aria-describedby')).to.equal('err-method:svc-1');
    expect(renewalRadio(el, 'pm-card').checked).to.equal(true);
    expect(renewalRadio(el, 'pm-paypal').checked).to.equal(false);
  });

  it('a service with no saved method says so in the choice, none of the methods checked', async () => {
    const { el } = await mount(COMPANY, 'it', (b, data) => {
      withLongPaypal(b, data);
      data.get(COMPANY)!.subscriptions[0]!.paymentMethodId = null;
    });
    await ready(el);
    const group = deep<HTMLFieldSetElement>(el, 'fieldset.methods-choice');
    const checked = group.querySelector<HTMLInputElement>('input:checked')!;
    expect(checked.disabled).to.equal(true);
    expect(checked.closest('label')!.textContent!.trim()).to.equal('Nessun metodo salvato');
    expect(renewalRadio(el, 'pm-paypal').checked).to.equal(false);
  });
});

describe('cassa-account: a member of the Ordine with PEC add-ons', () => {
  it('shows the mailbox, each add-on with its status, the credit and the warning', async () => {
    const { el, backend } = await mount(MEMBER);
    await ready(el);
    const text = visibleText(el);
    expect(text).to.contain('Spazio extra archivio e inbox × 3');
    expect(text).to.match(/disattivato il/);
    expect(text).to.contain('Saldo: 5,00 €');
    expect(text).to.contain(
      `Il prossimo rinnovo (${formatDate(addMonths(backend.today, 8), 'it')}) preleva 10,98 €.`,
    );
    expect(text).to.contain('ricarica almeno 5,98 €');
    expect(text).to.contain('Riattiva i servizi disattivati');
    await expect(el).to.be.accessible();
  });

  it('refuses a top-up under the minimum, keeping what was typed; then goes to the card page', async () => {
    const { el, backend, navigations } = await mount(MEMBER);
    await ready(el);
    const input = deep<HTMLInputElement>(el, 'input#top-up');
    type(input, '3,00');
    button(el, 'Ricarica con carta').click();
    await seeText(el, 'La ricarica deve essere almeno pari al minimo indicato.');
    expect(input.value).to.equal('3,00');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(backend.sent('POST', '/v1/me/credit/top-ups')).to.have.length(0);
    type(input, '10');
    button(el, 'Ricarica con carta').click();
    await waitUntil(() => navigations.length === 1);
    expect(navigations[0]).to.equal(`${PAY_PAGE}topup-1`);
    const sent = backend.sent('POST', '/v1/me/credit/top-ups')[0]!.body as {
      amountCents: number;
      returnUrl: string;
    };
    expect(sent.amountCents).to.equal(1000);
    // Marked as the area's: back on a page with a checkout too, the area takes the return.
    expect(new URL(sent.returnUrl).searchParams.get('cassa_widget')).to.equal('cassa-account');
  });

  // Back from the card page after a top-up (the return URL carries only the order and its token):
  // the outcome is the server's order, the balance the server's, said first with the focus on it.
  const topUpCases = [
    {
      status: 'paid',
      it: 'Ricarica riuscita: 12,00 € aggiunti al credito. Nuovo saldo: 17,00 €.',
      en: 'Top-up done: €12.00 added to your credit. New balance: €17.00.',
      field: '',
    },
    {
      status: 'refused',
      it: 'La ricarica di 12,00 € non è riuscita: la carta è stata rifiutata e non è stato addebitato nulla. Puoi riprovare qui sotto, anche con un’altra carta.',
      en: 'The top-up of €12.00 did not go through: the card was refused and nothing was charged. You can try again below, also with another card.',
      field: '12,00',
    },
    {
      status: 'cancelled',
      it: 'Ricarica di 12,00 € annullata: non è stato addebitato nulla. Puoi riprovare qui sotto.',
      en: 'Top-up of €12.00 cancelled: nothing was charged. You can try again below.',
      field: '12,00',
    },
    {
      status: 'pending_payment',
      it: 'La banca non ha ancora confermato la ricarica di 12,00 €: il saldo si aggiorna qui da solo appena arriva la conferma. Riprova qui sotto solo se la carta non risulta addebitata.',
      en: 'The bank has not confirmed the top-up of €12.00 yet: the balance is updated here by itself as soon as it does. Try again below only if your card was not charged.',
      field: '12,00',
    },
  ] as const;
  for (const outcome of topUpCases) {
    for (const locale of ['it', 'en'] as const) {
      it(`back from a top-up (${outcome.status}, ${locale}): says what happened with the server’s figures, the focus on it, the form ready again`, async () => {
        const page = window.location.href;
        const resumeRoute = (backend: FakeBackend) =>
          backend.interceptors.unshift((r) => {
            if (r.method !== 'POST' || r.path !== '/v1/auth/resume') return undefined;
            return (r.body as { orderId?: string }).orderId === 'topup-9'
              ? json(200, {
                  token: backend.tokenFor(MEMBER),
                  customer: backend.accounts.find((a) => a.customer.username === MEMBER)!.customer,
                })
              : problem(401, 'unauthorized');
          });
        try {
          window.history.replaceState(null, '', '?cassa_order=topup-9&cassa_resume=resume-9');
          const { el, backend } = await mount(null, locale, (b, data) => {
            resumeRoute(b);
            withTopUp(data, outcome.status);
          });
          await ready(el);
          await waitUntil(() => deepAll(el, '[part=notice]').length === 1, 'no outcome shown');
          const notice = deep<HTMLElement>(el, '[part=notice]');
          expect(notice.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
            outcome[locale].replace(/\u00a0/g, ' '),
          );
          await waitUntil(() => el.shadowRoot!.activeElement === notice, 'the focus is not on it');
          expect(backend.sent('GET', '/v1/orders/topup-9')[0]!.headers.authorization).to.match(
            /^Bearer token-/,
          );
          const field = deep<HTMLInputElement>(el, 'input#top-up');
          expect(field.value).to.equal(
            locale === 'en' ? outcome.field.replace(',', '.') : outcome.field,
          );
          expect(deep<HTMLButtonElement>(el, 'form.top-up button').disabled).to.equal(false);
          expect(window.location.search).to.equal('');
          await expect(el).to.be.accessible();
        } finally {
          window.history.replaceState(null, '', page);
        }
      });
    }
  }

  it('back from a top-up the bank has not confirmed yet: once it does, the outcome and the balance update in view, announced, without a reload', async () => {
    const page = window.location.href;
    try {
      window.history.replaceState(
        null,
        '',
        '?cassa_order=topup-9&cassa_resume=resume-9&cassa_widget=cassa-account',
      );
      const { el, backend, data } = await mount(MEMBER, 'it', (_, d) =>
        withTopUp(d, 'pending_payment'),
      );
      await ready(el);
      await waitUntil(() => deepAll(el, '[part=notice]').length === 1, 'no outcome shown');
      const notice = deep<HTMLElement>(el, '[part=notice]');
      expect(notice.textContent).to.contain('non ha ancora confermato');
      await waitUntil(() => el.shadowRoot!.activeElement === notice, 'the focus is not on it');
      // The provider confirms: the server's order is paid and the credit grown.
      const mine = data.get(MEMBER)!;
      mine.topUps![0]!.status = 'paid';
      mine.creditCents = 1700;
      const paid = 'Ricarica riuscita: 12,00 € aggiunti al credito. Nuovo saldo: 17,00 €.';
      await waitUntil(
        () =>
          deep<HTMLElement>(el, '[part=notice]').textContent!.replace(/\s+/g, ' ').trim() ===
          paid.replace(/\u00a0/g, ' '),
        'the notice still says the top-up is not confirmed',
        { timeout: 15000 },
      );
      await el.updateComplete;
      expect(
        deep<HTMLElement>(el, '[role=status].sr').textContent!.replace(/\s+/g, ' ').trim(),
      ).to.equal(paid.replace(/\u00a0/g, ' '));
      expect(visibleText(el)).to.contain('17,00');
      expect(deep<HTMLInputElement>(el, 'input#top-up').value).to.equal('');
      expect(backend.sent('GET', '/v1/orders/topup-9').length).to.be.greaterThan(1);
      // Answered, it is not checked again.
      const checks = backend.sent('GET', '/v1/orders/topup-9').length;
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(backend.sent('GET', '/v1/orders/topup-9').length).to.equal(checks);
      await expect(el).to.be.accessible();
    } finally {
      window.history.replaceState(null, '', page);
    }
  });

  it('another order of the return (a checkout’s, with add-ons) is not announced as a top-up', async () => {
    const page = window.location.href;
    try {
      // Even marked as the area's, an order with add-ons is no top-up.
      window.history.replaceState(
        null,
        '',
        '?cassa_order=topup-9&cassa_resume=resume-9&cassa_widget=cassa-account',
      );
      const checkout = document.createElement('cassa-checkout');
      document.body.append(checkout);
      try {
        const { el, backend } = await mount(MEMBER, 'it', (_, data) =>
          withTopUp(data, 'paid', [{ id: 'extra-space', quantity: 1 }]),
        );
        await ready(el);
        await waitUntil(() => backend.sent('GET', '/v1/orders/topup-9').length === 1);
        await el.updateComplete;
        expect(deepAll(el, '[part=notice]')).to.have.length(0);
      } finally {
        checkout.remove();
      }
    } finally {
      window.history.replaceState(null, '', page);
    }
  });

  it('on a phone, a mailbox’s heading wraps between the pieces of its address, named whole', async () => {
    await setViewport({ width: 320, height: 640 });
    const { el } = await mount(MEMBER);
    await ready(el);
    const heading = deepAll<HTMLElement>(el, 'h3').find((h) => h.textContent?.trim() === MEMBER)!;
    const lines = renderedLines(heading);
    expect(lines.length, 'the address wraps at 320 px').to.be.greaterThan(1);
    const pieces = MEMBER.split(/(?<=[.\-_])|(?=@)/);
    for (const line of lines) {
      let rest = line;
      for (const piece of pieces) if (rest.startsWith(piece)) rest = rest.slice(piece.length);
      expect(rest, `broken inside a word: ${lines.join(' / ')}`).to.equal('');
    }
    const article = heading.closest('article')!;
    type AxNode = { role?: string; name?: string; children: AxNode[] };
    const node = findAccessibilityNode<AxNode>(
      (await a11ySnapshot({})) as unknown as AxNode,
      (n) => n.role === 'heading' && !!n.name?.includes('@'),
    );
    expect(node?.name, 'the heading is named with the whole address').to.equal(MEMBER);
    expect(article.getAttribute('aria-labelledby')).to.equal(heading.id);
    await setViewport({ width: 800, height: 600 });
  });

  it('shows no warning when the credit covers the renewal', async () => {
    const { el, data } = await mount(MEMBER);
    data.get(MEMBER)!.creditCents = 2000;
    await ready(el);
    await el.store!.load();
    await seeText(el, 'Il credito copre i prossimi rinnovi.');
    expect(visibleText(el)).not.to.contain('ricarica almeno');
  });
});

describe('cassa-account: without a session', () => {
  it('asks to log in, then shows the customer’s services', async () => {
    const { el } = await mount(null);
    await seeText(el, 'Accedi');
    const [username, password] = deepAll<HTMLInputElement>(el, 'input#username, input#password');
    type(username!, COMPANY);
    type(password!, 'cassa-demo');
    deep<HTMLFormElement>(el, 'form[part=login]').requestSubmit();
    await ready(el);
    await seeText(el, 'Versione base');
  });

  it('a wrong password is said, and what was typed stays', async () => {
    const { el } = await mount(null);
    await seeText(el, 'Accedi');
    const [username, password] = deepAll<HTMLInputElement>(el, 'input#username, input#password');
    type(username!, COMPANY);
    type(password!, 'wrong-password');
    deep<HTMLFormElement>(el, 'form[part=login]').requestSubmit();
    await waitUntil(() => el.store?.state.loginError === 'unauthorized');
    await el.updateComplete;
    expect(deep<HTMLInputElement>(el, 'input#username').value).to.equal(COMPANY);
  });

  it('a failed load is translated, with a retry', async () => {
    let fail = true;
    const { el } = await mount(COMPANY, 'it', (b) =>
      b.interceptors.unshift((r) => {
        if (r.path !== '/v1/me/subscriptions' || !fail) return undefined;
        return problem(500, 'server-error');
      }),
    );
    await waitUntil(() => el.store?.state.phase === 'failed', 'no failure shown', {
      timeout: 8000,
    });
    await el.updateComplete;
    fail = false;
    button(el, 'Riprova').click();
    await ready(el);
    await seeText(el, 'Versione base');
  });
});

describe('cassa-account: buying more opens the checkout titled with what is extended', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));
  type AxNode = { role?: string; name?: string; children: AxNode[] };
  const cases: [string, 'it' | 'en', string, string][] = [
    [COMPANY, 'it', 'Aggiungi utenti o spazio', 'Aggiungi a Certified Platform · C-2026-000123'],
    [COMPANY, 'en', 'Add users or storage', 'Add to Certified Platform · C-2026-000123'],
    [
      MEMBER,
      'it',
      'Riattiva i servizi disattivati',
      'Aggiungi a mario.rossi@architettitorinopec.it',
    ],
  ];
  for (const [username, locale, press, title] of cases) {
    it(`"${press}": the dialog is "${title}", its title and its accessible name`, async () => {
      const realFetch = window.fetch;
      const { el, backend } = await mount(username, locale);
      // The overlay's checkout asks the same backend through the page's fetch.
      window.fetch = backend.fetch;
      try {
        await ready(el);
        button(el, press).click();
        const overlay = await waitUntil(
          () => document.querySelector('cassa-overlay'),
          'no overlay',
          {
            timeout: 5000,
          },
        ).then(() => document.querySelector('cassa-overlay')!);
        await overlay.updateComplete;
        expect(squash(deep(overlay, 'h2#title').textContent)).to.equal(title);
        const snapshot = (await a11ySnapshot({})) as unknown as AxNode;
        const dialog = findAccessibilityNode<AxNode>(snapshot, (node) => node.role === 'dialog');
        expect(dialog?.name).to.equal(title);
        // On a phone the title wraps between words, never inside the order number; a word wider
        // than the line (a long address) wraps inside rather than overflow.
        await setViewport({ width: 375, height: 740 });
        const h2 = deep(overlay, 'h2#title');
        const last = title.split(' ').at(-1)!;
        const lines = renderedLines(h2);
        if (last.startsWith('C-'))
          expect(
            lines.some((line) => line.includes(last)),
            lines.join(' / '),
          ).to.equal(true);
        expect(h2.scrollWidth).to.be.at.most(h2.clientWidth);
        button(overlay, locale === 'it' ? /Chiudi/ : /Close/).click();
        await waitUntil(() => !document.querySelector('cassa-overlay'), 'the dialog stayed');
      } finally {
        window.fetch = realFetch;
        document.querySelectorAll('cassa-overlay').forEach((left) => left.remove());
      }
    });
  }
});

describe('Cassa.open({ view: "account" })', () => {
  it('opens the customer area in the dialog; closing it resolves the promise', async () => {
    const backend = await FakeBackend.create();
    withAccountRoutes(backend);
    const token = backend.tokenFor(COMPANY);
    const realFetch = window.fetch;
    window.fetch = backend.fetch;
    try {
      const { open } = await import('../../../src/overlay/open.ts');
      const closed = open({ view: 'account', backend: BACKEND, sessionToken: token });
      await waitUntil(() => document.querySelector('cassa-overlay'), 'no overlay', {
        timeout: 5000,
      });
      const overlay = document.querySelector('cassa-overlay')!;
      await waitUntil(() => visibleText(overlay).includes('Versione base'), 'no services', {
        timeout: 5000,
      });
      expect(visibleText(overlay)).to.contain('Area clienti');
      await expect(overlay).to.be.accessible();
      button(overlay, /Chiudi/).click();
      await closed;
      expect(document.querySelector('cassa-overlay')).to.equal(null);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('asks for a backend', async () => {
    const { open } = await import('../../../src/overlay/open.ts');
    let error: unknown;
    await open({ view: 'account', backend: '' }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
  });
});
