// Issue 7, item 4, in the browser: a backend whose every string is an XSS payload — the catalog,
// the account, saved cards, the order and its payment instructions, and problem+json errors —
// and a whole purchase through it. Everything shows as text, nothing runs (`__xss` is never
// called), and no element the widget does not render itself appears in any of its shadow roots.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import { xssCatalog } from '../../fixtures/xss/catalog.ts';
import { PAYLOADS, WIDGET_TAGS, inspectWidgets, trapXss } from '../../fixtures/xss/payloads.ts';
import { FakeBackend, problem } from '../fake-backend.ts';
import {
  clearCassaStorage,
  deep,
  onStep,
  pick,
  press,
  seeText,
  type,
  visibleText,
  within,
} from '../checkout/helpers.ts';
import { WORDS, eventsOf, ready, render, type Widget } from './journey.ts';

const ran = trapXss(window as unknown as { __xss?: (n: number) => void });
/** As `visibleText` reads text: zero-width spaces (its line-break marks) and the space around them go. */
const squash = (text: string) =>
  text
    .replace(/\s*\u200b\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
/** Payload numbers seen rendered as text, and where. */
const seen = new Map<number, string>();
let checks = 0;

/** Nothing ran, nothing was injected, no link goes to a `javascript:` (or other non-http) URL. */
async function expectInert(w: Widget, where: string): Promise<void> {
  await w.el.updateComplete;
  // Give event-handler payloads (onerror, onload, autofocus) the time to fire.
  await new Promise((wait) => setTimeout(wait, 50));
  const inspection = inspectWidgets(WIDGET_TAGS);
  expect(inspection.shadowRoots, `${where}: shadow roots walked`).to.be.greaterThan(1);
  expect(inspection.foreign, `${where}: injected elements`).to.deep.equal([]);
  expect(inspection.handlers, `${where}: inline handlers`).to.deep.equal([]);
  expect(inspection.badLinks, `${where}: non-http links`).to.deep.equal([]);
  expect(ran, `${where}: payloads that ran`).to.deep.equal([]);
  checks++;
}

/** The payload is on screen, verbatim, as text. */
function expectShown(w: Widget, n: number, where: string): void {
  const text = squash(visibleText(w.el));
  expect(text, `${where}: payload ${n} not shown as text`).to.include(squash(PAYLOADS[n]!));
  seen.set(n, where);
}

type Json = Record<string, unknown>;

/** A fetch answering from `backend`, with some JSON answers rewritten by `rewrite[path]`. */
function tampered(
  backend: FakeBackend,
  rewrite: Record<string, (body: Json) => Json>,
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.replace(/^\/api/, '');
    const response = await backend.fetch(request);
    const change = rewrite[`${request.method} ${path}`];
    if (!change || !response.ok) return response;
    const body = change((await response.json()) as Json);
    return new Response(JSON.stringify(body), {
      status: response.status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

let demoCatalog: Json | undefined;
async function demo(): Promise<Json> {
  demoCatalog ??= (await (await window.fetch('/demo/catalog.json')).json()) as Json;
  return demoCatalog;
}

describe('hardening: XSS payloads from the backend are text', function () {
  beforeEach(() => {
    clearCassaStorage();
    localStorage.removeItem('cassa:order-key');
  });
  after(() =>
    console.log(
      `hardening: xss payloads=${PAYLOADS.length} shown as text=${seen.size} (not shown: ${PAYLOADS.map(
        (_, n) => n,
      )
        .filter((n) => !seen.has(n))
        .join(' ')}) executed=${ran.length} inspections=${checks} injected=0`,
    ),
  );

  // Four rounds, each with the next payloads in every string of the catalog and the account.
  for (let round = 0; round < 4; round++) {
    const offset = round * 17;
    it(`round ${round + 1}: payloads ${offset}… in the catalog, account, saved cards and order: a whole purchase, all as text`, async () => {
      const backend = await FakeBackend.create();
      const { catalog, placed } = xssCatalog(await demo(), offset);
      const product = (catalog as { products: Json[] }).products[0]!;
      const at = (path: string) => placed.get(`products.0.${path}`)!;
      let extra = offset + 40;
      const next = () => extra++ % PAYLOADS.length;
      // The product's own name is not shown by the widget: its payloads go to the account too.
      const account = {
        username: at('name.it'),
        name: at('name.en'),
        street: next(),
        city: next(),
      };
      const cards = [next(), next()];
      const order = { number: next(), beneficiary: next(), account: next(), reference: next() };
      const fetchImpl = tampered(backend, {
        'GET /v1/products/certified-platform': () => product,
        'POST /v1/auth/login': (body) => {
          const customer = body.customer as Json & { holder: Json & { address: Json } };
          customer.username = PAYLOADS[account.username];
          customer.holder.name = PAYLOADS[account.name];
          customer.holder.address.street = PAYLOADS[account.street];
          customer.holder.address.city = PAYLOADS[account.city];
          return body;
        },
        'GET /v1/me/payment-methods': (body) => {
          (body.items as Json[]).forEach((item, i) => (item.label = PAYLOADS[cards[i]!]));
          return body;
        },
        'POST /v1/orders': (body) => {
          body.number = PAYLOADS[order.number];
          const instructions = body.instructions as Json;
          instructions.beneficiary = PAYLOADS[order.beneficiary];
          instructions.account = PAYLOADS[order.account];
          instructions.reference = PAYLOADS[order.reference];
          return body;
        },
      });
      const w = await render(fetchImpl, { plan: 'base' });
      await ready(w);
      const { el } = w;

      await onStep(el, WORDS.it.plans);
      await expectInert(w, 'plans (it)');
      for (const path of ['plans.0.name.it', 'plans.1.name.it']) expectShown(w, at(path), path);
      for (const path of [0, 1, 2, 3].map((i) => `plans.1.includes.${i}.id`)) {
        expectShown(w, at(path), path);
      }
      expectShown(w, at('plans.0.includes.0.id'), 'plans.0.includes.0.id');
      el.locale = 'en';
      await onStep(el, WORDS.en.plans);
      await expectInert(w, 'plans (en)');
      for (const path of ['plans.0.name.en', 'plans.1.name.en']) expectShown(w, at(path), path);
      el.locale = 'it';
      await onStep(el, WORDS.it.plans);

      await press(el, WORDS.it.continue);
      await onStep(el, WORDS.it.addons);
      type(deep<HTMLInputElement>(el, 'input#q-extra-users'), '2');
      await expectInert(w, 'add-ons (it)');
      for (let i = 0; i < 3; i++) expectShown(w, at(`addons.${i}.name.it`), `addons.${i}.it`);
      el.locale = 'en';
      await onStep(el, WORDS.en.addons);
      await expectInert(w, 'add-ons (en)');
      for (let i = 0; i < 3; i++) expectShown(w, at(`addons.${i}.name.en`), `addons.${i}.en`);
      el.locale = 'it';
      await onStep(el, WORDS.it.addons);

      await press(el, WORDS.it.continue);
      await onStep(el, WORDS.it.account);
      type(deep<HTMLInputElement>(el, 'input#username'), '1234567@aruba.it');
      type(deep<HTMLInputElement>(el, 'input#password'), 'cassa-demo');
      await press(el, WORDS.it.login);
      await onStep(el, WORDS.it.holder);
      await expectInert(w, 'holder');
      const field = (id: string) =>
        within<HTMLInputElement>(el, 'cassa-holder-form', `input#${id}`)[0]!.value;
      expect(field('name')).to.equal(PAYLOADS[account.name]!.trim());
      expect(field('street')).to.equal(PAYLOADS[account.street]!.trim());
      expect(field('city')).to.equal(PAYLOADS[account.city]!.trim());
      for (const n of [account.name, account.street, account.city]) seen.set(n, 'holder field');
      await press(el, 'Indietro');
      await onStep(el, WORDS.it.account);
      await expectInert(w, 'account');
      expectShown(w, account.username, 'username');
      await press(el, WORDS.it.continue);
      await onStep(el, WORDS.it.holder);
      await press(el, WORDS.it.continue);

      await onStep(el, WORDS.it.summary);
      await seeText(el, WORDS.it.total);
      await expectInert(w, 'summary');
      for (const n of cards) expectShown(w, n, 'saved card label');
      expectShown(w, at('plans.1.name.it'), 'summary line');
      expectShown(w, at('addons.0.name.it'), 'summary line');
      // termsUrl is a javascript: URL: the conditions are named, but never a link to it.
      const links = within<HTMLAnchorElement>(el, 'cassa-order-summary', 'a');
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([]);
      await seeText(el, 'condizioni generali di contratto');
      await press(el, WORDS.it.otherMethods);
      pick(el, WORDS.it.bank);
      pick(el, WORDS.it.terms);
      await press(el, WORDS.it.confirm);

      await onStep(el, WORDS.it.awaiting);
      await expectInert(w, 'result');
      for (const n of Object.values(order)) expectShown(w, n, 'order');
      expectShown(w, at('plans.1.name.it'), 'result line');
      el.locale = 'en';
      await onStep(el, WORDS.en.awaiting);
      await expectInert(w, 'result (en)');
      expectShown(w, at('plans.1.name.en'), 'result line (en)');
      expect(eventsOf(w, 'cassa-order-complete')).to.have.length(1);
      expect(
        eventsOf(w, 'cassa-order-complete')[0]!.detail.order.number,
        'the host page gets the data as data',
      ).to.equal(PAYLOADS[order.number]);
    });
  }

  it('problem+json errors whose title, detail, codes and field messages are payloads: the widget shows its own words', async () => {
    const backend = await FakeBackend.create();
    const payloadProblem = (status: number, n: number, errorPaths: string[] = []) =>
      problem(status, PAYLOADS[n]!, {
        title: PAYLOADS[n + 1],
        detail: PAYLOADS[n + 2],
        errors: errorPaths.map((path, i) => ({
          path,
          code: PAYLOADS[n + 3 + i],
          message: PAYLOADS[n + 4 + i],
        })),
      });
    // The catalog fails three times: the client retries a read twice on its own.
    let catalogFailures = 3;
    let broken = new Set(['quote', 'login', 'order']);
    backend.interceptors.push((r) => {
      if (r.path.startsWith('/v1/products/') && catalogFailures-- > 0) {
        return payloadProblem(500, 0);
      }
      if (
        r.path === '/v1/quotes' &&
        broken.has('quote') &&
        JSON.stringify(r.body).includes('"quantity":2')
      ) {
        broken.delete('quote');
        return payloadProblem(422, 10, ['addons.0.quantity']);
      }
      if (r.path === '/v1/auth/login' && broken.delete('login')) return payloadProblem(401, 20);
      if (r.path === '/v1/orders' && broken.delete('order')) {
        return payloadProblem(422, 30, ['holder.name', 'holder.address.city']);
      }
      return undefined;
    });
    const w = await render(backend.fetch, { plan: 'base' });
    const { el } = w;
    await waitUntil(() => eventsOf(w, 'cassa-error').length > 0, 'no error');
    await expectInert(w, 'catalog error');
    const noPayloadText = (where: string) => {
      const text = squash(visibleText(el));
      const shown = PAYLOADS.map((p, n) => (text.includes(squash(p)) ? n : -1)).filter(
        (n) => n >= 0 && n < 40,
      );
      expect(shown, `${where}: backend text shown`).to.deep.equal([]);
    };
    noPayloadText('catalog error');
    within<HTMLButtonElement>(el, 'cassa-checkout-error', 'button')[0]!.click();
    await ready(w);
    await onStep(el, WORDS.it.plans);
    await press(el, WORDS.it.continue);
    await onStep(el, WORDS.it.addons);
    type(deep<HTMLInputElement>(el, 'input#q-extra-users'), '2');
    await seeText(el, 'Alcuni dati non sono validi: controlla i campi evidenziati.');
    await seeText(el, 'Valore non valido.');
    await expectInert(w, 'quote error');
    noPayloadText('quote error');
    // A refused quantity keeps the buyer on the step; typed again, it is quoted again (and passes).
    await press(el, WORDS.it.continue);
    await new Promise((r) => setTimeout(r, 100));
    await onStep(el, WORDS.it.addons);
    type(deep<HTMLInputElement>(el, 'input#q-extra-users'), '2');
    await waitUntil(() => !squash(visibleText(el)).includes('Valore non valido.'), 'still refused');
    await press(el, WORDS.it.continue);
    await onStep(el, WORDS.it.account);
    type(deep<HTMLInputElement>(el, 'input#username'), '1234567@aruba.it');
    type(deep<HTMLInputElement>(el, 'input#password'), 'cassa-demo');
    await press(el, WORDS.it.login);
    await seeText(el, 'Username o password non corretti.');
    await expectInert(w, 'login error');
    noPayloadText('login error');
    await press(el, WORDS.it.login);
    await onStep(el, WORDS.it.holder);
    await press(el, WORDS.it.continue);
    await onStep(el, WORDS.it.summary);
    await seeText(el, WORDS.it.total);
    pick(el, 'Visa •••• 4242');
    pick(el, WORDS.it.terms);
    await press(el, WORDS.it.confirm);
    // Field errors on the holder: back to the form, the widget's own texts next to the fields.
    await onStep(el, WORDS.it.holder);
    await seeText(el, 'Valore non valido.');
    await expectInert(w, 'order error');
    noPayloadText('order error');
    broken = new Set();
    expect(eventsOf(w, 'cassa-error').map((e) => e.detail.code)).to.deep.equal([
      'server',
      'invalid_selection',
      'unauthorized',
      'invalid_selection',
    ]);
    for (const e of eventsOf(w, 'cassa-error')) {
      expect(PAYLOADS.some((p) => e.detail.message.includes(p))).to.equal(false);
    }
  });
});
