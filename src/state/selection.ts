// The store's selection and quote: plan, add-ons, term, mailbox, payment choice and the terms, and
// the quote that follows them (debounced; a stale answer never overwrites a newer one).
import type { ApiResult } from '../api/types.ts';
import type { QuoteRequest } from '../api/schemas.ts';
import type { PaymentChoice, Quote } from '../domain/types.ts';
import { QuoteScheduler } from './quote-scheduler.ts';
import { fieldErrorViews, quoteRequestOf, type FieldErrorViews } from './requests.ts';
import type { StoreCore } from './store-core.ts';

export class Selection {
  readonly #core: StoreCore;
  readonly #quotes: QuoteScheduler;
  #views?: FieldErrorViews & { source: unknown };
  /** Back from the payment page: the conditions stay accepted if the next quote has this total. */
  #acceptedCents: number | null = null;

  constructor(core: StoreCore, quoteDelayMs = 250) {
    this.#core = core;
    this.#quotes = new QuoteScheduler(
      (request, signal) => core.client.quote(request, { signal }),
      (result, request) => this.#answered(result, request),
      quoteDelayMs,
    );
  }

  /** Whether the summary asks for a payment method (not for a free Certified Platform plan). */
  get needsPayment(): boolean {
    const { product, quote } = this.#core.state;
    return product?.pricing === 'coterm' || (quote?.totalCents ?? 1) > 0;
  }

  /** Server field errors as the holder form and the add-ons show them (the same until they change). */
  get errorViews(): FieldErrorViews {
    const { fieldErrors } = this.#core.state;
    if (this.#views?.source !== fieldErrors) {
      this.#views = {
        source: fieldErrors,
        ...fieldErrorViews(fieldErrors, this.#core.sentAddonIds),
      };
    }
    return this.#views;
  }

  selectPlan(planId: string): void {
    if (planId === this.#core.state.planId) return;
    this.#core.set({ planId, fieldErrors: [] });
    this.scheduleQuote();
  }

  setQuantities(quantities: Record<string, number>): void {
    const { state } = this.#core;
    this.#core.set({ quantities: { ...state.quantities, ...quantities }, fieldErrors: [] });
    this.scheduleQuote();
  }

  setYears(years: number): void {
    if (years === this.#core.state.years) return;
    this.#core.set({ years });
    this.scheduleQuote();
  }

  selectSubscription(subscriptionId: string): void {
    if (subscriptionId === this.#core.state.subscriptionId) return;
    this.#core.set({ subscriptionId, fieldErrors: [] });
    this.scheduleQuote();
  }

  setPayment(payment: PaymentChoice | null, topUpCents?: number): void {
    const { state } = this.#core;
    this.#core.set({
      payment,
      topUpCents: topUpCents ?? state.topUpCents,
      fieldErrors: state.fieldErrors.filter((e) => !/^(paymentMethod|topUpCents)/.test(e.path)),
    });
  }

  setTermsAccepted(termsAccepted: boolean): void {
    this.#core.set({ termsAccepted });
  }

  keepTermsFor(totalCents: number | null): void {
    this.#acceptedCents = totalCents;
  }

  /** Quotes the selection after a quiet time (nothing to quote: nothing loading). */
  scheduleQuote(): void {
    const request = quoteRequestOf(this.#core.state);
    const { started } = this.#core;
    this.#quotes.cancel();
    if (request && started) this.#quotes.schedule(request);
    this.#core.set({ quoteLoading: !!request && started });
  }

  flushQuote(): void {
    this.#quotes.flush();
  }

  cancel(): void {
    this.#quotes.cancel();
  }

  #answered(result: ApiResult<Quote>, request: QuoteRequest): void {
    const core = this.#core;
    if (core.disposed) return;
    if (result.ok) return this.setQuote(result.value);
    // The last quote was for another selection: no total is shown rather than a wrong one.
    core.set({ quoteLoading: false, quote: null });
    core.sentAddonIds = request.addons.map((a) => a.id);
    if (result.error.code === 'unauthorized') return core.flow.sessionLost();
    core.showError(result.error, () => this.scheduleQuote());
    core.quoteErrorShown = true;
  }

  setQuote(quote: Quote): void {
    const { state } = this.#core;
    const minimum = quote.minimumTopUpCents;
    const accepted = this.#acceptedCents;
    this.#acceptedCents = null;
    this.#core.set({
      quote,
      quoteLoading: false,
      // Accepted before the payment page for another total: the buyer looks again.
      termsAccepted: state.termsAccepted && (accepted === null || accepted === quote.totalCents),
      // The top-up starts at the minimum and follows it up, never below it.
      topUpCents: minimum === null ? null : Math.max(state.topUpCents ?? 0, minimum),
    });
    this.#core.clearQuoteError();
  }
}
