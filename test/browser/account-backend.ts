// The customer area's routes (issue 24) on top of the browser tests' fake backend: each demo
// account's services, invoices and awaiting orders, and the changes a buyer makes, answered as
// the contract says (another customer's subscription is a 404, a method an auto-renewal uses a
// 409 `payment-method-in-use`).
import type { AccountInvoice, AccountSubscription } from '../../src/api/account-schemas.ts';
import type { Order, SavedPaymentMethod } from '../../src/api/schemas.ts';
import { addDays, addMonths } from '../../src/domain/dates.ts';
import { FakeBackend, json, PAY_PAGE, problem, type RecordedRequest } from './fake-backend.ts';

export const INVOICE_XML =
  '<?xml version="1.0" encoding="UTF-8"?><p:FatturaElettronica versione="FPR12"/>';

export interface AccountData {
  creditCents: number;
  subscriptions: AccountSubscription[];
  methods: SavedPaymentMethod[];
  invoices: AccountInvoice[];
  awaiting: Order[];
  /** Credit top-ups (GET /v1/orders/:id for their owner). */
  topUps?: Order[];
}

/** Installs the routes; returns each username's data (tests change it). */
export function withAccountRoutes(backend: FakeBackend): Map<string, AccountData> {
  const today = backend.today;
  const cpExpiry = addMonths(today, 10);
  const data = new Map<string, AccountData>([
    [
      '1234567@aruba.it',
      {
        creditCents: 0,
        methods: [
          { id: 'pm-card', type: 'card', label: 'Visa •••• 4242' },
          { id: 'pm-paypal', type: 'paypal', label: 'PayPal rossi.costruzioni@example.com' },
        ],
        subscriptions: [
          {
            id: 'svc-1',
            productId: 'certified-platform',
            label: 'C-2026-000123',
            expiresOn: cpExpiry,
            planId: 'base',
            years: 1,
            status: 'active',
            addons: [
              {
                id: 'extra-users',
                quantity: 3,
                status: 'active',
                expiresOn: cpExpiry,
                freeUntil: null,
                deactivatedOn: null,
              },
            ],
            autoRenew: true,
            nextCharge: { date: addDays(cpExpiry, -7), totalCents: 19032, source: 'card' },
            paymentMethodId: 'pm-card',
            orderId: 'ord-cp',
          },
        ],
        invoices: [
          {
            id: 'inv-1',
            number: '2026/000001',
            issuedOn: today,
            orderId: 'ord-cp',
            orderNumber: 'C-2026-000123',
            subscriptionId: 'svc-1',
            taxableCents: 15600,
            vatCents: 3432,
            totalCents: 19032,
            currency: 'EUR',
            sentTo: { channel: 'sdi', address: 'M5UXCR1' },
            xmlUrl: '/v1/orders/ord-cp/invoice',
            copyUrl: '/v1/me/invoices/inv-1/copy',
          },
        ],
        awaiting: [
          {
            id: 'ord-bt',
            number: 'C-2026-000124',
            status: 'awaiting_payment',
            totalCents: 14640,
            currency: 'EUR',
            productId: 'certified-platform',
            planId: 'base',
            addons: [],
            years: 1,
            paymentMethod: 'bank_transfer',
            autoRenew: false,
            instructions: {
              method: 'bank_transfer',
              beneficiary: 'Cassa Demo S.r.l.',
              account: 'IT60X0542811101000000123456',
              amountCents: 14640,
              currency: 'EUR',
              reference: 'Ordine C-2026-000124',
            },
          },
        ],
      },
    ],
    [
      'mario.rossi@architettitorinopec.it',
      {
        creditCents: 500,
        methods: [],
        subscriptions: [
          {
            id: 'mb-8',
            productId: 'pec-addons',
            label: 'mario.rossi@architettitorinopec.it',
            expiresOn: addMonths(today, 8),
            planId: 'member',
            status: 'active',
            addons: [
              {
                id: 'extra-space',
                quantity: 3,
                status: 'active',
                expiresOn: addMonths(today, 8),
                freeUntil: null,
                deactivatedOn: null,
              },
              {
                id: 'conservation',
                quantity: 1,
                status: 'deactivated',
                expiresOn: addMonths(today, -4),
                freeUntil: null,
                deactivatedOn: addMonths(today, -4),
              },
            ],
            autoRenew: true,
            nextCharge: { date: addMonths(today, 8), totalCents: 1098, source: 'credit' },
            paymentMethodId: null,
            orderId: null,
          },
        ],
        invoices: [],
        awaiting: [],
      },
    ],
  ]);

  const route = (request: RecordedRequest): Response | undefined => {
    const { method, path } = request;
    const order = /^\/v1\/orders\/([^/]+)$/.exec(path);
    if (method === 'GET' && order) {
      const id = decodeURIComponent(order[1]!);
      const username = backend.usernameOf(request);
      const owner = [...data.entries()].find(([, d]) => d.topUps?.some((o) => o.id === id));
      if (!owner) return undefined;
      if (!username) return problem(401, 'unauthorized');
      return owner[0] === username
        ? json(
            200,
            owner[1].topUps!.find((o) => o.id === id),
          )
        : problem(404, 'not-found');
    }
    const owned =
      /^\/v1\/me\/(subscriptions|invoices|orders|payment-methods|credit)/.test(path) ||
      /^\/v1\/subscriptions\//.test(path) ||
      /^\/v1\/orders\/[^/]+\/invoice$/.test(path);
    if (!owned) return undefined;
    const username = backend.usernameOf(request);
    if (!username) return problem(401, 'unauthorized');
    const mine = data.get(username) ?? {
      creditCents: 0,
      methods: [],
      subscriptions: [],
      invoices: [],
      awaiting: [],
    };
    if (method === 'GET' && path === '/v1/me/subscriptions')
      return json(200, { creditCents: mine.creditCents, items: mine.subscriptions });
    if (method === 'GET' && path === '/v1/me/payment-methods')
      return json(200, { items: mine.methods });
    if (method === 'GET' && path === '/v1/me/invoices') return json(200, { items: mine.invoices });
    if (method === 'GET' && path === '/v1/me/orders') return json(200, { items: mine.awaiting });
    const copy = /^\/v1\/me\/invoices\/([^/]+)\/copy-link$/.exec(path);
    if (method === 'POST' && copy) {
      return mine.invoices.some((i) => i.id === copy[1])
        ? json(201, {
            url: '/invoices/copy-token-1234567890',
            expiresAt: '2026-01-15T09:05:00.000Z',
          })
        : problem(404, 'not-found');
    }
    const xml = /^\/v1\/orders\/([^/]+)\/invoice$/.exec(path);
    if (method === 'GET' && xml) {
      return mine.invoices.some((i) => i.orderId === xml[1])
        ? new Response(INVOICE_XML, { headers: { 'content-type': 'application/xml' } })
        : problem(404, 'not-found');
    }
    const subscription = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (method === 'PATCH' && subscription) {
      const found = mine.subscriptions.find((s) => s.id === decodeURIComponent(subscription[1]!));
      if (!found) return problem(404, 'not-found');
      const change = request.body as { autoRenew?: boolean; paymentMethodId?: string };
      if (change.paymentMethodId !== undefined) {
        const saved = mine.methods.find((m) => m.id === change.paymentMethodId);
        if (!saved) {
          return problem(422, 'invalid-request', {
            errors: [{ path: 'paymentMethodId', code: 'payment.saved.unknown', message: '' }],
          });
        }
        found.paymentMethodId = saved.id;
        if (found.nextCharge) found.nextCharge = { ...found.nextCharge, source: saved.type };
      }
      if (change.autoRenew !== undefined) found.autoRenew = change.autoRenew;
      return json(200, found);
    }
    const removed = /^\/v1\/me\/payment-methods\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && removed) {
      const id = decodeURIComponent(removed[1]!);
      if (!mine.methods.some((m) => m.id === id)) return problem(404, 'not-found');
      const replacement = new URLSearchParams(request.search ?? '').get('replacement');
      const using = mine.subscriptions.filter(
        (s) => s.status === 'active' && s.autoRenew && s.paymentMethodId === id,
      );
      if (using.length && !mine.methods.some((m) => m.id === replacement && m.id !== id))
        return problem(409, 'payment-method-in-use', {
          subscriptions: using.map((s) => s.id),
        });
      for (const s of using) s.paymentMethodId = replacement;
      mine.methods = mine.methods.filter((m) => m.id !== id);
      return new Response(null, { status: 204 });
    }
    if (method === 'POST' && path === '/v1/me/payment-methods')
      return json(201, { id: 'setup-1', action: { type: 'redirect', url: `${PAY_PAGE}setup-1` } });
    if (method === 'POST' && path === '/v1/me/credit/top-ups')
      return json(201, { id: 'topup-1', action: { type: 'redirect', url: `${PAY_PAGE}topup-1` } });
    return problem(404, 'not-found');
  };
  backend.interceptors.push(route);
  return data;
}
