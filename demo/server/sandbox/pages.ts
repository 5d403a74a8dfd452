// The sandbox payment provider: a card page and a PayPal page served by this server. Plain
// HTML forms (no script, no inline style: they work under a strict CSP), Italian and English.
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { findProduct } from '../../../src/domain/catalog.ts';
import { settlement } from '../../../src/domain/settlement.ts';
import { formatMoney, toLocale, type Locale } from '../../../src/i18n/index.ts';
import { requestOrigin, type AppDeps, type AppEnv } from '../../../server/src/http/context.ts';
import { html, type Html } from '../../../server/src/http/html.ts';
import { invoiceContext } from '../../../server/src/invoices/issue.ts';
import { findOrder, type OrderRecord } from '../../../server/src/orders/orders.ts';
import { completePayment, type PaymentOutcome } from '../../../server/src/payments/payments.ts';
import { notFound } from '../../../server/src/http/problems.ts';
import { pageCsp } from '../../../server/src/http/security.ts';

export const APPROVED_CARD = '4242424242424242';
export const REFUSED_CARD = '4000000000000002';

const STYLESHEET = readFileSync(
  new URL('../../../server/src/http/assets/pages.css', import.meta.url),
  'utf8',
);

const TEXT = {
  it: {
    banner: 'SANDBOX — ambiente di prova: nessun addebito reale',
    cardTitle: 'Pagamento con carta',
    paypalTitle: 'Paga con PayPal',
    merchant: 'Esercente',
    order: 'Ordine',
    amount: 'Importo',
    topUp: 'Addebito ora: ricarica del credito',
    fromCredit: 'Pagato ora con il credito',
    creditAfter: 'Credito residuo dopo l’ordine',
    holder: 'Titolare della carta',
    number: 'Numero della carta',
    expiry: 'Scadenza (MM/AA)',
    cvc: 'CVC',
    pay: (amount: string) => `Paga ${amount}`,
    cancel: 'Annulla e torna al negozio',
    testCards:
      'Carte di prova: 4242 4242 4242 4242 viene accettata, 4000 0000 0000 0002 viene rifiutata.',
    paypalEmail: 'Email del conto PayPal',
    approve: 'Approva il pagamento',
    paypalHint: 'Conto PayPal di prova: nessun accesso reale.',
    done: 'Questo pagamento è già stato concluso.',
    back: 'Torna al negozio',
    errNumber: 'Usa una carta di prova: 4242 4242 4242 4242 oppure 4000 0000 0000 0002.',
    errExpiry: 'Scrivi la scadenza come MM/AA.',
    errCvc: 'Il CVC ha 3 o 4 cifre.',
    errHolder: 'Scrivi il nome del titolare.',
    errEmail: "Scrivi l'email del conto PayPal.",
    language: 'English',
  },
  en: {
    banner: 'SANDBOX — test environment: no real charge',
    cardTitle: 'Card payment',
    paypalTitle: 'Pay with PayPal',
    merchant: 'Merchant',
    order: 'Order',
    amount: 'Amount',
    topUp: 'Charged now: credit top-up',
    fromCredit: 'Paid now from the credit',
    creditAfter: 'Credit left after the order',
    holder: 'Cardholder name',
    number: 'Card number',
    expiry: 'Expiry (MM/YY)',
    cvc: 'CVC',
    pay: (amount: string) => `Pay ${amount}`,
    cancel: 'Cancel and return to the shop',
    testCards: 'Test cards: 4242 4242 4242 4242 is approved, 4000 0000 0000 0002 is refused.',
    paypalEmail: 'PayPal account email',
    approve: 'Approve payment',
    paypalHint: 'Test PayPal account: no real login.',
    done: 'This payment has already been completed.',
    back: 'Return to the shop',
    errNumber: 'Use a test card: 4242 4242 4242 4242 or 4000 0000 0000 0002.',
    errExpiry: 'Write the expiry as MM/YY.',
    errCvc: 'The CVC has 3 or 4 digits.',
    errHolder: "Write the cardholder's name.",
    errEmail: 'Write the PayPal account email.',
    language: 'Italiano',
  },
} as const;

type Field = 'holder' | 'number' | 'expiry' | 'cvc' | 'email';
type FormState = { values: Partial<Record<Field, string>>; errors: Partial<Record<Field, string>> };

/** What the card (or PayPal account) is charged now: the total, or the credit top-up for add-ons. */
function amountCharged(order: OrderRecord): number {
  return order.topUpCents !== null ? order.topUpCents : order.totalCents;
}

