// The checkout store (issue 5, part 2): the whole purchase as state + intents, no DOM, no Lit.
// Only this file calls the API client; <cassa-checkout> renders `state` and calls the intents.
import type { CassaClient, ApiError } from '../api/types.ts';
import type {
  ApiFieldError,
  Customer,
  Order,
  OrderRequest,
  QuoteRequest,
  SavedPaymentMethod,
  Subscriptions,
} from '../api/schemas.ts';
import type { PaymentMethodType, Product } from '../domain/catalog.ts';
import type { ErrorCode } from '../domain/errors.ts';
import type { Holder, Quote } from '../domain/types.ts';
import { checkEligibility } from '../domain/eligibility.ts';
import type { HolderDraft } from '../components/cassa-holder-form/cassa-holder-form.ts';
import { addonOnPlan, stepsFor, type StepId } from './steps.ts';
import {
  loadSaved,
  markCompleted,
  readReturn,
  save,
  withoutReturn,
  type StorageLike,
} from './persistence.ts';

export interface Session {
  customer: Customer;
  /** `host`: the page handed over a token (`session-token`); `login`: logged in or registered here. */
  source: 'host' | 'login';
  savedMethods: SavedPaymentMethod[];
  subscriptions: Subscriptions | null;
}

export interface PaymentChoice {
  type: PaymentMethodType;
  savedId?: string;
}

/** The error shown to the buyer; `retryable` when `retry()` repeats the failed action. */
export interface ShownError {
  code: ErrorCode;
  retryable: boolean;
}

export interface CheckoutState {
  /** The catalog: loading, loaded, or failed (then `error` says why). */
  status: 'loading' | 'ready' | 'failed';
  product: Product | null;
  steps: StepId[];
  step: StepId;
  planId: string;
  years: number;
  /** Add-on id → quantity in its own unit. */
  quantities: Record<string, number>;
  subscriptionId: string | null;
  /** The last quote the server gave (kept, dimmed, while a newer one loads). */
  quote: Quote | null;
  quoteLoading: boolean;
  session: Session | null;
  /** Login or registration in flight. */
  authBusy: boolean;
  /** Why the last login/registration failed (shown inline in the account step). */
  authError: ErrorCode | null;
  /** The logged-in account may not buy this product (a private individual). */
  ineligible: boolean;
  /** Whatever the buyer typed in the holder form, kept across steps and errors. */
  holderDraft: HolderDraft | null;
  /** The holder the buyer confirmed in the holder step (sent with the order). */
  holder: Holder | null;
  payment: PaymentChoice | null;
  /** Credit top-up by card (coterm products). */
  topUpCents: number | null;
  termsAccepted: boolean;
  ordering: boolean;
  /** The order shown on the result step (completed, or refused). */
  order: Order | null;
  error: ShownError | null;
  /** Server field errors (dotted paths: `holder.vatNumber`, `addons.0.quantity`, `topUpCents`). */
  fieldErrors: ApiFieldError[];
  /** A 409 replaced the quote: the buyer must look at the new total and confirm again. */
  priceChanged: boolean;
}

export interface CheckoutEnvironment {
  /** Where the redirect draft and the completed order ids live (sessionStorage in a page). */
  storage: StorageLike | null;
  /** The current page URL. */
  href(): string;
  /** Leaves the page for the payment provider. */
  navigate(url: string): void;
  /** Rewrites the address bar without a reload (history.replaceState). */
  replaceUrl(url: string): void;
}

export interface CheckoutStoreOptions {
  client: CassaClient;
  productId: string;
  /** Preselected plan (`plan` attribute). */
  planId?: string | null;
  /** Preselected mailbox/service (`subscription` attribute). */
  subscriptionId?: string | null;
  /** Host-provided login (`session-token` attribute). */
  sessionToken?: string | null;
  env: CheckoutEnvironment;
  /** Quiet time before a changed selection is quoted. */
  quoteDelayMs?: number;
}

export interface StepChangeDetail {
  step: StepId;
  previous: StepId;
}
export interface StoreErrorDetail extends ShownError {
  /** `login` / `register` errors are shown inline in the account form. */
  context?: 'login' | 'register';
}

/** What is kept in sessionStorage across the payment page (no token, no secret). */
interface SavedCheckout {
  orderId: string;
  planId: string;
  years: number;
  quantities: Record<string, number>;
  subscriptionId: string | null;
  holderDraft: HolderDraft | null;
  holder: Holder | null;
  payment: PaymentChoice | null;
  topUpCents: number | null;
}

const isAbort = (error: unknown) => (error as { name?: string })?.name === 'AbortError';

/** crypto.randomUUID needs a secure context; fall back to random bytes elsewhere (plain http). */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * Emits `change` on every state change, and `ready`, `step` ({@link StepChangeDetail}),
 * `error` ({@link StoreErrorDetail}) and `complete` (`{ order }`, once per order id).
 */
export class CheckoutStore extends EventTarget {
  state: CheckoutState;

