// The customer area's store (issue 24): what `<cassa-account>` shows and the buyer's intents, no
// DOM, no Lit. Only this file calls the API for the customer area; the element renders `state`.
import type { AccountCalls } from '../api/account-client.ts';
import { accountCalls } from '../api/account-client.ts';
import type {
  AccountInvoice,
  AccountSubscription,
  SubscriptionUpdate,
} from '../api/account-schemas.ts';
import type { Order, SavedPaymentMethod } from '../api/schemas.ts';
import type { ApiError, ApiResult, CassaClient } from '../api/types.ts';
import { accountTopUpError, creditOutlook, type CreditOutlook } from '../domain/account.ts';
import type { Product } from '../domain/catalog.ts';
import type { ErrorCode } from '../domain/errors.ts';
import { TypedEventTarget } from './typed-event-target.ts';

/** One of the buyer's changes, as `cassa-account-change` tells the host page. */
export type AccountChange =
  | { kind: 'auto-renew'; subscription: AccountSubscription }
  | { kind: 'renewal-method'; subscription: AccountSubscription }
  | { kind: 'payment-method-removed'; paymentMethodId: string }
  | { kind: 'top-up-started'; amountCents: number }
  | { kind: 'payment-method-add-started'; type: 'card' | 'paypal' };

/** A failed intent: where it is shown (`key`), its code, and whether trying again may work. */
export interface ActionError {
  key: string;
  code: ErrorCode | 'method_in_use' | 'topup.zero' | 'topup.min' | 'topup.max';
  retryable: boolean;
}

/**
 * Back from the card page after a top-up: what the order says (the server's figures, never the
 * URL's). `creditCents` is the balance read with it; `pending`: the bank has not answered yet.
 */
export interface TopUpReturn {
  status: 'paid' | 'refused' | 'cancelled' | 'pending';
  amountCents: number;
  creditCents: number;
}

export interface AccountState {
  /** `login`: no session; `loading` the first time; `failed`: it could not be loaded (retry). */
  phase: 'login' | 'loading' | 'ready' | 'failed';
  loginBusy: boolean;
  loginError: ErrorCode | '';
  loadError: ErrorCode | '';
  creditCents: number;
  subscriptions: AccountSubscription[];
  methods: SavedPaymentMethod[];
  invoices: AccountInvoice[];
  awaiting: Order[];
  /** What could not be loaded of the lists that are not essential (shown with a retry). */
  partErrors: { invoices?: ErrorCode; awaiting?: ErrorCode };
  outlook: CreditOutlook;
  /** The catalogs of the customer's products (names of plans and add-ons), as they arrive. */
  products: Record<string, Product>;
  /** Keys of the intents in flight (`auto-renew:<id>`, `method:<id>`, `remove:<id>`, `top-up`…). */
  busy: string[];
  error: ActionError | null;
  /** The outcome of the top-up the buyer came back from, once read (else null). */
  topUpReturn: TopUpReturn | null;
}

export interface AccountStoreOptions {
  client: CassaClient;
  /** Where the browser goes for a provider's page (a top-up, a new method). */
  navigate: (url: string) => void;
  /** The page to come back to from the provider's page. */
  returnUrl: () => string;
  locale: () => 'it' | 'en';
}

/**
 * Waits between the checks of a top-up the bank had not confirmed yet (`pending`), the last one
 * repeated: the outcome and the balance update in view without a reload.
 */
export const TOP_UP_RECHECK_MS = [2000, 3000, 5000, 10_000, 15_000, 30_000, 60_000];
/** How long a pending top-up is checked for (then the notice keeps saying it is not confirmed). */
export const TOP_UP_WATCH_MS = 20 * 60_000;

