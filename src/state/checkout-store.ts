// The checkout store (issue 5, part 2): the whole purchase as state + intents, no DOM, no Lit.
// Only this file calls the API client; <cassa-checkout> renders `state` and calls the intents.
import type { ApiError, ApiResult, CassaClient } from '../api/types.ts';
import type { ApiFieldError, Customer, Order, QuoteRequest } from '../api/schemas.ts';
import type { Holder, Quote } from '../domain/types.ts';
import { checkEligibility } from '../domain/eligibility.ts';
import type { HolderDraft } from '../components/cassa-holder-form/cassa-holder-form.ts';
import { OrderKeys } from './order-keys.ts';
import { loadSaved, markCompleted, readReturn, save, withoutReturn } from './persistence.ts';
import { QuoteScheduler } from './quote-scheduler.ts';
import { settle } from './settle.ts';
import {
  fieldErrorViews,
  orderRequestOf,
  quoteRequestOf,
  savedCheckoutOf,
  type FieldErrorViews,
} from './requests.ts';
import { stepsFor, type StepId } from './steps.ts';
import type {
  CheckoutEnvironment,
  CheckoutState,
  CheckoutStoreOptions,
  KeptDraft,
  PaymentChoice,
  SavedCheckout,
  Session,
  StepChangeDetail,
  StoreErrorDetail,
} from './types.ts';

export type * from './types.ts';

const networkFailure = (): ApiResult<never> => ({
  ok: false,
  error: { code: 'network', fieldErrors: [], retryable: true },
});

/**
 * Emits `change` on every state change, and `ready`, `step` ({@link StepChangeDetail}),
 * `error` ({@link StoreErrorDetail}) and `complete` (`{ order }`, once per order id).
 */
export class CheckoutStore extends EventTarget {
  state: CheckoutState;

  readonly #client: CassaClient;
  readonly #env: CheckoutEnvironment;
  readonly #productId: string;
  readonly #quotes: QuoteScheduler;
  readonly #orderKeys: OrderKeys;
  readonly #locale: CheckoutStoreOptions['locale'];
  /** The element's id: its draft and its returns from the payment page are its own. */
  readonly #id: string | undefined;
  /** Where the draft waits for the return from the payment page: one per product and element id. */
  readonly #draftKey: string;
  /** Where the draft kept between openings (and across a reload) of the same checkout lives. */
  readonly #keptKey: string;
  #sessionToken: string | null;
  #disposed = false;
  #started = false;
  #retry: (() => void) | null = null;
  /** The banner shows a failed quote: a later successful quote removes it. */
  #quoteErrorShown = false;
  /** Where to go back to after logging in again (401 mid-flow). */
  #resumeStep: StepId | null = null;
  #ordering = false;
  /** The add-on ids of the last request, to map `addons.N.*` field errors back to add-ons. */
  #sentAddonIds: string[] = [];
  #views?: FieldErrorViews & { source: ApiFieldError[] };
  /** Back from the payment page: the conditions stay accepted if the next quote has this total. */
  #acceptedCents: number | null = null;

