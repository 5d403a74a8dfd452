// The store's ordering: "Conferma" (one order per intended order, whatever the clicks), the answers
// an order can get (refused, price changed, 401…), the trip to the payment page and the resume on
// return, and `complete` once per order id.
import type { ApiError } from '../api/types.ts';
import type { Order } from '../api/schemas.ts';
import { OrderKeys } from './order-keys.ts';
import { loadSaved, markCompleted, returnDraftKey, save, withoutReturn } from './persistence.ts';
import { orderRequestOf, savedCheckoutOf } from './order-requests.ts';
import { quoteRequestOf } from './requests.ts';
import { settle } from './settle.ts';
import { networkFailure, type StoreCore } from './store-core.ts';
import type { SavedCheckout } from './types.ts';

export class Ordering {
  readonly #core: StoreCore;
  readonly #orderKeys: OrderKeys;
  /** Where the draft waits for the return from the payment page: one per product and element id. */
  readonly #draftKey: string;
  readonly #needsPayment: () => boolean;

  constructor(core: StoreCore, needsPayment: () => boolean) {
    this.#core = core;
    this.#needsPayment = needsPayment;
    this.#orderKeys = new OrderKeys(core.env.sharedStorage ?? null);
    this.#draftKey = returnDraftKey(core.options.productId, core.id);
  }

  /** "Conferma e completa l'ordine". A double click never sends two different orders. */
  async confirm(): Promise<void> {
    const core = this.#core;
    const { product, quote, session, termsAccepted, payment, topUpCents } = core.state;
    if (core.state.ordering || !product || core.state.step !== 'summary') return;
    if (!session) return core.flow.needLogin();
    if (!quote || core.state.quoteLoading) return;
    if (!termsAccepted) return core.fieldError('acceptTerms', 'terms.required');
    const paymentMethod = this.#needsPayment() ? payment : { type: 'none' as const };
    if (!paymentMethod) return core.fieldError('paymentMethod', 'payment.method');
    const topUp = product.pricing === 'coterm' && paymentMethod.type === 'card';
    // The top-up itself is checked by the payment chooser and the server (domain/top-up.ts);
    // here only that one was given at all.
    if (topUp && topUpCents === null) return core.fieldError('topUpCents', 'topup.min');
    const request = quoteRequestOf(core.state);
    if (!request) return;
    const returnUrl = withoutReturn(core.env.href(), core.id);
    const locale = core.options.locale?.();
    const body = orderRequestOf(core.state, request, quote, paymentMethod, returnUrl, locale);
    const key = this.#orderKeys.keyFor(body);

    core.set({ ordering: true, error: null, fieldErrors: [], priceChanged: false });
    core.sentAddonIds = request.addons.map((a) => a.id);
    const result = (await settle(core.client.createOrder(body, key))) ?? networkFailure();
    if (core.disposed) return;
    core.set({ ordering: false });
    if (!result.ok) return this.#failed(result.error);
    const order = result.value;
    if (order.status === 'pending_payment' && order.action) return this.#redirect(order);
    this.#show(order, true);
  }

  /** After a refused payment: back to the summary, same selection, a new order. */
  chooseAnotherMethod(): void {
    const core = this.#core;
    this.#orderKeys.forget();
    core.set({ order: null, payment: null, error: null });
    if (core.state.session) return core.flow.go('summary');
    core.flow.loginAgain();
    core.set({ error: { code: 'payment_refused', retryable: false } });
  }

