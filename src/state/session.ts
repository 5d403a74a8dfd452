// The store's session and eligibility: the host page's token, login and registration, the
// account's payment methods and mailboxes, a 401 mid-flow, and whether the account may buy.
import type { CassaClient } from '../api/types.ts';
import type { Customer } from '../api/schemas.ts';
import type { Holder } from '../domain/types.ts';
import { checkEligibility } from '../domain/eligibility.ts';
import { settle } from './settle.ts';
import { networkFailure, type StoreCore } from './store-core.ts';
import type { Session } from './types.ts';

export class SessionFlow {
  readonly #core: StoreCore;
  #sessionToken: string | null;

  constructor(core: StoreCore) {
    this.#core = core;
    this.#sessionToken = core.options.sessionToken || null;
  }

  /** The host page's token, when it gave one and no session is open yet (start). */
  get pendingHostToken(): string | null {
    return this.#sessionToken && !this.#core.state.session ? this.#sessionToken : null;
  }

  async login(username: string, password: string): Promise<void> {
    const { client } = this.#core;
    await this.#authenticate('login', (o) => client.login({ username, password }, o));
  }

  /** Registers a new customer; the holder step is then prefilled from the registered holder. */
  async register(holder: Holder, password: string): Promise<void> {
    const { client, options } = this.#core;
    const locale = options.locale?.();
    await this.#authenticate('register', (o) =>
      client.register({ password, holder, ...(locale ? { locale } : {}) }, o),
    );
    const { session } = this.#core.state;
    if (session)
      this.#core.set({ holderDraft: null, registeredUsername: session.customer.username });
  }

  /** The host page changed `session-token`: log in with it (or forget a host session). */
  async useSessionToken(token: string | null): Promise<void> {
    this.#sessionToken = token || null;
    if (!token) {
      if (this.#core.state.session?.source === 'host') this.#forget();
      return;
    }
    await this.openHostSession(token);
    if (this.#core.started) this.#afterLogin();
  }

  /** "Cambia account": forgets the session and shows the login form again. */
  switchAccount(): void {
    const { client, state } = this.#core;
    if (client.token) void client.logout().catch(() => undefined);
    this.#sessionToken = null;
    this.#forget();
    this.#core.set({ registeredUsername: null });
    if (state.step !== 'account' && state.steps.includes('account')) this.#core.flow.go('account');
  }

  async openHostSession(token: string): Promise<void> {
    const { client } = this.#core;
    client.token = token;
    const customer = await this.#core.call(
      (o) => client.me(o),
      () => void this.useSessionToken(token),
    );
    if (customer) await this.#load(customer, 'host');
  }

  /** A private individual stays on the account step with the explanation, before any payment data. */
  checkEligibility(): boolean {
    const core = this.#core;
    const { product, session } = core.state;
    if (!product || !session) return true;
    const ok = checkEligibility(product, session.customer.holder.type).ok;
    core.set({ ineligible: !ok });
    if (ok) return true;
    if (core.state.step !== 'account' && core.started) core.flow.go('account');
    else if (!core.started) core.set({ step: 'account' });
    core.showError({ code: 'ineligible_customer', fieldErrors: [], retryable: false });
    return false;
  }

  /** 401 mid-flow: log in again on the account step, then come back here with everything kept. */
  sessionLost(): void {
    const core = this.#core;
    this.#forget();
    // Before the first step is shown, the account step simply comes first.
    if (core.started)
      core.flow.needLogin(core.state.step === 'account' ? core.resumeStep : core.state.step);
    core.showError({ code: 'unauthorized', fieldErrors: [], retryable: false });
  }

  /**
   * Back from a cancelled or refused payment page: the return URL's resume token opens a session
   * once (`POST /v1/auth/resume`), so the buyer is not asked to log in again. Nothing is kept in
   * the browser for it. False when the backend does not offer it or refuses (then: log in again).
   */
  async resumeSession(orderId: string, resumeToken: string): Promise<boolean> {
    const core = this.#core;
    const { client } = core;
    if (!client.resumeSession || core.state.session) return !!core.state.session;
    const result = await settle(client.resumeSession({ orderId, resumeToken }));
    if (!result?.ok || core.disposed) return false;
    client.token = result.value.token;
    await this.#load(result.value.customer, 'login');
    return !!core.state.session && this.checkEligibility();
  }

  async #authenticate(
    context: 'login' | 'register',
    run: (o: { signal?: AbortSignal }) => ReturnType<CassaClient['login']>,
  ): Promise<void> {
    const core = this.#core;
    if (core.state.authBusy) return;
    core.set({ authBusy: true, authError: null, error: null, fieldErrors: [] });
    const result = (await settle(run({}))) ?? networkFailure();
    if (core.disposed) return;
    core.set({ authBusy: false });
    if (!result.ok) {
      // A 422 on registration points at fields; anything else is one inline message.
      if (result.error.fieldErrors.length) core.set({ fieldErrors: result.error.fieldErrors });
      return core.showError(result.error, undefined, context);
    }
    this.#sessionToken = null;
    core.client.token = result.value.token;
    await this.#load(result.value.customer, 'login');
    if (core.state.session) this.#afterLogin();
  }

  /** Payment methods and subscriptions of the account (each only where the product uses it). */
  async #load(customer: Customer, source: Session['source']): Promise<void> {
    const core = this.#core;
    const { client } = core;
    const product = core.state.product;
    const wantsMethods =
      !product || product.paymentMethods.some((m) => m === 'card' || m === 'paypal');
    const wantsSubscriptions = !product || product.pricing === 'coterm';
    const [methods, subscriptions] = await Promise.all([
      wantsMethods ? core.call((o) => client.paymentMethods(o)) : null,
      wantsSubscriptions ? core.call((o) => client.subscriptions(o)) : null,
    ]);
    if (core.disposed || !client.token) return;
    const savedMethods = methods?.items ?? [];
    const { payment } = core.state;
    core.set({
      // A saved method of another account is not this one's to use.
      payment:
        payment?.savedId && !savedMethods.some((m) => m.id === payment.savedId) ? null : payment,
      session: { customer, source, savedMethods, subscriptions: subscriptions ?? null },
      authError: null,
    });
  }

  /** Once logged in: stop an ineligible account, else continue where the buyer was going. */
  #afterLogin(): void {
    const core = this.#core;
    if (!this.checkEligibility()) return;
    if (core.state.step === 'account') core.flow.next();
    // PEC quotes depend on the account (its mailboxes, its credit); others only need one.
    const { quote, quoteLoading, product } = core.state;
    if (product?.pricing === 'coterm' || (!quote && !quoteLoading)) core.flow.scheduleQuote();
  }

  #forget(): void {
    const core = this.#core;
    core.client.token = null;
    core.set({
      session: null,
      ineligible: false,
      authError: null,
      error: null,
      quote: core.state.product?.pricing === 'coterm' ? null : core.state.quote,
    });
  }
}
