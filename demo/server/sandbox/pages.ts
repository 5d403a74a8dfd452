// The sandbox provider's hosted pages (demo only): a card page and a PayPal page served by this
// server under /api/sandbox. Plain HTML forms (no script, no inline style: they work under a
// strict CSP), Italian and English. A submitted form goes through the server's payment seam:
// the engine's `completeReturn` locks the order and asks the provider (provider.ts) what happened.
import { Hono, type Context } from 'hono';
import { settlement } from '../../../src/domain/settlement.ts';
import { formatDate, formatMoney, toLocale, type Locale } from '../../../src/i18n/index.ts';
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
  completeMethodSetup,
  findMethodSetup,
  issueSetupAttempt,
  type MethodSetup,
  SETUP_PREFIX,
  setupBackUrl,
  takeSetupAttempt,
} from '../../../server/src/payments/method-setups.ts';
import {
  completeRenewalPayment,
  findRenewalPayment,
  issueRenewalAttempt,
  takeRenewalAttempt,
  type RenewalPayment,
} from '../../../server/src/payments/renewal-payments.ts';
import {
  grouped,
  challengeOf,
  holdChallenge,
  sandboxAuthenticationPath,
  sandboxDecision,
  sandboxPagePath,
  TEST_CARDS,
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
    setup: 'Nuovo metodo di pagamento (nessun addebito)',
    save: 'Salva la carta',
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
    testCards: 'Carte di prova (qualsiasi scadenza futura e CVC):',
    paypalEmail: 'Email del conto PayPal',
    approve: 'Approva il pagamento',
    paypalHint: 'Conto PayPal di prova: nessun accesso reale.',
    done: 'Questo pagamento è già stato concluso.',
    stale: 'Questo modulo era già stato inviato o è scaduto: controlla i dati e invialo di nuovo.',
    foreign: 'Questo modulo può essere inviato solo dalla pagina di pagamento.',
    back: 'Torna al negozio',
    errNumber: 'Usa una delle carte di prova elencate sotto.',
    errExpiry: 'Scrivi la scadenza come MM/AA.',
    errExpired: 'Questa carta è scaduta.',
    errCvc: 'Il CVC ha 3 o 4 cifre.',
    errHolder: 'Scrivi il nome del titolare.',
    errEmail: "Scrivi l'email del conto PayPal.",
    challengeTitle: 'Verifica della banca (3-D Secure)',
    challengeIntro:
      'La tua banca chiede di confermare questo pagamento. Nella sandbox non serve nessun codice: scegli tu l’esito.',
    card: 'Carta',
    approveAuth: 'Conferma il pagamento',
    failAuth: 'Non confermare (autenticazione fallita)',
    renewalTitle: 'Pagamento del rinnovo',
    purpose: 'Causale',
    renewalOf: (date: string) => `Rinnovo dal ${formatDate(date, 'it')}`,
    authFailed:
      'Autenticazione non riuscita: nessun addebito. Puoi riprovare finché il link è valido.',
    renewalPaid: 'Pagamento completato: il rinnovo è attivo e la fattura è stata emessa.',
    linkClosed: 'Questo link non è più valido: il pagamento è concluso o il servizio è scaduto.',
    language: 'English',
  },
  en: {
    banner: 'SANDBOX — test environment: no real charge',
    cardTitle: 'Card payment',
    paypalTitle: 'Pay with PayPal',
    merchant: 'Merchant',
    order: 'Order',
    setup: 'New payment method (no charge)',
    save: 'Save the card',
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
    testCards: 'Test cards (any future expiry and CVC):',
    paypalEmail: 'PayPal account email',
    approve: 'Approve payment',
    paypalHint: 'Test PayPal account: no real login.',
    done: 'This payment has already been completed.',
    stale: 'This form was already sent or has expired: check the details and send it again.',
    foreign: 'This form can only be sent from the payment page.',
    back: 'Return to the shop',
    errNumber: 'Use one of the test cards listed below.',
    errExpiry: 'Write the expiry as MM/YY.',
    errExpired: 'This card has expired.',
    errCvc: 'The CVC has 3 or 4 digits.',
    errHolder: "Write the cardholder's name.",
    errEmail: 'Write the PayPal account email.',
    challengeTitle: 'Bank verification (3-D Secure)',
    challengeIntro:
      'Your bank asks you to confirm this payment. In the sandbox no code is needed: you choose the outcome.',
    card: 'Card',
    approveAuth: 'Confirm the payment',
    failAuth: 'Do not confirm (authentication fails)',
    renewalTitle: 'Renewal payment',
    purpose: 'For',
    renewalOf: (date: string) => `Renewal from ${formatDate(date, 'en')}`,
    authFailed:
      'Authentication failed: nothing was charged. You can try again while the link works.',
    renewalPaid: 'Payment complete: the renewal is done and its invoice issued.',
    linkClosed: 'This link no longer works: the payment is complete or the service has expired.',
    language: 'Italiano',
  },
} as const;