/** A pending top-up being checked: its order, the checks made, since when, the next one's timer. */
interface TopUpWatch {
  orderId: string;
  checks: number;
  since: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** The store's events: `change` on every state change, `account-change` per saved change. */
export interface AccountEventMap {
  change: Event;
  'account-change': CustomEvent<AccountChange>;
}

/** Emits `change` on every state change and `account-change` ({@link AccountChange}) per change. */
export class AccountStore extends TypedEventTarget<AccountEventMap> {
  state: AccountState = {
    phase: 'login',
    loginBusy: false,
    loginError: '',
    loadError: '',
    creditCents: 0,
    subscriptions: [],
    methods: [],
    invoices: [],
    awaiting: [],
    partErrors: {},
    outlook: creditOutlook(0, []),
    products: {},
    busy: [],
    error: null,
    topUpReturn: null,
  };
  readonly #client: CassaClient;
  readonly #calls: AccountCalls;
  readonly #options: AccountStoreOptions;
  #loads = 0;
  /** The order of the return URL, read with the first load that has a session. */
  #returnOrderId: string | undefined;
  /** The pending top-up checked until the bank answers (see TOP_UP_RECHECK_MS). */
  #watch: TopUpWatch | undefined;
  /** Whether checks may run (false while the element is out of the page). */
  #watching = true;

  constructor(options: AccountStoreOptions) {
    super();
    this.#options = options;
    this.#client = options.client;
    this.#calls = accountCalls(options.client);
  }

  #set(patch: Partial<AccountState>): void {
    this.state = { ...this.state, ...patch };
    if ('creditCents' in patch || 'subscriptions' in patch)
      this.state.outlook = creditOutlook(this.state.creditCents, this.state.subscriptions);
    this.dispatchEvent(new Event('change'));
  }