function input(
  name: Field,
  label: string,
  state: FormState,
  attrs: { type?: string; autocomplete: string; inputmode?: string },
) {
  const error = state.errors[name];
  return html`<label for="${name}">${label}</label>
    <input
      id="${name}"
      name="${name}"
      type="${attrs.type ?? 'text'}"
      autocomplete="${attrs.autocomplete}"
      ${attrs.inputmode ? html`inputmode="${attrs.inputmode}"` : ''}
      value="${state.values[name] ?? ''}"
      ${error ? html`aria-invalid="true" aria-describedby="${name}-error"` : ''}
      required
    />
    ${error ? html`<p class="error" id="${name}-error">${error}</p>` : ''}`;
}

function page(locale: Locale, title: string, body: Html, switchTo: string): string {
  const t = TEXT[locale];
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} — Sandbox</title>
        <link rel="stylesheet" href="/api/sandbox/sandbox.css" />
      </head>
      <body>
        <p class="banner" role="note">${t.banner}</p>
        <main>
          <p class="lang">
            <a href="${switchTo}" lang="${locale === 'it' ? 'en' : 'it'}">${t.language}</a>
          </p>
          <div class="card">
            <div class="brand">
              <span class="logo" aria-hidden="true">C</span><strong>Cassa Pay</strong
              ><span class="badge">Sandbox</span>
            </div>
            ${body}
          </div>
        </main>
      </body>
    </html>`.value;
}

function summary(order: OrderRecord, locale: Locale) {
  const t = TEXT[locale];
  const money = (cents: number) => formatMoney(cents, order.currency, locale);
  // Add-ons: the card loads the credit and the order is paid from it; the page says both.
  const paidFromCredit =
    order.topUpCents !== null
      ? settlement({
          totalCents: order.totalCents,
          creditCents: order.quote.creditCents,
          method: order.paymentMethod,
          topUpCents: order.topUpCents,
        })
      : null;
  return html`<dl class="summary">
    <dt>${t.merchant}</dt>
    <dd>Cassa Demo S.r.l.</dd>
    <dt>${t.order}</dt>
    <dd>${order.number}</dd>
    <dt>${paidFromCredit ? t.topUp : t.amount}</dt>
    <dd class="total">${money(amountCharged(order))}</dd>
    ${
      paidFromCredit
        ? html`<dt>${t.fromCredit}</dt>
            <dd>${money(paidFromCredit.fromCreditCents)}</dd>
            <dt>${t.creditAfter}</dt>
            <dd>${money(paidFromCredit.creditAfterCents)}</dd>`
        : ''
    }
  </dl>`;
}

function renderPayment(order: OrderRecord, locale: Locale, state: FormState): string {
  const t = TEXT[locale];
  const action = `/api/sandbox/pay/${encodeURIComponent(order.id)}`;
  const switchTo = `${action}?lang=${locale === 'it' ? 'en' : 'it'}`;
  if (order.status !== 'pending_payment') {
    return page(
      locale,
      t.cardTitle,
      html`<h1>${t.done}</h1>
        ${summary(order, locale)}
        <form method="post" action="${action}">
          <input type="hidden" name="lang" value="${locale}" />
          <div class="actions">
            <button type="submit" name="decision" value="return">${t.back}</button>
          </div>
        </form>`,
      switchTo,
    );
  }
  const amount = formatMoney(amountCharged(order), order.currency, locale);
  if (order.paymentMethod === 'paypal') {
    return page(
      locale,
      t.paypalTitle,
      html`<h1>${t.paypalTitle}</h1>
        ${summary(order, locale)}
        <form method="post" action="${action}" novalidate>
          <input type="hidden" name="lang" value="${locale}" />
          ${input('email', t.paypalEmail, state, { type: 'email', autocomplete: 'email' })}
          <p class="hint">${t.paypalHint}</p>
          <div class="actions">
            <button type="submit" name="decision" value="approve">${t.approve}</button>
            <button type="submit" name="decision" value="cancel" class="secondary" formnovalidate>
              ${t.cancel}
            </button>
          </div>
        </form>`,
      switchTo,
    );
  }
  return page(
    locale,
    t.cardTitle,
    html`<h1>${t.cardTitle}</h1>
      ${summary(order, locale)}
      <form method="post" action="${action}" novalidate>
        <input type="hidden" name="lang" value="${locale}" />
        ${input('holder', t.holder, state, { autocomplete: 'cc-name' })}
        ${input('number', t.number, state, { autocomplete: 'cc-number', inputmode: 'numeric' })}
        <div class="row">
          <div>
            ${input('expiry', t.expiry, state, { autocomplete: 'cc-exp', inputmode: 'numeric' })}
          </div>
          <div>${input('cvc', t.cvc, state, { autocomplete: 'cc-csc', inputmode: 'numeric' })}</div>
        </div>
        <p class="testcards">${t.testCards}</p>
        <div class="actions">
          <button type="submit" name="decision" value="pay">${t.pay(amount)}</button>
          <button type="submit" name="decision" value="cancel" class="secondary" formnovalidate>
            ${t.cancel}
          </button>
        </div>
      </form>`,
    switchTo,
  );
}

function htmlPage(c: Context<AppEnv>, body: string, status: 200 | 422, order: OrderRecord) {
  const formActions = order.returnUrl ? [new URL(order.returnUrl).origin] : [];
  c.header('Content-Security-Policy', pageCsp(formActions));
  c.header('Cache-Control', 'no-store');
  return c.html(body, status);
}

/** The provider's answer to a submitted form, or the field errors to show. */
function decide(
  order: OrderRecord,
  form: Record<string, string>,
  locale: Locale,
): PaymentOutcome | FormState {
  const t = TEXT[locale];
  if (form.decision === 'cancel') return { kind: 'cancelled' };
  if (order.paymentMethod === 'paypal') {
    const email = (form.email ?? '').trim();
    // No control characters: the address becomes the saved method's label (NUL cannot be stored).
    if (!/^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u.test(email) || email.length > 254) {
      return { values: { email }, errors: { email: t.errEmail } };
    }
    return { kind: 'paypal-approved', label: `PayPal ${email}` };
  }
  const values = {
    holder: (form.holder ?? '').trim().slice(0, 100),
    number: (form.number ?? '').slice(0, 30),
    expiry: (form.expiry ?? '').trim().slice(0, 7),
    cvc: (form.cvc ?? '').trim().slice(0, 4),
  };
  const digits = values.number.replace(/[\s-]/g, '');
  const errors: FormState['errors'] = {};
  if (!values.holder) errors.holder = t.errHolder;
  if (digits !== APPROVED_CARD && digits !== REFUSED_CARD) errors.number = t.errNumber;
  if (!/^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/.test(values.expiry)) errors.expiry = t.errExpiry;
  if (!/^\d{3,4}$/.test(values.cvc)) errors.cvc = t.errCvc;
  // The card number is never echoed back into the page.
  if (Object.keys(errors).length) return { values: { ...values, number: '' }, errors };
  return digits === APPROVED_CARD
    ? { kind: 'card-approved', label: 'Visa •••• 4242' }
    : { kind: 'card-refused' };
}

export function sandboxRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();

  routes.get('/sandbox/sandbox.css', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  routes.get('/sandbox/pay/:orderId', async (c) => {
    const order = await findOrder(deps.db, c.req.param('orderId'));
    if (!order || !order.returnUrl) throw notFound('Unknown payment.');
    const locale = toLocale(c.req.query('lang') ?? order.locale);
    return htmlPage(c, renderPayment(order, locale, { values: {}, errors: {} }), 200, order);
  });

  routes.post('/sandbox/pay/:orderId', async (c) => {
    // A body that is not a form (broken multipart) is an empty form: the page shows what is missing.
    const form = await c.req.parseBody().catch(() => ({}));
    const fields = Object.fromEntries(
      Object.entries(form).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
    const now = deps.clock.now();
    const result = await deps.db.transaction(async (tx) => {
      const order = await findOrder(tx, c.req.param('orderId'), true);
      if (!order || !order.returnUrl) throw notFound('Unknown payment.');
      const product = findProduct(deps.catalog, order.productId);
      if (!product) throw notFound('Unknown product.');
      const locale = toLocale(fields.lang ?? order.locale);
      const decision: PaymentOutcome | FormState =
        order.status === 'pending_payment' ? decide(order, fields, locale) : { kind: 'cancelled' };
      if ('errors' in decision) return { kind: 'form' as const, order, locale, state: decision };
      const { resumeToken } = await completePayment(tx, order, decision, {
        product,
        now,
        invoice: invoiceContext(deps, requestOrigin(c.req.url)),
        today: deps.clock.today(),
      });
      return { kind: 'done' as const, order, resumeToken };
    });
    if (result.kind === 'form') {
      return htmlPage(
        c,
        renderPayment(result.order, result.locale, result.state),
        422,
        result.order,
      );
    }
    const back = new URL(result.order.returnUrl as string);
    back.searchParams.set('cassa_order', result.order.id);
    back.searchParams.set('cassa_resume', result.resumeToken);
    return c.redirect(back.toString(), 303);
  });
  return routes;
}