type Field = SandboxField;
type FormState = SandboxForm & {
  /** A message above the form (a stale or replayed submission). */
  notice?: 'stale';
  /** The card asked for the bank's challenge: the challenge page instead of the form. */
  challenge?: string;
};
/** The form shown again instead of a payment: its state, its new one-time token, the status. */
type FormPage = { state: FormState; attempt: string; status: 200 | 409 | 422 };
/**
 * What a page is for: an order's payment, or a payment method added from the customer area
 * (`pms_…`, nothing charged). The page shows and posts the same form for both.
 */
interface PayView {
  id: string;
  pending: boolean;
  /** The order paid; null for a new payment method. */
  order: OrderRecord | null;
  amountCents: number;
  currency: string;
  method: 'card' | 'paypal';
  /** The shop's page (no resume token). */
  backUrl: string;
  locale: Locale;
}

const orderView = (order: OrderRecord): PayView => ({
  id: order.id,
  pending: order.status === 'pending_payment',
  order,
  amountCents: amountChargedNow(order),
  currency: order.currency,
  method: order.paymentMethod === 'paypal' ? 'paypal' : 'card',
  backUrl: order.returnUrl ? shopReturnUrl(order) : '',
  locale: order.locale,
});

const setupView = (setup: MethodSetup): PayView => ({
  id: setup.id,
  pending: setup.status === 'pending',
  order: null,
  amountCents: 0,
  currency: 'EUR',
  method: setup.type,
  backUrl: setupBackUrl(setup),
  locale: setup.locale,
});

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

