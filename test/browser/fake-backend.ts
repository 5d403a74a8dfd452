// A backend in the browser for the checkout tests: a `fetch` implementing the contract's routes
// (DESIGN.md 3.3) with the real domain pricing, the demo accounts, and a log of every request.
import { parseCatalog, type Catalog, type Product } from '../../src/domain/catalog.ts';
import { addMonths, todayInRome } from '../../src/domain/dates.ts';
import { checkEligibility } from '../../src/domain/eligibility.ts';
import { priceSelection } from '../../src/domain/pricing.ts';
import type { Holder } from '../../src/domain/types.ts';
import {
  PROBLEM_BASE,
  type Customer,
  type Order,
  type OrderRequest,
  type QuoteRequest,
  type SavedPaymentMethod,
  type SubscriptionItem,
} from '../../src/api/schemas.ts';

export const BACKEND = 'https://shop.test/api';
export const PAY_PAGE = 'https://pay.test/sandbox/';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string (`?…`, or empty). */
  search?: string;
  headers: Record<string, string>;
  body: unknown;
}

interface Account {
  password: string;
  customer: Customer;
  saved: SavedPaymentMethod[];
  mailboxes: SubscriptionItem[];
  creditCents: number;
}

type StoredOrder = Order & { resume: string; returnUrl?: string };
/** Answers a request instead of the fake's own route (return undefined to fall through). */
export type Interceptor = (
  request: RecordedRequest,
) => Response | undefined | Promise<Response | undefined>;

const holder = (
  type: Holder['type'],
  name: string,
  vatNumber?: string,
  taxCode = 'RSSMRA85T10A562S',
): Holder => ({
  type,
  name,
  ...(vatNumber ? { vatNumber } : {}),
  taxCode,
  address: {
    street: 'Via Roma 1',
    postalCode: '10121',
    city: 'Torino',
    province: 'TO',
    country: 'IT',
  },
  email: 'amministrazione@rossicostruzioni.example',
  eInvoice: { sdiCode: 'M5UXCR1' },
});

export const json = (status: number, body: unknown, type = 'application/json'): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

export const problem = (
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
): Response =>
  json(
    status,
    { type: PROBLEM_BASE + code, title: code, status, ...extra },
    'application/problem+json',
  );

let catalogCache: Catalog | undefined;
async function loadCatalog(): Promise<Catalog> {
  if (!catalogCache) {
    const parsed = parseCatalog(await (await window.fetch('/demo/catalog.json')).json());
    if (!parsed.ok) throw new Error(`demo catalog: ${parsed.path} ${parsed.message}`);
    catalogCache = parsed.catalog;
  }
  return catalogCache;
}

export class FakeBackend {
  readonly today = todayInRome();
  requests: RecordedRequest[] = [];
  /** Added to every server total: a price change between quote and order. */
  surchargeCents = 0;
  interceptors: Interceptor[] = [];
  orders = new Map<string, StoredOrder>();
  accounts: Account[];
  #sessions = new Map<string, Account>();
  #replays = new Map<string, { status: number; body: unknown; request: string }>();
  #catalog: Catalog;

  static async create(): Promise<FakeBackend> {
    return new FakeBackend(await loadCatalog());
  }

  private constructor(catalog: Catalog) {
    this.#catalog = catalog;
    const mailbox = (id: string, label: string, months: number): SubscriptionItem => ({
      id,
      productId: 'pec-addons',
      label,
      expiresOn: addMonths(this.today, months),
    });
    this.accounts = [
      {
        password: 'cassa-demo',
        customer: {
          id: 'c1',
          username: '1234567@aruba.it',
          holder: holder('company', 'Rossi Costruzioni S.r.l.', '01234567897', '01234567897'),
        },
        saved: [
          { id: 'pm-card', type: 'card', label: 'Visa •••• 4242' },
          { id: 'pm-paypal', type: 'paypal', label: 'PayPal rossi.costruzioni@example.com' },
        ],
        mailboxes: [],
        creditCents: 0,
      },
      {
        password: 'cassa-demo',
        customer: {
          id: 'c2',
          username: '7654321@aruba.it',
          holder: holder('professional', 'Giulia Verdi', '12345678903'),
        },
        saved: [],
        mailboxes: [],
        creditCents: 0,
      },
      {
        password: 'cassa-demo',
        customer: {
          id: 'c3',
          username: '5555555@aruba.it',
          holder: holder('private', 'Anna Bianchi'),
        },
        saved: [],
        mailboxes: [],
        creditCents: 0,
      },
      {
        password: 'cassa-demo',
        customer: {
          id: 'c4',
          username: 'mario.rossi@architettitorinopec.it',
          holder: holder('professional', 'Mario Rossi', '12345678903'),
        },
        saved: [],
        mailboxes: [
          mailbox('mb-8', 'mario.rossi@architettitorinopec.it', 8),
          mailbox('mb-2', 'studio.rossi@architettitorinopec.it', 2),
        ],
        creditCents: 0,
      },
    ];
  }

