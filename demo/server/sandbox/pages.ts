// The sandbox provider's hosted pages (demo only): a card page and a PayPal page served by this
// server under /api/sandbox. Plain HTML forms (no script, no inline style: they work under a
// strict CSP), Italian and English. A submitted form goes through the server's payment seam:
// the engine's `completeReturn` locks the order and asks the provider (provider.ts) what happened.
import { Hono, type Context } from 'hono';
import { settlement } from '../../../src/domain/settlement.ts';
import { formatMoney, toLocale, type Locale } from '../../../src/i18n/index.ts';
import { publicOrigin, type AppDeps, type AppEnv } from '../../../server/src/http/context.ts';
import { PAGES_STYLESHEET } from '../../../server/src/http/assets.ts';
import { html, type Html } from '../../../server/src/http/html.ts';
import { notFound } from '../../../server/src/http/problems.ts';
import { pageCsp } from '../../../server/src/http/security.ts';
import { findOrder, type OrderRecord } from '../../../server/src/orders/orders.ts';
import {
  amountChargedNow,
  completeReturn,
  paymentReturn,
  shopReturnUrl,
} from '../../../server/src/payments/returns.ts';
import {
  formOriginAllowed,
  issuePaymentAttempt,
  takePaymentAttempt,
} from '../../../server/src/payments/attempts.ts';
import {
  sandboxDecision,
  sandboxPagePath,
  type SandboxField,
  type SandboxForm,
} from './provider.ts';

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
    stale: 'Questo modulo era già stato inviato o è scaduto: controlla i dati e invialo di nuovo.',
    foreign: 'Questo modulo può essere inviato solo dalla pagina di pagamento.',
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
    stale: 'This form was already sent or has expired: check the details and send it again.',
    foreign: 'This form can only be sent from the payment page.',
    back: 'Return to the shop',
    errNumber: 'Use a test card: 4242 4242 4242 4242 or 4000 0000 0000 0002.',
    errExpiry: 'Write the expiry as MM/YY.',
    errCvc: 'The CVC has 3 or 4 digits.',
    errHolder: "Write the cardholder's name.",
    errEmail: 'Write the PayPal account email.',
    language: 'Italiano',
  },
} as const;

type Field = SandboxField;
type FormState = SandboxForm & {
  /** A message above the form (a stale or replayed submission). */
  notice?: 'stale';
};
/** The form shown again instead of a payment: its state, its new one-time token, the status. */
type FormPage = { state: FormState; attempt: string; status: 409 | 422 };
/** A form as shown: its errors in the page's language. */
type ShownForm = { values: FormState['values']; errors: Partial<Record<Field, string>> };

function shown(state: FormState, locale: Locale): ShownForm {
  const errors = Object.fromEntries(
    Object.entries(state.errors).map(([field, key]) => [field, TEXT[locale][key]]),
  );
  return { values: state.values, errors };
}