function summary(view: PayView, locale: Locale, amountCents = view.amountCents, purpose?: string) {
  const t = TEXT[locale];
  const money = (cents: number) => formatMoney(cents, view.currency, locale);
  const order = view.order;
  // Add-ons: the card loads the credit and the order is paid from it; the page says both (not
  // for a renewal's payment, `purpose`).
  const paidFromCredit =
    order && purpose === undefined && order.topUpCents !== null
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
    ${
      order
        ? html`<dt>${t.order}</dt>
            <dd>${order.number}</dd>`
        : html`<dt>${t.setup}</dt>`
    }
    ${
      purpose
        ? html`<dt>${t.purpose}</dt>
            <dd>${purpose}</dd>`
        : ''
    }
    <dt>${paidFromCredit ? t.topUp : t.amount}</dt>
    <dd class="total">${money(amountCents)}</dd>
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

/** The public test cards, as the README's table lists them. */
function testCardList(locale: Locale) {
  return html`<ul>
    ${Object.values(TEST_CARDS).map(
      (card) => html`<li><code>${grouped(card.number)}</code> — ${card[locale]}</li>`,
    )}
  </ul>`;
}

/**
 * The bank's 3-D Secure-like challenge: approve or fail, two buttons of a plain form (keyboard
 * and screen reader as any form; no script). `hidden` carries the form's one-time token.
 */
function challengeForm(
  locale: Locale,
  action: string,
  cardLabel: string,
  hidden: Html,
  notice?: string,
) {
  const t = TEXT[locale];
  return html`<h1>${t.challengeTitle}</h1>
    <p>${t.challengeIntro}</p>
    ${notice ? html`<p class="error" role="alert">${notice}</p>` : ''}
    <dl class="summary">
      <dt>${t.card}</dt>
      <dd>${cardLabel}</dd>
    </dl>
    <form method="post" action="${action}">
      ${hidden}
      <div class="actions">
        <button type="submit" name="decision" value="approve">${t.approveAuth}</button>
        <button type="submit" name="decision" value="fail" class="secondary">${t.failAuth}</button>
      </div>
    </form>`;
}

function renderPayment(
  order: PayView,
  locale: Locale,
  state: FormState,
  attempt: string | undefined,
): string {
  const t = TEXT[locale];
  const form = shown(state, locale);
  const action = sandboxPagePath(order.id);
  const switchTo = `${action}?lang=${locale === 'it' ? 'en' : 'it'}`;
  if (!order.pending || !attempt) {
    // Finished: a plain link back to the shop, with no resume token (the buyer's own, issued
    // when the payment ended, is the only one).
    return page(
      locale,
      t.cardTitle,
      html`<h1>${t.done}</h1>
        ${summary(order, locale)}
        <div class="actions"><a href="${order.backUrl}">${t.back}</a></div>`,
      switchTo,
    );
  }
  const hidden = html`<input type="hidden" name="lang" value="${locale}" />
    <input type="hidden" name="attempt" value="${attempt}" />
    ${state.notice ? html`<p class="error" role="alert">${t[state.notice]}</p>` : ''}`;
  const amount = formatMoney(order.amountCents, order.currency, locale);
  if (state.challenge) {
    return page(
      locale,
      t.challengeTitle,
      html`${summary(order, locale)}
      ${challengeForm(
        locale,
        action,
        state.challenge,
        html`${hidden} <input type="hidden" name="step" value="challenge" />`,
      )}`,
      switchTo,
    );
  }
  if (order.method === 'paypal') {
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
        <div class="testcards">
          <p>${t.testCards}</p>
          ${testCardList(locale)}
        </div>
        <div class="actions">
          <button type="submit" name="decision" value="pay">
            ${order.order ? t.pay(amount) : t.save}
          </button>
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
  status: 200 | 403 | 409 | 410 | 422,
  view: PayView,
) {
  const formActions = view.backUrl ? [new URL(view.backUrl).origin] : [];
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
    const setup = await findMethodSetup(deps.db, c.req.param('orderId'));
    if (setup) {
      const locale = toLocale(c.req.query('lang') ?? setup.locale);
      const attempt =
        setup.status === 'pending' ? await issueSetupAttempt(deps.db, setup.id) : undefined;
      const view = setupView(setup);
      return htmlPage(
        c,
        renderPayment(view, locale, { values: {}, errors: {} }, attempt),
        200,
        view,
      );
    }
    const order = await findOrder(deps.db, c.req.param('orderId'));
    if (!order || !order.returnUrl) throw notFound('Unknown payment.');
    const locale = toLocale(c.req.query('lang') ?? order.locale);
    // Each form shown gets its one-time token; the previous one stops working.
    const attempt =
      order.status === 'pending_payment' ? await issuePaymentAttempt(deps.db, order.id) : undefined;
    // A card waiting for its challenge keeps the challenge on screen (a reload, the language link).
    const held = attempt ? await challengeOf(deps.db, order) : undefined;
    return htmlPage(
      c,
      renderPayment(
        orderView(order),
        locale,
        { values: {}, errors: {}, ...(held ? { challenge: held } : {}) },
        attempt,
      ),
      200,
      orderView(order),
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
      const setup = await findMethodSetup(deps.db, c.req.param('orderId'));
      const order = setup ? undefined : await findOrder(deps.db, c.req.param('orderId'));
      if (!setup && (!order || !order.returnUrl)) throw notFound('Unknown payment.');
      const view = setup ? setupView(setup) : orderView(order!);
      const t = TEXT[toLocale(fields.lang ?? view.locale)];
      return htmlPage(
        c,
        page(locale, t.cardTitle, html`<h1>${t.foreign}</h1>`, sandboxPagePath(view.id)),
        403,
        view,
      );
    }
    if (c.req.param('orderId').startsWith(SETUP_PREFIX)) {
      const result = await completeMethodSetup<FormPage>(
        deps.db,
        c.req.param('orderId'),
        deps.clock.now(),
        async (setup, tx) => {
          locale = toLocale(fields.lang ?? setup.locale);
          if (!(await takeSetupAttempt(tx, setup.id, fields.attempt))) {
            const attempt = await issueSetupAttempt(tx, setup.id);
            return {
              page: { state: { values: {}, errors: {}, notice: 'stale' }, attempt, status: 409 },
            };
          }
          const decision = sandboxDecision(setup.type, fields);
          if ('errors' in decision) {
            const attempt = await issueSetupAttempt(tx, setup.id);
            return { page: { state: decision, attempt, status: 422 } };
          }
          return deps.payments.completeReturn(
            {
              orderId: setup.id,
              method: setup.type,
              amountCents: 0,
              currency: 'EUR',
              query: {},
              form: fields,
            },
            tx,
          );
        },
      );
      const view = setupView(result.setup);
      if (result.kind === 'page') {
        const { state, attempt, status } = result.page;
        return htmlPage(c, renderPayment(view, locale, state, attempt), status, view);
      }
      if (result.kind === 'finished') {
        return htmlPage(
          c,
          renderPayment(view, locale, { values: {}, errors: {} }, undefined),
          409,
          view,
        );
      }
      return c.redirect(result.location, 303);
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
        // The challenge's answer: the provider takes the card it held for it.
        if (fields.step === 'challenge') {
          return deps.payments.completeReturn(
            paymentReturn(order, { query: {}, form: fields }),
            tx,
          );
        }
        const decision = sandboxDecision(
          order.paymentMethod === 'paypal' ? 'paypal' : 'card',
          fields,
          deps.clock.today(),
        );
        if ('errors' in decision) {
          const attempt = await issuePaymentAttempt(tx, order.id);
          return { page: { state: decision, attempt, status: 422 } };
        }
        if ('challenge' in decision) {
          // The bank asks for the buyer's authentication: the card waits, the challenge shows.
          await holdChallenge(tx, order.id, decision.challenge);
          const attempt = await issuePaymentAttempt(tx, order.id);
          const state = { values: {}, errors: {}, challenge: decision.challenge.label };
          return { page: { state, attempt, status: 200 } };
        }
        // Through the seam, as any provider's return: the provider says what happened.
        return deps.payments.completeReturn(paymentReturn(order, { query: {}, form: fields }), tx);
      },
    );
    if (result.kind === 'page') {
      const { state, attempt, status } = result.page;
      const view = orderView(result.order);
      return htmlPage(c, renderPayment(view, locale, state, attempt), status, view);
    }
    if (result.kind === 'finished') {
      // A finished payment stays as it is: no second resume token, no new outcome.
      locale = toLocale(fields.lang ?? result.order.locale);
      const view = orderView(result.order);
      return htmlPage(
        c,
        renderPayment(view, locale, { values: {}, errors: {} }, undefined),
        409,
        view,
      );
    }
    return c.redirect(result.location, 303);
  });

  // A renewal the bank wants authenticated (the email's link leads here through the engine):
  // the same look as the payment page, the challenge's two answers.
  const renewalPage = async (
    payment: RenewalPayment,
    order: OrderRecord,
    locale: Locale,
    state: { attempt?: string; notice?: string; done?: string },
  ) => {
    const t = TEXT[locale];
    const action = sandboxAuthenticationPath(payment.id);
    const switchTo = `${action}?lang=${locale === 'it' ? 'en' : 'it'}`;
    const { rows } = await deps.db.query<{ label: string }>(
      'SELECT label FROM payment_methods WHERE id = $1',
      [order.savedPaymentMethodId],
    );
    const body = state.attempt
      ? challengeForm(
          locale,
          action,
          rows[0]?.label ?? '',
          html`<input type="hidden" name="lang" value="${locale}" />
            <input type="hidden" name="attempt" value="${state.attempt}" />`,
          state.notice,
        )
      : html`<h1>${t.renewalTitle}</h1>
          <p role="status">${state.done ?? t.linkClosed}</p>`;
    return page(
      locale,
      t.renewalTitle,
      html`${summary(orderView(order), locale, payment.amountCents, t.renewalOf(payment.cycleExpiresOn))}
      ${body}`,
      switchTo,
    );
  };
  const renewalOf = async (id: string) => {
    const payment = await findRenewalPayment(deps.db, id);
    const order = payment && (await findOrder(deps.db, payment.orderId));
    if (!payment || !order) throw notFound('Unknown payment.');
    return { payment, order };
  };

  routes.get('/sandbox/authenticate/:paymentId', async (c) => {
    const { payment, order } = await renewalOf(c.req.param('paymentId'));
    const locale = toLocale(c.req.query('lang') ?? order.locale);
    const open =
      payment.status === 'action_required' && deps.clock.today() < payment.cycleExpiresOn;
    const attempt = open ? await issueRenewalAttempt(deps.db, payment.id) : undefined;
    return htmlPage(
      c,
      await renewalPage(payment, order, locale, attempt ? { attempt } : {}),
      open ? 200 : 410,
      orderView(order),
    );
  });

  routes.post('/sandbox/authenticate/:paymentId', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}));
    const fields = Object.fromEntries(
      Object.entries(form).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
    const id = c.req.param('paymentId');
    const { order } = await renewalOf(id);
    const locale = toLocale(fields.lang ?? order.locale);
    const t = TEXT[locale];
    if (!formOriginAllowed(c.req.header('Origin'), publicOrigin(deps))) {
      return htmlPage(
        c,
        page(locale, t.renewalTitle, html`<h1>${t.foreign}</h1>`, sandboxAuthenticationPath(id)),
        403,
        orderView(order),
      );
    }
    const result = await completeRenewalPayment<'stale'>(deps, id, async (payment, _order, tx) => {
      // One submission per form shown: a replayed or stale one is shown again.
      if (!(await takeRenewalAttempt(tx, payment.id, fields.attempt))) return { page: 'stale' };
      return deps.payments.completeAuthentication(
        {
          paymentId: payment.id,
          orderId: payment.orderId,
          amountCents: payment.amountCents,
          currency: order.currency,
          query: {},
          form: fields,
        },
        tx,
      );
    });
    if (result.kind === 'paid') {
      if (result.location) return c.redirect(result.location, 303);
      const { payment } = await renewalOf(id);
      return htmlPage(
        c,
        await renewalPage(payment, result.order, locale, { done: t.renewalPaid }),
        200,
        orderView(result.order),
      );
    }
    if (result.kind === 'closed') {
      return htmlPage(
        c,
        await renewalPage(result.payment, result.order, locale, {}),
        410,
        orderView(order),
      );
    }
    const attempt = await issueRenewalAttempt(deps.db, id);
    const notice = result.kind === 'refused' ? t.authFailed : t.stale;
    return htmlPage(
      c,
      await renewalPage(result.payment, result.order, locale, { attempt, notice }),
      result.kind === 'refused' ? 422 : 409,
      orderView(order),
    );
  });
  return routes;
}