  /** A session token for an account, as a portal would hand to the host page. */
  tokenFor(username: string): string {
    const account = this.accounts.find((a) => a.customer.username === username)!;
    const token = `token-${Math.random().toString(36).slice(2)}`;
    this.#sessions.set(token, account);
    return token;
  }

  /** Forgets every session (a server restart, an expiry): the next authenticated call is a 401. */
  expireSessions(): void {
    this.#sessions.clear();
  }

  /** Requests to `path` (and method), in order. */
  sent(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  /** The payment page's outcome; returns the URL the provider sends the buyer back to. */
  finishPayment(orderId: string, status: 'paid' | 'refused' | 'cancelled'): string {
    const order = this.orders.get(orderId)!;
    order.status = status;
    delete order.action;
    const url = new URL(order.returnUrl!);
    url.searchParams.set('cassa_order', order.id);
    url.searchParams.set('cassa_resume', order.resume);
    return url.href;
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => (headers[key] = value));
    const recorded: RecordedRequest = {
      method: request.method,
      path: url.pathname.replace(/^\/api/, ''),
      search: url.search,
      headers,
      body: text ? JSON.parse(text) : undefined,
    };
    this.requests.push(recorded);
    for (const intercept of this.interceptors) {
      const response = await intercept(recorded);
      if (response) return response;
    }
    return this.#route(recorded);
  };

  /** The username of the session a request carries (the customer area's routes use it). */
  usernameOf(request: RecordedRequest): string | undefined {
    return this.#account(request)?.customer.username;
  }

