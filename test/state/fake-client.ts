// A CassaClient in memory for the store's tests: the demo catalog, the real priceSelection,
// a few accounts, and a log of every call. Any answer can be replaced per test.
import { readFileSync } from 'node:fs';
import type { ApiError, ApiResult, CallOptions, CassaClient } from '../../src/api/types.ts';
import type {
  AuthResponse,
  Customer,
  Order,
  OrderRequest,
  QuoteRequest,
} from '../../src/api/schemas.ts';
import { parseCatalog, type Product } from '../../src/domain/catalog.ts';
import { addMonths } from '../../src/domain/dates.ts';
import { priceSelection } from '../../src/domain/pricing.ts';
import type { Holder, Quote } from '../../src/domain/types.ts';
import type { StorageLike } from '../../src/state/persistence.ts';
import type { CheckoutEnvironment } from '../../src/state/checkout-store.ts';

export const TODAY = '2026-11-23';

const parsed = parseCatalog(JSON.parse(readFileSync('demo/catalog.json', 'utf8')));
if (!parsed.ok) throw new Error(parsed.message);
export const catalog = parsed.catalog;

const holder = (type: Holder['type'], name: string): Holder => ({
  type,
  name,
  ...(type === 'private' ? {} : { vatNumber: '01234567897' }),
  taxCode: type === 'company' ? '01234567897' : 'RSSMRA80A01L219M',
  address: {
    street: 'Via Roma 1',
    postalCode: '10121',
    city: 'Torino',
    province: 'TO',
    country: 'IT',
  },
  email: 'amministrazione@example.com',
  eInvoice: { sdiCode: 'ABC1234' },
});

export const customers: Record<string, Customer> = {
  company: {
    id: 'c1',
    username: '1234567@aruba.it',
    holder: holder('company', 'Rossi Costruzioni S.r.l.'),
  },
  private: { id: 'c2', username: '5555555@aruba.it', holder: holder('private', 'Anna Bianchi') },
  member: {
    id: 'c3',
    username: 'mario.rossi@architettitorinopec.it',
    holder: holder('professional', 'Mario Rossi'),
  },
};

export const mailboxes = [
  {
    id: 'mb-8',
    productId: 'pec-addons',
    label: 'mario.rossi@architettitorinopec.it',
    expiresOn: addMonths(TODAY, 8),
  },
  {
    id: 'mb-2',
    productId: 'pec-addons',
    label: 'studio.rossi@architettitorinopec.it',
    expiresOn: addMonths(TODAY, 2),
  },
];

const fail = (code: ApiError['code'], more: Partial<ApiError> = {}): ApiResult<never> => ({
  ok: false,
  error: {
    code,
    fieldErrors: [],
    retryable: ['network', 'timeout', 'server'].includes(code),
    ...more,
  },
});

export interface Call {
  name: string;
  args: unknown[];
  token: string | null;
}

type Answer<T> = (...args: never[]) => ApiResult<T> | Promise<ApiResult<T>>;