  /**
   * Back from the payment page with `?cassa_order&cassa_resume`: shows what happened. False when
   * the URL is not this widget's to handle (another product's order, an unknown order).
   * `restart`: what "Riprova" does when the order could not be read.
   */
  async resume(orderId: string, resumeToken: string, restart: () => void): Promise<boolean> {
    const core = this.#core;
    const { env } = core;
    const result =
      (await settle(core.client.getOrder(orderId, { resumeToken }))) ?? networkFailure();
    if (core.disposed) return true;
    const stripUrl = () => env.replaceUrl(withoutReturn(env.href()));
    if (!result.ok) {
      if (result.error.code === 'not_found' || result.error.code === 'unauthorized') {
        stripUrl();
        return false;
      }
      // Keep the parameters: "Riprova" (or a reload) reads the order again.
      core.set({ status: 'failed' });
      core.showError(result.error, restart);
      return true;
    }
    const order = result.value;
    // Another widget's order (two widgets on one page): leave it to that one.
    if (order.productId !== core.options.productId) return false;
    stripUrl();
    const saved = loadSaved<SavedCheckout>(env.storage, this.#draftKey);
    if (saved?.orderId === order.id) {
      const { orderId: _, acceptedCents, ...restored } = saved;
      core.flow.keepTermsFor(acceptedCents ?? null);
      core.set({ ...restored, termsAccepted: (acceptedCents ?? null) !== null });
    }
    save(env.storage, this.#draftKey, null);
    const done = order.status !== 'cancelled' && order.status !== 'pending_payment';
    // Cancelled or refused: the buyer goes on choosing how to pay, still logged in.
    if (order.status === 'cancelled' || order.status === 'refused')
      await core.flow.resumeSession(order.id, resumeToken);
    if (core.disposed) return true;
    core.set({ step: done ? 'result' : 'summary' });
    core.started = true;
    // Ready first (the page may start listening), then what happened on the provider's page.
    core.ready();
    if (done) this.#show(order);
    else if (!core.state.session) core.flow.loginAgain();
    // Cancelled on the provider's page: say so where the buyer lands (summary, or log in first).
    if (order.status === 'cancelled') {
      this.#orderKeys.forget();
      core.showError({ code: 'payment_cancelled', fieldErrors: [], retryable: false });
    }
    if (order.status !== 'paid' && order.status !== 'active') core.flow.scheduleQuote();
    return true;
  }

  #failed(error: ApiError): void {
    const core = this.#core;
    switch (error.code) {
      case 'price_changed':
        // The new total replaces the old one; nothing is ordered until the buyer confirms again.
        if (error.quote) core.flow.setQuote(error.quote);
        core.set({ priceChanged: true });
        return core.showError(error);
      case 'unauthorized':
        return core.flow.sessionLost();
      case 'ineligible_customer':
        core.set({ ineligible: true });
        core.flow.go('account');
        return core.showError(error);
      case 'payment_refused':
        this.#orderKeys.forget();
        core.set({ order: null });
        core.flow.go('result');
        return core.showError(error);
    }
    const holderError = error.fieldErrors.some((e) => e.path.startsWith('holder.'));
    if (holderError && core.state.steps.includes('holder')) core.flow.go('holder');
    core.showError(error, () => void this.confirm());
  }

  /** New card / PayPal / top-up by a new card: save what was typed, then leave for the provider. */
  #redirect(order: Order): void {
    const core = this.#core;
    const url = order.action!.url;
    // Only http(s): a backend must never make the page run a `javascript:` URL.
    if (!/^https?:$/.test(new URL(url, core.env.href()).protocol)) {
      return core.showError({ code: 'invalid_response', fieldErrors: [], retryable: false });
    }
    save(core.env.storage, this.#draftKey, savedCheckoutOf(core.state, order.id));
    core.set({ ordering: true });
    core.env.navigate(url);
  }

  /**
   * Shows a finished order; `complete` fires once per order id, across elements and reloads.
   * `confirmed`: the buyer has just confirmed it here (not back from the payment page).
   */
  #show(order: Order, confirmed = false): void {
    const core = this.#core;
    if (order.status === 'refused' || order.status === 'cancelled') {
      this.#orderKeys.forget();
      if (order.status === 'cancelled') return core.flow.go('summary');
      core.set({ order });
      core.flow.go('result');
      return core.showError({ code: 'payment_refused', fieldErrors: [], retryable: false });
    }
    const first = markCompleted(core.env.storage, order.id);
    core.set({ order, repeated: confirmed && !first });
    core.flow.go('result');
    save(core.env.storage, this.#draftKey, null);
    core.flow.discardDraft();
    if (first) core.emit('complete', { order });
  }
}