  readonly #client: CassaClient;
  readonly #env: CheckoutEnvironment;
  readonly #productId: string;
  readonly #quoteDelayMs: number;
  #sessionToken: string | null;
  #disposed = false;
  #started = false;
  #quoteTimer: ReturnType<typeof setTimeout> | undefined;
  /** The request waiting for the quiet time to pass. */
  #quotePending: QuoteRequest | null = null;
  #quoteAbort: AbortController | null = null;
  #quoteSeq = 0;
  #retry: (() => void) | null = null;
  /** The banner shows a failed quote: a later successful quote removes it. */
  #quoteErrorShown = false;
  /** Where to go back to after logging in again (401 mid-flow). */
  #resumeStep: StepId | null = null;
  /** One key per intended order: reused while the body stays the same. */
  #orderKey: { key: string; body: string } | null = null;
  #ordering = false;
  /** The add-on ids of the last request, to map `addons.N.*` field errors back to add-ons. */
  #sentAddonIds: string[] = [];
  #views?: {
    source: ApiFieldError[];
    holder: { path: string; code: string }[];
    addons: Record<string, string>;
  };

  constructor(options: CheckoutStoreOptions) {
    super();
    this.#client = options.client;
    this.#env = options.env;
    this.#productId = options.productId;
    this.#quoteDelayMs = options.quoteDelayMs ?? 250;
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
      holderDraft: null,
      holder: null,
      payment: null,
      topUpCents: null,
      termsAccepted: false,
      ordering: false,
      order: null,
      error: null,
      fieldErrors: [],
      priceChanged: false,
    };
  }

  get #draftKey() {
    return `cassa:checkout:${this.#productId}`;
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
    if (this.#views?.source === fieldErrors) return this.#views;
    const addons: Record<string, string> = {};
    for (const { path, code } of fieldErrors) {
      const index = /^addons\.(\d+)\./.exec(path)?.[1];
      const id = index === undefined ? undefined : this.#sentAddonIds[Number(index)];
      if (id) addons[id] = code;
    }
    const holder = fieldErrors
      .filter((e) => e.path.startsWith('holder.') || e.path === 'password')
      .map((e) => ({ path: e.path.replace(/^holder\./, ''), code: e.code }));
    this.#views = { source: fieldErrors, holder, addons };
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
    if (returned && (await this.#resumeReturn(returned.orderId, returned.resumeToken))) return;
    if (this.#disposed) return;
    this.#set({ step: this.state.steps[0]! });
    this.#checkEligibility();
    this.#started = true;
    this.#scheduleQuote();
    this.dispatchEvent(new Event('ready'));
  }

  /** Stops timers and ignores every answer still on its way. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#quoteTimer);
    this.#quoteAbort?.abort();
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
    await this.#authenticate('register', (o) => this.#client.register({ password, holder }, o));
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
    if (topUp && (topUpCents ?? 0) < (quote.minimumTopUpCents ?? 0)) {
      return this.#fieldError('topUpCents', 'topup.min');
    }
    const request = this.#quoteRequest();
    if (!request) return;
    const body: OrderRequest = {
      ...request,
      expectedTotalCents: quote.totalCents,
      paymentMethod,
      ...(topUp ? { topUpCents: topUpCents ?? 0 } : {}),
      ...(this.state.holder && product.pricing === 'term' ? { holder: this.state.holder } : {}),
      acceptTerms: true,
      returnUrl: withoutReturn(this.#env.href()),
    };
    const bodyText = JSON.stringify(body);
    if (this.#orderKey?.body !== bodyText)
      this.#orderKey = { key: newIdempotencyKey(), body: bodyText };
    const { key } = this.#orderKey;

    this.#ordering = true;
    this.#set({ ordering: true, error: null, fieldErrors: [], priceChanged: false });
    this.#sentAddonIds = request.addons.map((a) => a.id);
    let result;
    try {
      result = await this.#client.createOrder(body, key);
    } catch {
      result = {
        ok: false as const,
        error: { code: 'network' as const, fieldErrors: [], retryable: true },
      };
    }
    if (this.#disposed) return;
    this.#ordering = false;
    this.#set({ ordering: false });
    if (!result.ok) return this.#orderFailed(result.error);
    const order = result.value;
    if (order.status === 'pending_payment' && order.action) return this.#redirect(order);
    this.#showOrder(order);
  }

  /** After a refused payment: back to the summary, same selection, a new order. */
  chooseAnotherMethod(): void {
    this.#orderKey = null;
    this.#set({ order: null, payment: null, error: null });
    if (this.state.session) this.#go('summary');
    else this.#needLogin('summary');
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
    this.#set({ step, error: null, fieldErrors: step === previous ? this.state.fieldErrors : [] });
    if (step === 'summary') this.#flushQuote();
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
    let result;
    try {
      result = await run({});
    } catch (error) {
      if (isAbort(error) || this.#disposed) return null;
      result = {
        ok: false as const,
        error: { code: 'network' as const, fieldErrors: [], retryable: true },
      };
    }
    if (this.#disposed) return null;
    if (result.ok) return result.value;
    if (result.error.code === 'unauthorized') this.#sessionLost();
    else this.#showError(result.error, retry);
    return null;
  }

  #selectionChanged(): void {
    this.#scheduleQuote();
  }

  #quoteRequest(): QuoteRequest | null {
    const { product, planId, years, quantities, subscriptionId, session } = this.state;
    if (!product || !planId) return null;
    const coterm = product.pricing === 'coterm';
    if (coterm && (!subscriptionId || !session)) return null;
    const addons = product.addons
      .filter((a) => addonOnPlan(a, planId) && (quantities[a.id] ?? 0) > 0)
      .map((a) => ({ id: a.id, quantity: quantities[a.id]! }));
    return {
      productId: product.id,
      planId,
      years: coterm ? 1 : years,
      addons,
      ...(coterm ? { subscriptionId: subscriptionId! } : {}),
    };
  }

  /** Quotes the selection after a quiet time; a newer request aborts and outranks an older one. */
  #scheduleQuote(): void {
    clearTimeout(this.#quoteTimer);
    this.#quotePending = null;
    this.#quoteAbort?.abort();
    this.#quoteSeq++;
    const request = this.#quoteRequest();
    if (!request || !this.#started) return void this.#set({ quoteLoading: false });
    this.#set({ quoteLoading: true });
    this.#quotePending = request;
    this.#quoteTimer = setTimeout(() => this.#flushQuote(), this.#quoteDelayMs);
  }

  /** Sends the waiting quote request now (the buyer reached the summary: no reason to wait). */
  #flushQuote(): void {
    clearTimeout(this.#quoteTimer);
    const request = this.#quotePending;
    this.#quotePending = null;
    if (request) void this.#fetchQuote(request);
  }

  async #fetchQuote(request: QuoteRequest): Promise<void> {
    const seq = ++this.#quoteSeq;
    const controller = new AbortController();
    this.#quoteAbort = controller;
    let result;
    try {
      result = await this.#client.quote(request, { signal: controller.signal });
    } catch (error) {
      if (isAbort(error) || controller.signal.aborted) return;
      result = {
        ok: false as const,
        error: { code: 'network' as const, fieldErrors: [], retryable: true },
      };
    }
    // A stale answer (the selection changed meanwhile) never overwrites a newer quote.
    if (seq !== this.#quoteSeq || controller.signal.aborted || this.#disposed) return;
    this.#quoteAbort = null;
    if (!result.ok) {
      this.#set({ quoteLoading: false });
      this.#sentAddonIds = request.addons.map((a) => a.id);
      if (result.error.code === 'unauthorized') return this.#sessionLost();
      this.#showError(result.error, () => this.#scheduleQuote());
      this.#quoteErrorShown = true;
      return;
    }
    this.#setQuote(result.value);
  }

  #setQuote(quote: Quote): void {
    const minimum = quote.minimumTopUpCents;
    const { topUpCents } = this.state;
    this.#set({
      quote,
      quoteLoading: false,
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
    let result;
    try {
      result = await run({});
    } catch {
      result = {
        ok: false as const,
        error: { code: 'network' as const, fieldErrors: [], retryable: true },
      };
    }
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
        this.#orderKey = null;
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
    const { planId, years, quantities, subscriptionId, holderDraft, holder, payment, topUpCents } =
      this.state;
    save<SavedCheckout>(this.#env.storage, this.#draftKey, {
      orderId: order.id,
      planId,
      years,
      quantities,
      subscriptionId,
      holderDraft,
      holder,
      payment,
      topUpCents,
    });
    this.#ordering = true;
    this.#set({ ordering: true });
    this.#env.navigate(url);
  }

  /**
   * Back from the payment page with `?cassa_order&cassa_resume`: show what happened. False when
   * the URL is not this widget's to handle (another product's order, an unknown order).
   */
  async #resumeReturn(orderId: string, resumeToken: string): Promise<boolean> {
    let result;
    try {
      result = await this.#client.getOrder(orderId, { resumeToken });
    } catch {
      result = {
        ok: false as const,
        error: { code: 'network' as const, fieldErrors: [], retryable: true },
      };
    }
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
      const { orderId: _, ...restored } = saved;
      this.#set(restored);
    }
    save(this.#env.storage, this.#draftKey, null);
    const done = order.status !== 'cancelled' && order.status !== 'pending_payment';
    this.#set({ step: done ? 'result' : 'summary' });
    this.#started = true;
    if (done) this.#showOrder(order);
    else if (!this.state.session) this.#needLogin('summary');
    if (order.status !== 'paid' && order.status !== 'active') this.#scheduleQuote();
    this.dispatchEvent(new Event('ready'));
    return true;
  }

  /** Shows a finished order; `complete` fires once per order id, across elements and reloads. */
  #showOrder(order: Order): void {
    if (order.status === 'refused' || order.status === 'cancelled') {
      this.#orderKey = null;
      if (order.status === 'cancelled') return this.#go('summary');
      this.#set({ order });
      this.#go('result');
      return this.#showError({ code: 'payment_refused', fieldErrors: [], retryable: false });
    }
    this.#orderKey = null;
    this.#set({ order });
    this.#go('result');
    save(this.#env.storage, this.#draftKey, null);
    if (markCompleted(this.#env.storage, order.id)) this.#emit('complete', { order });
  }
}