function input(
  name: Field,
  label: string,
  state: ShownForm,
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
    <dd class="total">${money(amountChargedNow(order))}</dd>
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

function renderPayment(
  order: OrderRecord,
  locale: Locale,
  state: FormState,
  attempt: string | undefined,
): string {
  const t = TEXT[locale];
  const form = shown(state, locale);
  const action = sandboxPagePath(order.id);
  const switchTo = `${action}?lang=${locale === 'it' ? 'en' : 'it'}`;
  if (order.status !== 'pending_payment' || !attempt) {
    // Finished: a plain link back to the shop, with no resume token (the buyer's own, issued
    // when the payment ended, is the only one).
    return page(
      locale,
      t.cardTitle,
      html`<h1>${t.done}</h1>
        ${summary(order, locale)}
        <div class="actions"><a href="${shopReturnUrl(order)}">${t.back}</a></div>`,
      switchTo,
    );
  }
  const hidden = html`<input type="hidden" name="lang" value="${locale}" />
    <input type="hidden" name="attempt" value="${attempt}" />
    ${state.notice ? html`<p class="error" role="alert">${t[state.notice]}</p>` : ''}`;
  const amount = formatMoney(amountChargedNow(order), order.currency, locale);
  if (order.paymentMethod === 'paypal') {
    return page(
      locale,
      t.paypalTitle,
      html`<h1>${t.paypalTitle}</h1>
        ${summary(order, locale)}
        <form method="post" action="${action}" novalidate>
          ${hidden} ${input('email', t.paypalEmail, form, { type: 'email', autocomplete: 'email' })}
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
        ${hidden} ${input('holder', t.holder, form, { autocomplete: 'cc-name' })}
        ${input('number', t.number, form, { autocomplete: 'cc-number', inputmode: 'numeric' })}
        <div class="row">
          <div>
            ${input('expiry', t.expiry, form, { autocomplete: 'cc-exp', inputmode: 'numeric' })}
          </div>
          <div>${input('cvc', t.cvc, form, { autocomplete: 'cc-csc', inputmode: 'numeric' })}</div>
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

function htmlPage(
  c: Context<AppEnv>,
  body: string,
  status: 200 | 403 | 409 | 422,
  order: OrderRecord,
) {
  const formActions = order.returnUrl ? [new URL(order.returnUrl).origin] : [];
  c.header('Content-Security-Policy', pageCsp(formActions));
  c.header('Cache-Control', 'no-store');
  // The page's own form posts carry its real Origin (checked on submission), not `null`.
  c.header('Referrer-Policy', 'same-origin');
  return c.html(body, status);
}

export function sandboxRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();

  routes.get('/sandbox/sandbox.css', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(PAGES_STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  routes.get('/sandbox/pay/:orderId', async (c) => {
    const order = await findOrder(deps.db, c.req.param('orderId'));
    if (!order || !order.returnUrl) throw notFound('Unknown payment.');
    const locale = toLocale(c.req.query('lang') ?? order.locale);
    // Each form shown gets its one-time token; the previous one stops working.
    const attempt =
      order.status === 'pending_payment' ? await issuePaymentAttempt(deps.db, order.id) : undefined;
    return htmlPage(
      c,
      renderPayment(order, locale, { values: {}, errors: {} }, attempt),
      200,
      order,
    );
  });

  routes.post('/sandbox/pay/:orderId', async (c) => {
    // A body that is not a form (broken multipart) is an empty form: the page shows what is missing.
    const form = await c.req.parseBody().catch(() => ({}));
    const fields = Object.fromEntries(
      Object.entries(form).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
    let locale = toLocale(fields.lang);
    const ownOrigin = publicOrigin(deps);
    // Another site's post (a forged payment or cancel) changes nothing.
    if (!formOriginAllowed(c.req.header('Origin'), ownOrigin)) {
      const order = await findOrder(deps.db, c.req.param('orderId'));
      if (!order || !order.returnUrl) throw notFound('Unknown payment.');
      const t = TEXT[toLocale(fields.lang ?? order.locale)];
      return htmlPage(
        c,
        page(locale, t.cardTitle, html`<h1>${t.foreign}</h1>`, sandboxPagePath(order.id)),
        403,
        order,
      );
    }
    const result = await completeReturn<FormPage>(
      deps,
      c.req.param('orderId'),
      ownOrigin,
      async (order, tx) => {
        locale = toLocale(fields.lang ?? order.locale);
        // One submission per attempt: a replayed or stale form is shown again, with a new token.
        if (!(await takePaymentAttempt(tx, order.id, fields.attempt))) {
          const attempt = await issuePaymentAttempt(tx, order.id);
          return {
            page: { state: { values: {}, errors: {}, notice: 'stale' }, attempt, status: 409 },
          };
        }
        const decision = sandboxDecision(
          order.paymentMethod === 'paypal' ? 'paypal' : 'card',
          fields,
        );
        if ('errors' in decision) {
          const attempt = await issuePaymentAttempt(tx, order.id);
          return { page: { state: decision, attempt, status: 422 } };
        }
        // Through the seam, as any provider's return: the provider says what happened.
        return deps.payments.completeReturn(paymentReturn(order, { query: {}, form: fields }), tx);
      },
    );
    if (result.kind === 'page') {
      const { state, attempt, status } = result.page;
      return htmlPage(c, renderPayment(result.order, locale, state, attempt), status, result.order);
    }
    if (result.kind === 'finished') {
      // A finished payment stays as it is: no second resume token, no new outcome.
      locale = toLocale(fields.lang ?? result.order.locale);
      return htmlPage(
        c,
        renderPayment(result.order, locale, { values: {}, errors: {} }, undefined),
        409,
        result.order,
      );
    }
    return c.redirect(result.location, 303);
  });
  return routes;
}