  #change(change: AccountChange): void {
    this.dispatchEvent(new CustomEvent('account-change', { detail: change }));
  }

  /** The session's token (the host's, or the login's), e.g. for the checkout opened from here. */
  get token(): string | null {
    return this.#client.token;
  }

  /** Uses a session token (the host's, or none: the login form). */
  useToken(token: string | null): Promise<void> {
    this.#client.token = token;
    if (!token) {
      this.#set({ phase: 'login' });
      return Promise.resolve();
    }
    return this.load();
  }

  /**
   * Back from the provider's page after adding a payment method (`setupId`) or a top-up
   * (`orderId`): the return URL's resume token opens a session once (no second login); refused or
   * not offered, the login form.
   */
  async resume(
    which: { setupId: string } | { orderId: string },
    resumeToken: string,
  ): Promise<void> {
    const result = this.#client.resumeSession
      ? await this.#client.resumeSession({ ...which, resumeToken })
      : undefined;
    await this.useToken(result?.ok ? result.value.token : null);
  }

  /**
   * The page came back from the provider with `cassa_order`: the next load with a session reads
   * that order and, when it is a top-up (credit only, no add-on), keeps its outcome.
   */
  expectTopUp(orderId: string): void {
    this.#returnOrderId = orderId;
  }

  async login(username: string, password: string): Promise<void> {
    if (this.state.loginBusy) return;
    this.#set({ loginBusy: true, loginError: '' });
    const result = await this.#client.login({ username, password });
    this.#set({ loginBusy: false, loginError: result.ok ? '' : result.error.code });
    if (result.ok) await this.load();
  }

  async logout(): Promise<void> {
    this.#stopWatch();
    await this.#client.logout();
    this.#set({ phase: 'login', subscriptions: [], methods: [], invoices: [], awaiting: [] });
  }

  /** Loads everything; the subscriptions and methods are essential, the rest shown when it came. */
  async load(): Promise<void> {
    const seq = ++this.#loads;
    if (this.state.phase !== 'ready') this.#set({ phase: 'loading', loadError: '' });
    const returnOrderId = this.#returnOrderId;
    const [subscriptions, methods, invoices, awaiting, returned] = await Promise.all([
      this.#calls.subscriptions(),
      this.#calls.paymentMethods(),
      this.#calls.invoices(),
      this.#calls.awaitingOrders(),
      returnOrderId ? this.#client.getOrder(returnOrderId) : undefined,
    ]);
    if (seq !== this.#loads) return;
    const failed = [subscriptions, methods].find((r) => !r.ok);
    if (failed && !failed.ok) {
      const code = failed.error.code;
      if (code === 'unauthorized') {
        this.#client.token = null;
        this.#set({ phase: 'login', loginError: 'unauthorized' });
      } else
        this.#set({ phase: this.state.phase === 'ready' ? 'ready' : 'failed', loadError: code });
      return;
    }
    if (!subscriptions.ok || !methods.ok) return;
    if (returnOrderId && this.#returnOrderId === returnOrderId) this.#returnOrderId = undefined;
    const topUp = returned?.ok
      ? topUpReturn(returned.value, subscriptions.value.creditCents)
      : null;
    this.#set({
      ...(topUp ? { topUpReturn: topUp } : {}),
      phase: 'ready',
      loadError: '',
      creditCents: subscriptions.value.creditCents,
      subscriptions: subscriptions.value.items,
      methods: methods.value.items,
      invoices: invoices.ok ? invoices.value.items : this.state.invoices,
      awaiting: awaiting.ok ? awaiting.value.items : this.state.awaiting,
      partErrors: {
        ...(invoices.ok ? {} : { invoices: invoices.error.code }),
        ...(awaiting.ok ? {} : { awaiting: awaiting.error.code }),
      },
    });
    if (topUp?.status === 'pending' && returnOrderId) this.#watchTopUp(returnOrderId);
    else if (topUp) this.#stopWatch();
    await this.#loadProducts();
  }

  /** Stops checking a pending top-up while the element is out of the page; `resumeChecks` goes on. */
  pauseChecks(): void {
    this.#watching = false;
    if (this.#watch) {
      clearTimeout(this.#watch.timer);
      this.#watch.timer = undefined;
    }
  }

  resumeChecks(): void {
    this.#watching = true;
    this.#scheduleCheck();
  }

  #watchTopUp(orderId: string): void {
    if (this.#watch?.orderId === orderId) return;
    this.#stopWatch();
    this.#watch = { orderId, checks: 0, since: Date.now(), timer: undefined };
    this.#scheduleCheck();
  }

  #stopWatch(): void {
    clearTimeout(this.#watch?.timer);
    this.#watch = undefined;
  }

  /**
   * The next check of the pending top-up: its order read again; once the bank has answered (paid,
   * refused, cancelled), everything is loaded again with it (the outcome, the new balance).
   */
  #scheduleCheck(): void {
    const watch = this.#watch;
    if (!watch || watch.timer || !this.#watching) return;
    if (Date.now() - watch.since > TOP_UP_WATCH_MS) return this.#stopWatch();
    const delay = TOP_UP_RECHECK_MS[Math.min(watch.checks, TOP_UP_RECHECK_MS.length - 1)]!;
    watch.timer = setTimeout(() => {
      watch.timer = undefined;
      watch.checks++;
      void this.#client.getOrder(watch.orderId).then((order) => {
        if (this.#watch !== watch) return;
        if (!order.ok && order.error.code === 'unauthorized') return this.#stopWatch();
        const answered = order.ok && topUpReturn(order.value, 0)?.status !== 'pending';
        if (!answered) return this.#scheduleCheck();
        this.#returnOrderId = watch.orderId;
        this.#stopWatch();
        return this.load();
      });
    }, delay);
  }

  /** Names only: a catalog that cannot be loaded leaves the ids shown. */
  async #loadProducts(): Promise<void> {
    const ids = new Set(this.state.subscriptions.map((s) => s.productId));
    for (const id of ids) {
      if (this.state.products[id]) continue;
      const product = await this.#client.getProduct(id);
      if (product.ok) this.#set({ products: { ...this.state.products, [id]: product.value } });
    }
  }

  isBusy(key: string): boolean {
    return this.state.busy.includes(key);
  }

  /** Runs one intent under `key`: busy meanwhile, its error kept under that key. */
  async #run<T>(key: string, work: () => Promise<ApiResult<T>>): Promise<T | undefined> {
    if (this.isBusy(key)) return undefined;
    this.#set({
      busy: [...this.state.busy, key],
      error: this.state.error?.key === key ? null : this.state.error,
    });
    const result = await work();
    this.#set({ busy: this.state.busy.filter((k) => k !== key) });
    if (result.ok) return result.value;
    this.#fail(key, result.error);
    return undefined;
  }

  #fail(key: string, error: ApiError): void {
    if (error.code === 'unauthorized') {
      this.#client.token = null;
      this.#set({ phase: 'login', loginError: 'unauthorized' });
    }
    const inUse = error.status === 409 && key.startsWith('remove:');
    this.#set({
      error: {
        key,
        code: inUse ? 'method_in_use' : error.code,
        retryable: error.retryable || inUse,
      },
    });
  }

  clearError(): void {
    if (this.state.error) this.#set({ error: null });
  }

  #replace(updated: AccountSubscription): void {
    this.#set({
      subscriptions: this.state.subscriptions.map((s) => (s.id === updated.id ? updated : s)),
    });
  }

  async #update(
    subscriptionId: string,
    change: SubscriptionUpdate,
    key: string,
    kind: 'auto-renew' | 'renewal-method',
  ): Promise<boolean> {
    const updated = await this.#run(key, () =>
      this.#calls.updateSubscription(subscriptionId, change),
    );
    if (!updated) return false;
    this.#replace(updated);
    this.#change({ kind, subscription: updated });
    return true;
  }

  setAutoRenew(subscriptionId: string, autoRenew: boolean): Promise<boolean> {
    return this.#update(
      subscriptionId,
      { autoRenew },
      `auto-renew:${subscriptionId}`,
      'auto-renew',
    );
  }

  setRenewalMethod(subscriptionId: string, paymentMethodId: string): Promise<boolean> {
    return this.#update(
      subscriptionId,
      { paymentMethodId },
      `method:${subscriptionId}`,
      'renewal-method',
    );
  }

  /** The active auto-renewals charged to a saved method (removing it needs another). */
  renewalsUsing(methodId: string): AccountSubscription[] {
    return this.state.subscriptions.filter(
      (s) => s.status === 'active' && s.autoRenew && s.paymentMethodId === methodId,
    );
  }

  async removeMethod(methodId: string, replacementId?: string): Promise<boolean> {
    const key = `remove:${methodId}`;
    const done = await this.#run(key, () =>
      this.#calls.removePaymentMethod(methodId, replacementId),
    );
    if (done === undefined) return false;
    this.#set({ methods: this.state.methods.filter((m) => m.id !== methodId) });
    this.#change({ kind: 'payment-method-removed', paymentMethodId: methodId });
    // The renewals that moved to the replacement: read them again.
    if (replacementId) await this.load();
    return true;
  }

  async addMethod(type: 'card' | 'paypal'): Promise<void> {
    const redirect = await this.#run(`add:${type}`, () =>
      this.#calls.addPaymentMethod({
        type,
        returnUrl: this.#options.returnUrl(),
        locale: this.#options.locale(),
      }),
    );
    if (!redirect) return;
    this.#change({ kind: 'payment-method-add-started', type });
    this.#options.navigate(redirect.action.url);
  }

  /** Checks the amount (the checkout's minimum rule), then goes to the provider's page. */
  async topUp(amountCents: number): Promise<void> {
    const rule = accountTopUpError(amountCents, this.state.outlook);
    if (rule) {
      this.#set({ error: { key: 'top-up', code: rule, retryable: false } });
      return;
    }
    const redirect = await this.#run('top-up', () =>
      this.#calls.topUp({
        amountCents,
        returnUrl: this.#options.returnUrl(),
        locale: this.#options.locale(),
      }),
    );
    if (!redirect) return;
    this.#change({ kind: 'top-up-started', amountCents });
    this.#options.navigate(redirect.action.url);
  }

  /** A short-lived link to the invoice's readable copy, or undefined (error under `invoice:<id>`). */
  async invoiceCopyUrl(invoice: AccountInvoice): Promise<string | undefined> {
    const link = await this.#run(`invoice:${invoice.id}`, () =>
      this.#calls.invoiceCopyLink(invoice.id),
    );
    return link?.url;
  }

  /** The invoice's XML, or undefined (the error is kept under `invoice:<id>`). */
  invoiceXml(invoice: AccountInvoice): Promise<string | undefined> {
    return this.#run(`invoice:${invoice.id}`, () => this.#calls.invoiceXml(invoice.xmlUrl));
  }
}

/** A top-up order's outcome (credit only, no add-on), or null for any other order. */
function topUpReturn(order: Order, creditCents: number): TopUpReturn | null {
  if (order.addons.length > 0 || !order.topUpCents) return null;
  const status =
    order.status === 'paid' || order.status === 'active'
      ? 'paid'
      : order.status === 'refused' || order.status === 'cancelled'
        ? order.status
        : 'pending';
  return { status, amountCents: order.topUpCents, creditCents };
}