/** Resolves after the given milliseconds, or rejects with an AbortError when the signal aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('aborted', 'AbortError'));
    });
  });
}

export class FakeClient implements CassaClient {
  readonly backend = 'https://shop.example/api';
  token: string | null = null;
  calls: Call[] = [];
  /** token → customer key of `customers`. */
  sessions = new Map<string, string>([
    ['host-token', 'company'],
    ['member-token', 'member'],
  ]);
  /** Extra cents the server adds to every quote (a price change). */
  surchargeCents = 0;
  orders = new Map<string, Order>();
  /** Per-call overrides; return undefined to fall through to the default answer. */
  override: { [K in keyof CassaClient]?: (...args: never[]) => unknown } = {};

  #record(name: string, args: unknown[]) {
    this.calls.push({ name, args, token: this.token });
  }
  callsOf(name: string): Call[] {
    return this.calls.filter((c) => c.name === name);
  }
  #customer(): Customer | null {
    const key = this.token ? this.sessions.get(this.token) : undefined;
    return key ? customers[key]! : null;
  }
  async #answer<T>(
    name: keyof CassaClient,
    args: unknown[],
    fallback: () => ApiResult<T>,
  ): Promise<ApiResult<T>> {
    this.#record(name, args);
    const override = this.override[name] as Answer<T> | undefined;
    const result = override ? await (override as (...a: unknown[]) => unknown)(...args) : undefined;
    await Promise.resolve();
    return (result as ApiResult<T> | undefined) ?? fallback();
  }

  product(id: string): Product | undefined {
    return catalog.products.find((p) => p.id === id);
  }

  priceFor(request: QuoteRequest): ApiResult<Quote> {
    const product = this.product(request.productId);
    if (!product) return fail('not_found');
    const mailbox = mailboxes.find((m) => m.id === request.subscriptionId);
    const priced = priceSelection(product, request, {
      today: TODAY,
      ...(mailbox ? { subscription: { expiresOn: mailbox.expiresOn, creditCents: 0 } } : {}),
    });
    if (!priced.ok) {
      return fail('invalid_selection', {
        fieldErrors: priced.errors.map((e) => ({ ...e, message: '' })),
      });
    }
    const quote = priced.quote;
    return { ok: true, value: { ...quote, totalCents: quote.totalCents + this.surchargeCents } };
  }

  getProduct(id: string, _o?: CallOptions) {
    return this.#answer('getProduct', [id], () => {
      const product = this.product(id);
      return product ? { ok: true as const, value: product } : fail('not_found');
    });
  }
  quote(request: QuoteRequest, o?: CallOptions) {
    return this.#answer('quote', [request, o], () => {
      if (request.productId === 'pec-addons' && !this.#customer()) return fail('unauthorized');
      return this.priceFor(request);
    });
  }
  #auth(customerKey: string | undefined): ApiResult<AuthResponse> {
    if (!customerKey) return fail('unauthorized');
    const token = `token-${customerKey}-${this.sessions.size}`;
    this.sessions.set(token, customerKey);
    this.token = token;
    return { ok: true, value: { token, customer: customers[customerKey]! } };
  }
  login(request: { username: string; password: string }, _o?: CallOptions) {
    return this.#answer('login', [request], () => {
      const key = Object.keys(customers).find((k) => customers[k]!.username === request.username);
      return this.#auth(request.password === 'cassa-demo' ? key : undefined);
    });
  }
  register(request: { password: string; holder: Holder }, _o?: CallOptions) {
    return this.#answer('register', [request], () => {
      customers.registered = { id: 'c9', username: '9999999@aruba.it', holder: request.holder };
      return this.#auth('registered');
    });
  }
  logout(_o?: CallOptions) {
    return this.#answer('logout', [], () => {
      this.token = null;
      return { ok: true as const, value: null };
    });
  }
  me(_o?: CallOptions) {
    return this.#answer('me', [], () => {
      const customer = this.#customer();
      return customer ? { ok: true as const, value: customer } : fail('unauthorized');
    });
  }
  paymentMethods(_o?: CallOptions) {
    return this.#answer('paymentMethods', [], () => {
      const customer = this.#customer();
      if (!customer) return fail('unauthorized');
      const items =
        customer.id === 'c1'
          ? [{ id: 'pm-card', type: 'card' as const, label: 'Visa •••• 4242' }]
          : [];
      return { ok: true as const, value: { items } };
    });
  }
  subscriptions(_o?: CallOptions) {
    return this.#answer('subscriptions', [], () => {
      const customer = this.#customer();
      if (!customer) return fail('unauthorized');
      return {
        ok: true as const,
        value: { creditCents: 0, items: customer.id === 'c3' ? mailboxes : [] },
      };
    });
  }
  createOrder(request: OrderRequest, key: string, _o?: CallOptions) {
    return this.#answer('createOrder', [request, key], () => {
      const customer = this.#customer();
      if (!customer) return fail('unauthorized');
      if (customer.holder.type === 'private') return fail('ineligible_customer');
      const priced = this.priceFor(request);
      if (!priced.ok) return priced;
      if (priced.value.totalCents !== request.expectedTotalCents) {
        return fail('price_changed', { quote: priced.value });
      }
      const existing = [...this.orders.values()].find(
        (o) => (o as Order & { key?: string }).key === key,
      );
      if (existing) return { ok: true as const, value: existing };
      const id = `ord-${this.orders.size + 1}`;
      const redirect =
        ['card', 'paypal'].includes(request.paymentMethod.type) && !request.paymentMethod.savedId;
      const order: Order & { key?: string } = {
        id,
        number: `C-2026-00000${this.orders.size + 1}`,
        status: redirect
          ? 'pending_payment'
          : request.paymentMethod.type === 'bank_transfer' ||
              request.paymentMethod.type === 'postal_slip'
            ? 'awaiting_payment'
            : priced.value.totalCents === 0
              ? 'active'
              : 'paid',
        totalCents: priced.value.totalCents,
        currency: 'EUR',
        productId: request.productId,
        planId: request.planId,
        addons: request.addons,
        years: request.years,
        paymentMethod: request.paymentMethod.type,
        autoRenew: ['card', 'paypal'].includes(request.paymentMethod.type),
        ...(redirect
          ? { action: { type: 'redirect' as const, url: `https://pay.example/sandbox/${id}` } }
          : {}),
        key,
      };
      this.orders.set(id, order);
      return { ok: true as const, value: order };
    });
  }
  getOrder(id: string, o?: CallOptions & { resumeToken?: string }) {
    return this.#answer('getOrder', [id, o?.resumeToken], () => {
      const order = this.orders.get(id);
      return order && o?.resumeToken === `resume-${id}`
        ? { ok: true as const, value: order }
        : fail('not_found');
    });
  }
  /** The customer area's calls: not used by the checkout's store. */
  request<T>(method: string, path: string): Promise<ApiResult<T>> {
    return this.#answer('request', [method, path], () => fail('not_found'));
  }
}

/** sessionStorage in memory (one per "tab"; share it between stores to model one page). */
export class MemoryStorage implements StorageLike {
  items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** A page: its URL, its sessionStorage, and where it was sent. */
export class FakePage implements CheckoutEnvironment {
  url = 'https://partner.example/buy?ref=news';
  storage = new MemoryStorage();
  navigations: string[] = [];
  href() {
    return this.url;
  }
  navigate(url: string) {
    this.navigations.push(url);
  }
  replaceUrl(url: string) {
    this.url = url;
  }
}

/**
 * Waits (polling the event loop) until `condition` holds, or fails after `ms`: a hang guard,
 * generous so that a loaded machine never reaches it while the condition is on its way.
 */
export async function until(condition: () => unknown, ms = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${condition.toString()}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