  #account(request: RecordedRequest): Account | undefined {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    return token ? this.#sessions.get(token) : undefined;
  }

  #product(id: string): Product | undefined {
    return this.#catalog.products.find((p) => p.id === id);
  }

  #price(request: QuoteRequest, account: Account | undefined) {
    const product = this.#product(request.productId);
    if (!product) return { response: problem(404, 'not-found') };
    let subscription;
    if (product.pricing === 'coterm') {
      if (!account) return { response: problem(401, 'unauthorized') };
      const mailbox = account.mailboxes.find((m) => m.id === request.subscriptionId);
      if (request.subscriptionId && !mailbox) return { response: problem(404, 'not-found') };
      if (mailbox)
        subscription = { expiresOn: mailbox.expiresOn, creditCents: account.creditCents };
    }
    const priced = priceSelection(product, request, { today: this.today, subscription });
    if (!priced.ok) {
      return {
        response: problem(422, 'invalid-selection', {
          errors: priced.errors.map((e) => ({ ...e, message: e.code })),
        }),
      };
    }
    const quote = { ...priced.quote, totalCents: priced.quote.totalCents + this.surchargeCents };
    return { product, quote };
  }

  #auth(account: Account): Response {
    const token = `token-${Math.random().toString(36).slice(2)}`;
    this.#sessions.set(token, account);
    return json(200, { token, customer: account.customer });
  }

  async #route(request: RecordedRequest): Promise<Response> {
    const { method, path } = request;
    const body = request.body as Record<string, unknown>;
    const account = this.#account(request);
    const product = /^\/v1\/products\/([^/]+)$/.exec(path);
    if (method === 'GET' && product) {
      const found = this.#product(decodeURIComponent(product[1]!));
      return found ? json(200, found) : problem(404, 'not-found');
    }
    if (method === 'POST' && path === '/v1/quotes') {
      const priced = this.#price(body as unknown as QuoteRequest, account);
      return priced.response ?? json(200, priced.quote);
    }
    if (method === 'POST' && path === '/v1/auth/login') {
      const found = this.accounts.find((a) => a.customer.username === body.username);
      return found && found.password === body.password
        ? this.#auth(found)
        : problem(401, 'unauthorized');
    }
    if (method === 'POST' && path === '/v1/auth/register') {
      if (String(body.password).length < 8) {
        return problem(422, 'invalid-request', {
          errors: [{ path: 'password', code: 'password.short', message: '' }],
        });
      }
      const created: Account = {
        password: String(body.password),
        customer: {
          id: `c${this.accounts.length + 1}`,
          username: '9999999@aruba.it',
          holder: body.holder as Holder,
        },
        saved: [],
        mailboxes: [],
        creditCents: 0,
      };
      this.accounts.push(created);
      return this.#auth(created);
    }
    if (method === 'POST' && path === '/v1/auth/logout') return new Response(null, { status: 204 });
    if (path.startsWith('/v1/me') && !account) return problem(401, 'unauthorized');
    if (method === 'GET' && path === '/v1/me') return json(200, account!.customer);
    if (method === 'GET' && path === '/v1/me/payment-methods')
      return json(200, { items: account!.saved });
    if (method === 'GET' && path === '/v1/me/subscriptions') {
      return json(200, { creditCents: account!.creditCents, items: account!.mailboxes });
    }
    if (method === 'POST' && path === '/v1/orders') return this.#order(request, account);
    const order = /^\/v1\/orders\/([^/]+)$/.exec(path);
    if (method === 'GET' && order) {
      const found = this.orders.get(decodeURIComponent(order[1]!));
      const { resume: _, returnUrl: __, ...visible } = found ?? ({} as StoredOrder);
      return found && request.headers['cassa-resume'] === found.resume
        ? json(200, visible)
        : problem(404, 'not-found');
    }
    return problem(404, 'not-found');
  }

  #order(request: RecordedRequest, account: Account | undefined): Response {
    const key = request.headers['idempotency-key'];
    if (!key) return problem(400, 'missing-idempotency-key');
    if (!account) return problem(401, 'unauthorized');
    const replayKey = `${account.customer.id}:${key}`;
    const bodyText = JSON.stringify(request.body);
    const replay = this.#replays.get(replayKey);
    if (replay)
      return replay.request === bodyText
        ? json(replay.status, replay.body)
        : problem(422, 'invalid-request');
    const answer = (status: number, body: unknown, type?: string) => {
      this.#replays.set(replayKey, { status, body, request: bodyText });
      return json(status, body, type);
    };
    const body = request.body as OrderRequest;
    const priced = this.#price(body, account);
    if (priced.response) return priced.response;
    const product = priced.product!;
    const quote = priced.quote!;
    if (!checkEligibility(product, account.customer.holder.type).ok) {
      return answer(
        403,
        { type: `${PROBLEM_BASE}ineligible-customer`, title: 'x', status: 403 },
        'application/problem+json',
      );
    }
    if (body.expectedTotalCents !== quote.totalCents) {
      return answer(
        409,
        { type: `${PROBLEM_BASE}price-changed`, title: 'x', status: 409, quote },
        'application/problem+json',
      );
    }
    const method = body.paymentMethod;
    const redirect = (method.type === 'card' || method.type === 'paypal') && !method.savedId;
    const deferred = method.type === 'bank_transfer' || method.type === 'postal_slip';
    const moneyMoves = quote.totalCents > 0 || (body.topUpCents ?? 0) > 0;
    const number = `C-2026-${String(this.orders.size + 123).padStart(6, '0')}`;
    const order: StoredOrder = {
      id: `ord-${this.orders.size + 1}-${Math.random().toString(36).slice(2, 6)}`,
      number,
      status: redirect
        ? 'pending_payment'
        : deferred
          ? 'awaiting_payment'
          : moneyMoves
            ? 'paid'
            : 'active',
      totalCents: quote.totalCents,
      currency: 'EUR',
      productId: body.productId,
      planId: body.planId,
      addons: body.addons,
      years: body.years,
      paymentMethod: method.type,
      autoRenew: method.type === 'card' || method.type === 'paypal',
      ...(body.topUpCents ? { topUpCents: body.topUpCents } : {}),
      freeUntil: quote.freeUntil,
      renewalChargeDate:
        method.type === 'card' || method.type === 'paypal' ? quote.renewal.chargeDate : null,
      resume: `resume-${Math.random().toString(36).slice(2)}`,
      returnUrl: body.returnUrl,
    };
    if (redirect) order.action = { type: 'redirect', url: `${PAY_PAGE}${order.id}` };
    if (deferred) {
      order.instructions = {
        method: method.type as 'bank_transfer' | 'postal_slip',
        beneficiary: 'Cassa Demo S.r.l.',
        account: method.type === 'bank_transfer' ? 'IT60X0542811101000000123456' : '1234567',
        amountCents: quote.totalCents,
        currency: 'EUR',
        reference: `Ordine ${number}`,
      };
    }
    this.orders.set(order.id, order);
    const { resume: _, returnUrl: __, ...visible } = order;
    return answer(201, visible);
  }
}
