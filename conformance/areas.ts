// The areas of the contract the kit checks, in the order they run. An area is exercised when
// each of its checks ran; the verdict "conforms" needs every applicable area exercised. To add an
// area: describe it here, write its checks (conformance/checks/) with `area: '<id>'`, and list
// them in run.ts.
export interface Area {
  id: string;
  title: string;
  /** What its checks establish (the README's "Your own backend" repeats it). */
  checks: string;
}

export const AREAS: readonly Area[] = [
  {
    id: 'catalog',
    title: 'Catalog and contract document',
    checks:
      'each --product in the contract’s shape; 404 problems for an unknown product and route; GET /v1/openapi.json',
  },
  {
    id: 'quotes',
    title: 'Quotes of a term-priced product',
    checks:
      'every term and every add-on (at its step, and at twice it) quoted and recomputed from the catalog the backend serves: lines = price × quantity ÷ step × years, VAT at the catalog’s rate rounded half-up once on the taxable sum, total, renewal; 422s at years, addons.0.quantity, planId; 400 for a body that is not JSON; 413 for an oversized body',
  },
  {
    id: 'accounts',
    title: 'Accounts and sessions',
    checks:
      'login with the given account, or with the one the kit registers (401 for a wrong password, 429 with Retry-After after 10 failures), portal sessions (with --portal-secret), registration (422 at holder.vatNumber), GET /v1/me…, 401 without or with a forged token, logout (the token stops working)',
  },
  {
    id: 'orders',
    title: 'Orders',
    checks:
      'POST /v1/orders: 401, 400 without Idempotency-Key, 422 without terms, 409 price-changed with the fresh quote, an order by each offline method of the catalog (bank transfer, postal slip) with its contents, status awaiting_payment and instructions, replay (same answer), a refused request replayed (same error), a key reused with another body (422), five concurrent requests (one order), keys scoped per customer, a private individual refused (403); GET /v1/orders/{id} for the owner, another customer (404), an unknown id (404), no session (401)',
  },
  {
    id: 'payment-pages',
    title: 'Card and PayPal orders',
    checks:
      'an order by card and by PayPal: pending_payment with a redirect action (an absolute http(s) URL); the payment page driven to the end where the kit can (the reference sandbox), the order then paid; the resume token from the return URL reads its order and no other, a forged one reads nothing; where the backend’s OpenAPI declares POST /v1/auth/resume, a page cancelled by the buyer leaves the order cancelled and its token opens the buyer’s session once (a forged token, a paid order’s token, a second use: 401); a saved card the bank wants authenticated (test card 4000 0025 0000 3155): pending_payment with a redirect to the challenge, confirmed paid with its invoice, not confirmed refused without one, no returnUrl 402; saved methods never show a full card number, another customer’s savedId is refused',
  },
  {
    id: 'invoices',
    title: 'Invoices',
    checks:
      'GET /v1/orders/{id}/invoice: the owner gets the paid order’s XML invoice; 404 for an unpaid order and for another customer; 401 without a session; GET /v1/me/invoices lists it at the order’s total, its xmlUrl serves the XML to the owner only (404 to another customer, whose list does not show it)',
  },
  {
    id: 'mailboxes',
    title: 'Add-ons on a subscription (co-termed, e.g. PEC mailboxes)',
    checks:
      'with a member account: the subscription listed; quotes co-termed with its expiry and recomputed (months left, free period, renewal, minimum top-up); 401 without a session; another customer’s subscriptionId refused; orders by card (with a top-up, payment page driven) and from credit, with their contents and statuses',
  },
  {
    id: 'customer-area',
    title: 'Customer area (after the sale)',
    checks:
      'GET /v1/me/subscriptions in the customer area’s schema: each service the run paid by card or PayPal listed active, renewing 7 days before expiry with its saved method, not in another customer’s list; PATCH /v1/subscriptions/{id} turns auto-renew off and on and moves the renewal to another saved method (and back), another customer’s or an unknown id 404, a bad body 422 (400 not JSON), a method not the buyer’s refused; DELETE /v1/me/payment-methods/{id} of a method in use 409 payment-method-in-use, another customer’s 404, the method kept; GET /v1/me/orders?status=awaiting_payment lists the run’s offline orders with instructions, to their owner only; GET /v1/me/invoices in the area’s schema; POST /v1/me/credit/top-ups (with a co-termed product and a member): 0 refused at amountCents, a redirect to an absolute URL, the page driven, the credit grown by the amount; add-ons bought for a service the run paid (subscriptionId svc_…) quoted co-termed with its expiry as the catalog computes them, another customer 404, no session 401; a buy more placed and paid leaves the service’s own order (GET /v1/orders/{id}) with the add-ons and total it was bought with, the service listing the grown quantity; where the OpenAPI document declares them, POST /v1/me/payment-methods (a card and a PayPal account: a redirect to an absolute URL; 422 at type; 401; back from the page, POST /v1/auth/resume { setupId } opens the buyer’s session once, a replayed, forged or another setup’s token 401, both ids 422) and POST /v1/me/invoices/{id}/copy-link (a short-lived link that opens the readable copy without the token; another customer and an unknown id 404; 401); 401 from every endpoint without a session',
  },
  {
    id: 'cors',
    title: 'CORS for the page that embeds the widget',
    checks:
      'a preflight for every call the widget makes allows its method and headers (Authorization listed by name: `*` does not cover it); every answer of the run, errors, 401s and POSTs included, carries Access-Control-Allow-Origin; Retry-After exposed',
  },
];

export const AREA_IDS = AREAS.map((a) => a.id);

/** `cassa-conformance webhooks`: the seller's receiver, not the backend. */
export const WEBHOOK_AREA: Area = {
  id: 'webhooks',
  title: 'Webhook receiver (cassa-conformance webhooks)',
  checks:
    'a signed sample event of every type the contract defines answered 2xx within the time limit; a redelivered event (same webhook-id) answered 2xx; a wrong signature, a missing one, a timestamp 10 minutes old and a body altered after signing refused',
};