  constructor(options: CheckoutStoreOptions) {
    super();
    this.#client = options.client;
    this.#env = options.env;
    this.#productId = options.productId;
    this.#locale = options.locale;
    this.#id = options.id || undefined;
    this.#draftKey = `cassa:checkout:${options.productId}${this.#id ? `:${this.#id}` : ''}`;
    this.#keptKey = `cassa:draft:${JSON.stringify([options.draftScope, this.#draftKey, options.planId, options.subscriptionId])}`;
    this.#orderKeys = new OrderKeys(options.env.sharedStorage ?? null);
    this.#quotes = new QuoteScheduler(
      (request, signal) => this.#client.quote(request, { signal }),
      (result, request) => this.#quoteAnswered(result, request),
      options.quoteDelayMs ?? 250,
    );
    this.#sessionToken = options.sessionToken || null;
    this.state = {
      status: 'loading',
      product: null,
      steps: [],
      step: 'plan',
      planId: options.planId ?? '',
      years: 1,
      quantities: {},
      subscriptionId: options.subscriptionId ?? null,
      quote: null,
      quoteLoading: false,
      session: null,
      authBusy: false,
      authError: null,
      ineligible: false,
      loginAgain: false,
      holderDraft: null,
      holder: null,
      payment: null,
      topUpCents: null,
      termsAccepted: false,
      ordering: false,
      order: null,
      repeated: false,
      error: null,
      fieldErrors: [],
      priceChanged: false,
    };
  }

  // ---- derived views -------------------------------------------------------------------------

  /**
   * Server field errors of the holder (and the registration password), with paths relative to
   * the holder (`vatNumber`, `address.city`). The same array until the errors change.
   */
  get holderErrors(): { path: string; code: string }[] {
    return this.#errorViews().holder;
  }

  /** Server field errors of the add-ons, by add-on id (the same object until the errors change). */
  get addonErrors(): Record<string, string> {
    return this.#errorViews().addons;
  }

  #errorViews() {
    const { fieldErrors } = this.state;
    if (this.#views?.source !== fieldErrors) {
      this.#views = { source: fieldErrors, ...fieldErrorViews(fieldErrors, this.#sentAddonIds) };
    }
    return this.#views;
  }

  /** Whether the summary asks for a payment method (not for a free Certified Platform plan). */
  get needsPayment(): boolean {
    const { product, quote } = this.state;
    return product?.pricing === 'coterm' || (quote?.totalCents ?? 1) > 0;
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /** Loads the catalog (and the host session), resumes a return from the payment page, shows the first step. */
  async start(): Promise<void> {
    this.#set({ status: 'loading', error: null });
    const [product] = await Promise.all([
      this.#call(
        (o) => this.#client.getProduct(this.#productId, o),
        () => void this.start(),
      ),
      this.#sessionToken && !this.state.session ? this.#openHostSession(this.#sessionToken) : null,
    ]);
    if (!product) return void this.#set({ status: 'failed' });
    // Without a preselection, the first plan that is sold (the free one is the exception).
    const plan =
      product.plans.find((p) => p.id === this.state.planId) ??
      product.plans.find((p) => p.yearlyCents > 0) ??
      product.plans[0]!;
    this.#set({
      status: 'ready',
      product,
      planId: plan.id,
      years: product.terms.includes(this.state.years) ? this.state.years : product.terms[0]!,
    });
    const returned = readReturn(this.#env.href());
    // An order placed by another widget of the page (another id) is that widget's to show.
    if (
      returned &&
      (!returned.widget || returned.widget === this.#id) &&
      (await this.#resumeReturn(returned.orderId, returned.resumeToken))
    )
      return;
    if (this.#disposed) return;
    this.#restoreKept();
    this.#set({ step: this.state.steps[0]! });
    this.#checkEligibility();
    this.#started = true;
    this.#scheduleQuote();
    this.dispatchEvent(new Event('ready'));
  }

  /**
   * Keeps the buyer's choices and typing in the tab (sessionStorage) for when the same checkout is
   * opened again or the page reloads: never a token or a password. Nothing once an order completed.
   */
  keepDraft(): void {
    const { status, step, planId, years, quantities, subscriptionId, holderDraft } = this.state;
    if (status !== 'ready' || step === 'result' || this.#ordering) return;
    const kept: KeptDraft = { planId, years, quantities, subscriptionId, holderDraft };
    save(this.#env.storage, this.#keptKey, kept);
  }

  /** Forgets a kept draft (the buyer chose to discard it, or the order completed). */
  discardDraft(): void {
    save(this.#env.storage, this.#keptKey, null);
  }

  /** Whether the buyer typed holder data here (closing then asks before leaving). */
  get typedHolder(): boolean {
    return this.state.holderDraft !== null;
  }

  /** Back in the state, checked against the catalog (unknown add-on ids are never sent). */
  #restoreKept(): void {
    const kept = loadSaved<KeptDraft>(this.#env.storage, this.#keptKey);
    this.discardDraft();
    const { product } = this.state;
    if (!kept || !product) return;
    this.#set({
      planId: product.plans.some((p) => p.id === kept.planId) ? kept.planId : this.state.planId,
      years: product.terms.includes(kept.years) ? kept.years : this.state.years,
      quantities: kept.quantities,
      subscriptionId: kept.subscriptionId ?? this.state.subscriptionId,
      holderDraft: kept.holderDraft,
    });
  }

  /** Stops timers and ignores every answer still on its way. */
  dispose(): void {
    this.#disposed = true;
    this.#quotes.cancel();
  }

  // ---- navigation ----------------------------------------------------------------------------

  /** Continue: checks what the current step needs, then moves on. */
  next(): void {
    const { step, session, ineligible, subscriptionId, product, quantities } = this.state;
    if (step === 'account' && (!session || ineligible)) return;
    if (step === 'mailbox' && !subscriptionId) {
      return this.#fieldError('subscriptionId', 'selection.subscription.required');
    }
    if (
      step === 'addons' &&
      product?.pricing === 'coterm' &&
      !Object.values(quantities).some((q) => q > 0)
    ) {
      return this.#fieldError('addons', 'required');
    }
    // The server refused a quantity (conservation already on the mailbox): shown on the add-on.
    if (step === 'addons' && Object.keys(this.addonErrors).length) return;
    if (step === 'summary') return void this.confirm();
    if (step === 'account' && this.#resumeStep) {
      const target = this.#resumeStep;
      this.#resumeStep = null;
      return this.#go(target);
    }
    this.#go(this.#stepAfter(step));
  }

  /** Back one step; everything chosen and typed stays. */
  back(): void {
    // The order being placed decides where the buyer lands (the result, or an error).
    if (this.#ordering) return;
    const index = this.state.steps.indexOf(this.state.step);
    if (index > 0 && this.state.step !== 'result') this.#go(this.state.steps[index - 1]!);
  }

  /** Repeats the action that failed (the error banner's "Riprova"). */
  retry(): void {
    const retry = this.#retry;
    this.#retry = null;
    this.#set({ error: null });
    retry?.();
  }

  // ---- selection -----------------------------------------------------------------------------

  selectPlan(planId: string): void {
    if (planId === this.state.planId) return;
    this.#set({ planId, fieldErrors: [] });
    this.#selectionChanged();
  }

  setQuantities(quantities: Record<string, number>): void {
    this.#set({ quantities: { ...this.state.quantities, ...quantities }, fieldErrors: [] });
    this.#selectionChanged();
  }

  setYears(years: number): void {
    if (years === this.state.years) return;
    this.#set({ years });
    this.#selectionChanged();
  }

  selectSubscription(subscriptionId: string): void {
    if (subscriptionId === this.state.subscriptionId) return;
    this.#set({ subscriptionId, fieldErrors: [] });
    this.#selectionChanged();
  }

  setHolderDraft(holderDraft: HolderDraft): void {
    this.#set({ holderDraft });
  }

  /** The holder step's form was submitted valid. */
  submitHolder(holder: Holder): void {
    this.#set({ holder, fieldErrors: [] });
    this.#go(this.#stepAfter('holder'));
  }

  setPayment(payment: PaymentChoice | null, topUpCents?: number): void {
    this.#set({
      payment,
      topUpCents: topUpCents ?? this.state.topUpCents,
      fieldErrors: this.state.fieldErrors.filter(
        (e) => !/^(paymentMethod|topUpCents)/.test(e.path),
      ),
    });
  }

  setTermsAccepted(termsAccepted: boolean): void {
    this.#set({ termsAccepted });
  }

  // ---- account -------------------------------------------------------------------------------

  async login(username: string, password: string): Promise<void> {
    await this.#authenticate('login', (o) => this.#client.login({ username, password }, o));
  }

  /** Registers a new customer; the holder step is then prefilled from the registered holder. */
  async register(holder: Holder, password: string): Promise<void> {
    const locale = this.#locale?.();
    await this.#authenticate('register', (o) =>
      this.#client.register({ password, holder, ...(locale ? { locale } : {}) }, o),
    );
    if (this.state.session) this.#set({ holderDraft: null });
  }

  /** The host page changed `session-token`: log in with it (or forget a host session). */
  async useSessionToken(token: string | null): Promise<void> {
    this.#sessionToken = token || null;
    if (!token) {
      if (this.state.session?.source === 'host') this.#forgetSession();
      return;
    }
    await this.#openHostSession(token);
    if (this.#started) this.#afterLogin();
  }

  /** "Cambia account": forgets the session and shows the login form again. */
  switchAccount(): void {
    if (this.#client.token) void this.#client.logout().catch(() => undefined);
    this.#sessionToken = null;
    this.#forgetSession();
    if (this.state.step !== 'account' && this.state.steps.includes('account')) this.#go('account');
  }

  // ---- order ---------------------------------------------------------------------------------

  /** "Conferma e completa l'ordine". A double click never sends two different orders. */
  async confirm(): Promise<void> {
    const { product, quote, session, termsAccepted, payment, topUpCents } = this.state;
    if (this.#ordering || !product || this.state.step !== 'summary') return;
    if (!session) return this.#needLogin();
    if (!quote || this.state.quoteLoading) return;
    if (!termsAccepted) return this.#fieldError('acceptTerms', 'terms.required');
    const paymentMethod = this.needsPayment ? payment : { type: 'none' as const };
    if (!paymentMethod) return this.#fieldError('paymentMethod', 'payment.method');
    const topUp = product.pricing === 'coterm' && paymentMethod.type === 'card';
    // The top-up itself is checked by the payment chooser and the server (domain/top-up.ts);
    // here only that one was given at all.
    if (topUp && topUpCents === null) return this.#fieldError('topUpCents', 'topup.min');
    const request = quoteRequestOf(this.state);
    if (!request) return;
    const body = orderRequestOf(
      this.state,
      request,
      quote,
      paymentMethod,
      withoutReturn(this.#env.href(), this.#id),
      this.#locale?.(),
    );
    const key = this.#orderKeys.keyFor(body);

    this.#ordering = true;
    this.#set({ ordering: true, error: null, fieldErrors: [], priceChanged: false });
    this.#sentAddonIds = request.addons.map((a) => a.id);
    const result = (await settle(this.#client.createOrder(body, key))) ?? networkFailure();
    if (this.#disposed) return;
    this.#ordering = false;
    this.#set({ ordering: false });
    if (!result.ok) return this.#orderFailed(result.error);
    const order = result.value;
    if (order.status === 'pending_payment' && order.action) return this.#redirect(order);
    this.#showOrder(order, true);
  }

  /** After a refused payment: back to the summary, same selection, a new order. */
  chooseAnotherMethod(): void {
    this.#orderKeys.forget();
    this.#set({ order: null, payment: null, error: null });
    if (this.state.session) return this.#go('summary');
    this.#loginAgain();
    this.#set({ error: { code: 'payment_refused', retryable: false } });
  }

  // ---- internals -----------------------------------------------------------------------------

  #set(patch: Partial<CheckoutState>): void {
    if (this.#disposed) return;
    const next = { ...this.state, ...patch };
    const { product, session, ineligible } = next;
    next.steps = product
      ? stepsFor(product, next.planId, session?.source === 'host' && !ineligible)
      : [];
    this.state = next;
    this.dispatchEvent(new Event('change'));
  }

  #emit<T>(type: string, detail: T): void {
    if (!this.#disposed) this.dispatchEvent(new CustomEvent<T>(type, { detail }));
  }

  #go(step: StepId): void {
    const previous = this.state.step;
    this.#set({
      step,
      error: null,
      fieldErrors: step === previous ? this.state.fieldErrors : [],
      loginAgain: false,
    });
    if (step === 'summary') this.#quotes.flush();
    if (step !== previous && this.#started) {
      this.#emit<StepChangeDetail>('step', { step, previous });
    }
  }

  #stepAfter(step: StepId): StepId {
    const { steps } = this.state;
    return steps[steps.indexOf(step) + 1] ?? 'summary';
  }

  #fieldError(path: string, code: string): void {
    this.#set({ fieldErrors: [{ path, code, message: '' }] });
  }

  /** Shows an error; `retry` (when the error is retryable) is what "Riprova" repeats. */
  #showError(error: ApiError, retry?: () => void, context?: StoreErrorDetail['context']): void {
    this.#retry = error.retryable && retry ? retry : null;
    this.#quoteErrorShown = false;
    const shown = { code: error.code, retryable: !!this.#retry };
    if (context) this.#set({ authError: error.code });
    else this.#set({ error: shown, fieldErrors: error.fieldErrors });
    this.#emit<StoreErrorDetail>('error', { ...shown, ...(context ? { context } : {}) });
  }

  /** Runs one call; on failure handles 401/403 or shows the error with `retry`. Null on failure. */
  async #call<T>(
    run: (o: {
      signal?: AbortSignal;
    }) => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>,
    retry?: () => void,
  ): Promise<T | null> {
    const result = await settle(run({}));
    if (!result || this.#disposed) return null;
    if (result.ok) return result.value;
    if (result.error.code === 'unauthorized') this.#sessionLost();
    else this.#showError(result.error, retry);
    return null;
  }

  #selectionChanged(): void {
    this.#scheduleQuote();
  }

  /** Quotes the selection after a quiet time (nothing to quote: nothing loading). */
  #scheduleQuote(): void {
    const request = quoteRequestOf(this.state);
    this.#quotes.cancel();
    if (request && this.#started) this.#quotes.schedule(request);
    this.#set({ quoteLoading: !!request && this.#started });
  }

  #quoteAnswered(result: ApiResult<Quote>, request: QuoteRequest): void {
    if (this.#disposed) return;
    if (result.ok) return this.#setQuote(result.value);
    // The last quote was for another selection: no total is shown rather than a wrong one.
    this.#set({ quoteLoading: false, quote: null });
    this.#sentAddonIds = request.addons.map((a) => a.id);
    if (result.error.code === 'unauthorized') return this.#sessionLost();
    this.#showError(result.error, () => this.#scheduleQuote());
    this.#quoteErrorShown = true;
  }

  #setQuote(quote: Quote): void {
    const minimum = quote.minimumTopUpCents;
    const { topUpCents } = this.state;
    const accepted = this.#acceptedCents;
    this.#acceptedCents = null;
    this.#set({
      quote,
      quoteLoading: false,
      // Accepted before the payment page for another total: the buyer looks again.
      termsAccepted:
        this.state.termsAccepted && (accepted === null || accepted === quote.totalCents),
      // The top-up starts at the minimum and follows it up, never below it.
      topUpCents: minimum === null ? null : Math.max(topUpCents ?? 0, minimum),
    });
    if (this.#quoteErrorShown) {
      this.#quoteErrorShown = false;
      this.#retry = null;
      this.#set({ error: null, fieldErrors: [] });
    }
  }

  async #authenticate(
    context: 'login' | 'register',
    run: (o: { signal?: AbortSignal }) => ReturnType<CassaClient['login']>,
  ): Promise<void> {
    if (this.state.authBusy) return;
    this.#set({ authBusy: true, authError: null, error: null, fieldErrors: [] });
    const result = (await settle(run({}))) ?? networkFailure();
    if (this.#disposed) return;
    this.#set({ authBusy: false });
    if (!result.ok) {
      // A 422 on registration points at fields; anything else is one inline message.
      if (result.error.fieldErrors.length) this.#set({ fieldErrors: result.error.fieldErrors });
      return this.#showError(result.error, undefined, context);
    }
    this.#sessionToken = null;
    this.#client.token = result.value.token;
    await this.#loadSession(result.value.customer, 'login');
    if (this.state.session) this.#afterLogin();
  }

  async #openHostSession(token: string): Promise<void> {
    this.#client.token = token;
    const customer = await this.#call(
      (o) => this.#client.me(o),
      () => void this.useSessionToken(token),
    );
    if (customer) await this.#loadSession(customer, 'host');
  }

  /** Payment methods and subscriptions of the account (each only where the product uses it). */
  async #loadSession(customer: Customer, source: Session['source']): Promise<void> {
    const product = this.state.product;
    const wantsMethods =
      !product || product.paymentMethods.some((m) => m === 'card' || m === 'paypal');
    const wantsSubscriptions = !product || product.pricing === 'coterm';
    const [methods, subscriptions] = await Promise.all([
      wantsMethods ? this.#call((o) => this.#client.paymentMethods(o)) : null,
      wantsSubscriptions ? this.#call((o) => this.#client.subscriptions(o)) : null,
    ]);
    if (this.#disposed || !this.#client.token) return;
    const savedMethods = methods?.items ?? [];
    const { payment } = this.state;
    this.#set({
      // A saved method of another account is not this one's to use.
      payment:
        payment?.savedId && !savedMethods.some((m) => m.id === payment.savedId) ? null : payment,
      session: {
        customer,
        source,
        savedMethods,
        subscriptions: subscriptions ?? null,
      },
      authError: null,
    });
  }

  /** Once logged in: stop an ineligible account, else continue where the buyer was going. */
  #afterLogin(): void {
    if (!this.#checkEligibility()) return;
    if (this.state.step === 'account') this.next();
    // PEC quotes depend on the account (its mailboxes, its credit); others only need one.
    const { quote, quoteLoading, product } = this.state;
    if (product?.pricing === 'coterm' || (!quote && !quoteLoading)) this.#scheduleQuote();
  }

  /** A private individual stays on the account step with the explanation, before any payment data. */
  #checkEligibility(): boolean {
    const { product, session } = this.state;
    if (!product || !session) return true;
    const ok = checkEligibility(product, session.customer.holder.type).ok;
    this.#set({ ineligible: !ok });
    if (ok) return true;
    if (this.state.step !== 'account' && this.#started) this.#go('account');
    else if (!this.#started) this.#set({ step: 'account' });
    this.#showError({ code: 'ineligible_customer', fieldErrors: [], retryable: false });
    return false;
  }

  #forgetSession(): void {
    this.#client.token = null;
    this.#set({
      session: null,
      ineligible: false,
      authError: null,
      error: null,
      quote: this.state.product?.pricing === 'coterm' ? null : this.state.quote,
    });
  }

  /** 401 mid-flow: log in again on the account step, then come back here with everything kept. */
  #sessionLost(): void {
    this.#forgetSession();
    // Before the first step is shown, the account step simply comes first.
    if (this.#started)
      this.#needLogin(this.state.step === 'account' ? this.#resumeStep : this.state.step);
    this.#showError({ code: 'unauthorized', fieldErrors: [], retryable: false });
  }

  #needLogin(resumeStep: StepId | null = this.state.step): void {
    this.#resumeStep = resumeStep === 'account' ? null : resumeStep;
    this.#go('account');
  }

  /** Back from the payment page without a session: log in, with the reason, then the summary. */
  #loginAgain(): void {
    this.#needLogin('summary');
    this.#set({ loginAgain: true });
  }

  #orderFailed(error: ApiError): void {
    switch (error.code) {
      case 'price_changed':
        // The new total replaces the old one; nothing is ordered until the buyer confirms again.
        if (error.quote) this.#setQuote(error.quote);
        this.#set({ priceChanged: true });
        return this.#showError(error);
      case 'unauthorized':
        return this.#sessionLost();
      case 'ineligible_customer':
        this.#set({ ineligible: true });
        this.#go('account');
        return this.#showError(error);
      case 'payment_refused':
        this.#orderKeys.forget();
        this.#set({ order: null });
        this.#go('result');
        return this.#showError(error);
    }
    const holderError = error.fieldErrors.some((e) => e.path.startsWith('holder.'));
    if (holderError && this.state.steps.includes('holder')) this.#go('holder');
    this.#showError(error, () => void this.confirm());
  }

  /** New card / PayPal / top-up by a new card: save what was typed, then leave for the provider. */
  #redirect(order: Order): void {
    const url = order.action!.url;
    // Only http(s): a backend must never make the page run a `javascript:` URL.
    if (!/^https?:$/.test(new URL(url, this.#env.href()).protocol)) {
      return this.#showError({ code: 'invalid_response', fieldErrors: [], retryable: false });
    }
    save(this.#env.storage, this.#draftKey, savedCheckoutOf(this.state, order.id));
    this.#ordering = true;
    this.#set({ ordering: true });
    this.#env.navigate(url);
  }

  /**
   * Back from the payment page with `?cassa_order&cassa_resume`: show what happened. False when
   * the URL is not this widget's to handle (another product's order, an unknown order).
   */
  async #resumeReturn(orderId: string, resumeToken: string): Promise<boolean> {
    const result =
      (await settle(this.#client.getOrder(orderId, { resumeToken }))) ?? networkFailure();
    if (this.#disposed) return true;
    const stripUrl = () => this.#env.replaceUrl(withoutReturn(this.#env.href()));
    if (!result.ok) {
      if (result.error.code === 'not_found' || result.error.code === 'unauthorized') {
        stripUrl();
        return false;
      }
      // Keep the parameters: "Riprova" (or a reload) reads the order again.
      this.#set({ status: 'failed' });
      this.#showError(result.error, () => void this.start());
      return true;
    }
    const order = result.value;
    // Another widget's order (two widgets on one page): leave it to that one.
    if (order.productId !== this.#productId) return false;
    stripUrl();
    const saved = loadSaved<SavedCheckout>(this.#env.storage, this.#draftKey);
    if (saved?.orderId === order.id) {
      const { orderId: _, acceptedCents, ...restored } = saved;
      this.#acceptedCents = acceptedCents ?? null;
      this.#set({ ...restored, termsAccepted: this.#acceptedCents !== null });
    }
    save(this.#env.storage, this.#draftKey, null);
    const done = order.status !== 'cancelled' && order.status !== 'pending_payment';
    this.#set({ step: done ? 'result' : 'summary' });
    this.#started = true;
    // Ready first (the page may start listening), then what happened on the provider's page.
    this.dispatchEvent(new Event('ready'));
    if (done) this.#showOrder(order);
    else if (!this.state.session) this.#loginAgain();
    // Cancelled on the provider's page: say so where the buyer lands (summary, or log in first).
    if (order.status === 'cancelled') {
      this.#orderKeys.forget();
      this.#showError({ code: 'payment_cancelled', fieldErrors: [], retryable: false });
    }
    if (order.status !== 'paid' && order.status !== 'active') this.#scheduleQuote();
    return true;
  }

  /**
   * Shows a finished order; `complete` fires once per order id, across elements and reloads.
   * `confirmed`: the buyer has just confirmed it here (not back from the payment page).
   */
  #showOrder(order: Order, confirmed = false): void {
    if (order.status === 'refused' || order.status === 'cancelled') {
      this.#orderKeys.forget();
      if (order.status === 'cancelled') return this.#go('summary');
      this.#set({ order });
      this.#go('result');
      return this.#showError({ code: 'payment_refused', fieldErrors: [], retryable: false });
    }
    const first = markCompleted(this.#env.storage, order.id);
    this.#set({ order, repeated: confirmed && !first });
    this.#go('result');
    save(this.#env.storage, this.#draftKey, null);
    this.discardDraft();
    if (first) this.#emit('complete', { order });
  }
}
