// GET /v1/openapi.json: generated from the contract's zod schemas (never written by hand).
import * as z from 'zod/mini';
import {
  AuthResponseSchema,
  CustomerSchema,
  LoginRequestSchema,
  OrderRequestSchema,
  OrderSchema,
  PaymentMethodsSchema,
  PortalSessionRequestSchema,
  ResumeSessionRequestSchema,
  PortalSessionResponseSchema,
  ProblemSchema,
  ProductSchema,
  QuoteRequestSchema,
  QuoteSchema,
  RegisterRequestSchema,
  InvoicesSchema,
  OrderViewSchema,
  AccountInvoicesSchema,
  AccountOrdersSchema,
  AccountSubscriptionSchema,
  AccountSubscriptionsSchema,
  ProviderRedirectSchema,
  SubscriptionUpdateSchema,
  TopUpRequestSchema,
  PaymentMethodSetupSchema,
  InvoiceCopyLinkSchema,
  WEBHOOK_EVENT_TYPES,
  WebhookEventSchemas,
  type WebhookEventType,
} from 'cassa/contract';

const SCHEMAS = {
  Product: [ProductSchema, 'output'],
  QuoteRequest: [QuoteRequestSchema, 'input'],
  Quote: [QuoteSchema, 'output'],
  LoginRequest: [LoginRequestSchema, 'input'],
  RegisterRequest: [RegisterRequestSchema, 'input'],
  AuthResponse: [AuthResponseSchema, 'output'],
  Customer: [CustomerSchema, 'output'],
  PaymentMethods: [PaymentMethodsSchema, 'output'],
  Invoices: [InvoicesSchema, 'output'],
  AccountSubscriptions: [AccountSubscriptionsSchema, 'output'],
  AccountSubscription: [AccountSubscriptionSchema, 'output'],
  SubscriptionUpdate: [SubscriptionUpdateSchema, 'input'],
  TopUpRequest: [TopUpRequestSchema, 'input'],
  PaymentMethodSetup: [PaymentMethodSetupSchema, 'input'],
  InvoiceCopyLink: [InvoiceCopyLinkSchema, 'output'],
  ProviderRedirect: [ProviderRedirectSchema, 'output'],
  AccountInvoices: [AccountInvoicesSchema, 'output'],
  AccountOrders: [AccountOrdersSchema, 'output'],
  OrderRequest: [OrderRequestSchema, 'input'],
  Order: [OrderSchema, 'output'],
  OrderView: [OrderViewSchema, 'output'],
  PortalSessionRequest: [PortalSessionRequestSchema, 'input'],
  ResumeSessionRequest: [ResumeSessionRequestSchema, 'input'],
  PortalSessionResponse: [PortalSessionResponseSchema, 'output'],
  Problem: [ProblemSchema, 'output'],
} as const;

type SchemaName = keyof typeof SCHEMAS;

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName) => ({ 'application/json': { schema: ref(name) } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const bearer = [{ bearer: [] }];

interface Operation {
  summary: string;
  body?: SchemaName;
  ok: [number, SchemaName | null, string];
  errors: Record<number, string>;
  auth?: 'required' | 'optional' | 'portal';
  headers?: Record<string, { required: boolean; description: string }>;
  path?: string;
  query?: Record<string, { required: boolean; description: string }>;
  /** The success response's content when it is not a JSON schema (an XML file). */
  okContent?: Record<string, { schema: Record<string, unknown> }>;
}

function operation(op: Operation) {
  const [status, schema, description] = op.ok;
  const parameters = [
    ...(op.path ? [{ name: op.path, in: 'path', required: true, schema: { type: 'string' } }] : []),
    ...Object.entries(op.query ?? {}).map(([name, q]) => ({
      name,
      in: 'query',
      required: q.required,
      description: q.description,
      schema: { type: 'string' },
    })),
    ...Object.entries(op.headers ?? {}).map(([name, h]) => ({
      name,
      in: 'header',
      required: h.required,
      description: h.description,
      schema: { type: 'string' },
    })),
  ];
  return {
    summary: op.summary,
    ...(parameters.length ? { parameters } : {}),
    ...(op.auth === 'required' || op.auth === 'portal' ? { security: bearer } : {}),
    ...(op.auth === 'optional' ? { security: [{}, ...bearer] } : {}),
    ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
    responses: {
      [status]: {
        description,
        ...(schema ? { content: json(schema) } : op.okContent ? { content: op.okContent } : {}),
      },
      ...Object.fromEntries(Object.entries(op.errors).map(([code, text]) => [code, problem(text)])),
      // Any route can fail on the server's side: the database gone (503, try again) or a bug (500).
      500: problem('server-error: an unexpected failure (no details are given)'),
      503: {
        ...problem(
          'service-unavailable: the database is unreachable; nothing was done, send again',
        ),
        headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'string' } } },
      },
    },
  };
}

const COMMON = { 400: 'Body is not JSON', 413: 'Body over 64 KB', 422: 'Invalid request' };

/** When each signed webhook is sent (README "Fulfil from the webhook"). */
const WEBHOOK_WHEN: Record<WebhookEventType, string> = {
  'order.completed':
    'An order was placed (paid, awaiting_payment or active), or a payment page paid it',
  'order.payment_received': 'The bank transfer or postal slip of an awaiting order arrived',
  'subscription.renewed': 'A renewal was paid (card/PayPal, or PEC add-ons from credit)',
  'subscription.renewal_failed': 'The renewal ended unpaid at the expiry: the service has ended',
  'subscription.renewal_action_required':
    'The bank answered a renewal charge "authentication required": the buyer was emailed `action.url`, which pays it until `action.expiresOn`',
  'addon.deactivated': 'At the mailbox expiry the credit did not cover a year of its add-ons',
  'subscription.updated': 'The buyer changed auto-renew or the renewal method in the customer area',
};

/** The signed webhooks a backend sends to the seller's server (OpenAPI 3.1 `webhooks`). */
function webhooks() {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => {
      const { $schema: _ignored, ...schema } = z.toJSONSchema(WebhookEventSchemas[type], {
        io: 'output',
        unrepresentable: 'any',
      });
      return [
        type,
        {
          post: {
            summary: WEBHOOK_WHEN[type],
            description:
              'Signed with Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`); delivered at least once, in order per subject.',
            requestBody: { required: true, content: { 'application/json': { schema } } },
            responses: { '200': { description: 'Received (any 2xx)' } },
          },
        },
      ];
    }),
  );
}

export function openApiDocument() {
  const schemas = Object.fromEntries(
    Object.entries(SCHEMAS).map(([name, [schema, io]]) => {
      const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, {
        io,
        unrepresentable: 'any',
      });
      return [name, jsonSchema];
    }),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cassa backend contract',
      version: '1',
      description:
        'The HTTP contract between the Cassa checkout widget and a backend (DESIGN.md 3.3). Errors are RFC 9457 problem details whose `type` ends with the problem code.',
    },
    servers: [{ url: '/api' }],
    webhooks: webhooks(),
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    paths: {
      '/v1/products/{productId}': {
        get: operation({
          summary: 'Catalog entry of a product',
          path: 'productId',
          ok: [200, 'Product', 'The product'],
          errors: { 404: 'Unknown product' },
        }),
      },
      '/v1/quotes': {
        post: operation({
          summary:
            'Authoritative price of a selection. With `subscriptionId`: PEC add-ons on one of the caller’s mailboxes, or (Certified Platform, `svc_<order id>`) users or storage added to an active service, co-termed with its expiry and priced for the months left',
          body: 'QuoteRequest',
          auth: 'optional',
          ok: [200, 'Quote', 'The quote'],
          errors: {
            ...COMMON,
            401: 'Token required (add-ons, buy more)',
            404: 'Unknown product or subscription',
          },
        }),
      },
      '/v1/auth/login': {
        post: operation({
          summary: 'Log in',
          body: 'LoginRequest',
          ok: [200, 'AuthResponse', 'Session opened'],
          errors: { ...COMMON, 401: 'Wrong username or password', 429: 'Too many failed logins' },
        }),
      },
      '/v1/auth/register': {
        post: operation({
          summary: 'Register a new customer (the server assigns and emails the username)',
          body: 'RegisterRequest',
          ok: [201, 'AuthResponse', 'Account created, session opened'],
          errors: COMMON,
        }),
      },
      '/v1/auth/logout': {
        post: operation({
          summary: 'Close the session',
          auth: 'required',
          ok: [204, null, 'Session closed'],
          errors: { 401: 'No token' },
        }),
      },
      '/v1/me': {
        get: operation({
          summary: 'The caller and their holder data',
          auth: 'required',
          ok: [200, 'Customer', 'The customer'],
          errors: { 401: 'Token required' },
        }),
      },
      '/v1/me/payment-methods': {
        get: operation({
          summary: 'Saved cards and PayPal accounts',
          auth: 'required',
          ok: [200, 'PaymentMethods', 'Saved payment methods'],
          errors: { 401: 'Token required' },
        }),
        post: operation({
          summary:
            'Customer area: add a card or PayPal account on the provider’s page (nothing charged); back at `returnUrl` with `cassa_method=saved|refused|cancelled`',
          body: 'PaymentMethodSetup',
          auth: 'required',
          ok: [201, 'ProviderRedirect', 'Continue on the provider’s page'],
          errors: { ...COMMON, 401: 'Token required' },
        }),
      },
      '/v1/me/subscriptions': {
        get: operation({
          summary:
            'Services the caller owns (Certified Platform services `svc_<order id>`, PEC mailboxes) with their state, and the prepaid credit: one shape (the checkout reads id, productId, label and expiresOn of it).',
          auth: 'required',
          ok: [200, 'AccountSubscriptions', 'Subscriptions'],
          errors: { 401: 'Token required' },
        }),
      },
      '/v1/auth/resume': {
        post: operation({
          summary:
            'Back from a cancelled or refused payment page or a credit top-up (`orderId`), or from adding a payment method (`setupId`, the customer area): the resume token opens a session, once',
          body: 'ResumeSessionRequest',
          headers: {
            'Cassa-Resume': { required: true, description: 'Resume token from the return URL' },
          },
          ok: [200, 'AuthResponse', 'Session opened'],
          errors: {
            ...COMMON,
            401: 'Unknown, used or expired resume token, or a paid checkout order',
          },
        }),
      },
      '/v1/subscriptions/{subscriptionId}': {
        patch: operation({
          summary:
            'Customer area: turn automatic renewal on or off, choose the saved method a renewal is charged to (a `subscription.updated` webhook follows)',
          path: 'subscriptionId',
          body: 'SubscriptionUpdate',
          auth: 'required',
          ok: [200, 'AccountSubscription', 'The subscription after the change'],
          errors: {
            ...COMMON,
            401: 'Token required',
            404: 'Unknown subscription, or not yours',
          },
        }),
      },
      '/v1/me/payment-methods/{paymentMethodId}': {
        delete: operation({
          summary:
            'Customer area: remove a saved method; refused while an active auto-renewal is charged to it, unless `replacement` (another saved method) takes those renewals',
          path: 'paymentMethodId',
          query: {
            replacement: {
              required: false,
              description: 'A saved method that takes the renewals charged to this one',
            },
          },
          auth: 'required',
          ok: [204, null, 'Removed'],
          errors: {
            401: 'Token required',
            404: 'Unknown method, or not yours',
            409: 'payment-method-in-use: an active auto-renewal is charged to it',
          },
        }),
      },
      '/v1/me/credit/top-ups': {
        post: operation({
          summary:
            'Customer area: load the prepaid credit by card on the provider’s page (the answer carries the redirect, as an order does)',
          body: 'TopUpRequest',
          auth: 'required',
          ok: [201, 'ProviderRedirect', 'Continue on the provider’s page'],
          errors: { ...COMMON, 401: 'Token required' },
        }),
      },
      '/v1/me/orders': {
        get: operation({
          summary: 'Customer area: orders awaiting a bank transfer or postal slip',
          auth: 'required',
          query: {
            status: { required: true, description: '`awaiting_payment` (the only value)' },
          },
          ok: [200, 'AccountOrders', 'Orders with their payment instructions'],
          errors: { 401: 'Token required', 422: 'Another status' },
        }),
      },
      '/v1/orders': {
        post: operation({
          summary: 'Create an order (idempotent per customer and key)',
          body: 'OrderRequest',
          auth: 'required',
          headers: {
            'Idempotency-Key': {
              required: true,
              description: 'Same key and body: the first response again',
            },
          },
          ok: [201, 'Order', 'The order'],
          errors: {
            ...COMMON,
            400: 'Body is not JSON, or no Idempotency-Key',
            401: 'Token required',
            403: 'Ineligible customer',
            404: 'Unknown product or subscription',
            409: 'Price changed (the body carries the fresh quote) or request in progress',
          },
        }),
      },
      '/v1/orders/{orderId}': {
        get: operation({
          summary: "An order's status (the owner, or the Cassa-Resume token after a payment page)",
          path: 'orderId',
          auth: 'optional',
          headers: {
            'Cassa-Resume': { required: false, description: 'Resume token from the return URL' },
          },
          ok: [
            200,
            'OrderView',
            'The order as it is now: with its expiry, next charge, add-ons’ status and (owner only) invoices',
          ],
          errors: { 401: 'Token or resume token required', 404: 'Unknown order' },
        }),
      },
      '/v1/orders/{orderId}/invoice': {
        get: operation({
          summary:
            "The electronic invoice of the order's sale: a FatturaPA 1.2 file (FPR12, or FPA12 to a public administration), named IT<PartitaIVA>_<progressive>.xml; its renewals' invoices are in the order's `invoices` and GET /v1/me/invoices",
          path: 'orderId',
          auth: 'required',
          ok: [200, null, 'The invoice XML, as an attachment'],
          okContent: { 'application/xml': { schema: { type: 'string' } } },
          errors: {
            401: 'Token required',
            404: 'Unknown order, not yours, or no invoice (not paid yet, or nothing to pay)',
          },
        }),
      },
      '/v1/me/invoices': {
        get: operation({
          summary:
            "Every invoice of the caller's, newest first: sales, card or PayPal renewals, PEC add-on renewals from credit (number, date, order or subscription, period, amounts, where it was sent, links)",
          auth: 'required',
          ok: [200, 'Invoices', 'Invoices'],
          errors: { 401: 'Token required' },
        }),
      },
      '/v1/me/invoices/{invoiceId}/xml': {
        get: operation({
          summary: 'One of the caller’s invoices: the FatturaPA XML',
          path: 'invoiceId',
          auth: 'required',
          ok: [200, null, 'The invoice XML, as an attachment'],
          okContent: { 'application/xml': { schema: { type: 'string' } } },
          errors: { 401: 'Token required', 404: 'Unknown invoice, or not yours' },
        }),
      },
      '/v1/me/invoices/{invoiceId}/copy': {
        get: operation({
          summary: 'One of the caller’s invoices: the readable copy (copia di cortesia, HTML)',
          path: 'invoiceId',
          auth: 'required',
          ok: [200, null, 'The copy, as an HTML page'],
          okContent: { 'text/html': { schema: { type: 'string' } } },
          errors: { 401: 'Token required', 404: 'Unknown invoice, or not yours' },
        }),
      },
      '/v1/me/invoices/{invoiceId}/copy-link': {
        post: operation({
          summary:
            'Customer area: a link to the readable copy that opens without the token, valid 5 minutes (`url` relative to the backend)',
          path: 'invoiceId',
          auth: 'required',
          ok: [201, 'InvoiceCopyLink', 'The short-lived link'],
          errors: { 401: 'Token required', 404: 'Unknown invoice, or not yours' },
        }),
      },
      '/v1/portal/sessions': {
        post: operation({
          summary: 'Mint a member session for a portal user (bearer = the portal secret)',
          body: 'PortalSessionRequest',
          auth: 'portal',
          ok: [201, 'PortalSessionResponse', 'Session token'],
          errors: { ...COMMON, 401: 'Wrong portal secret', 404: 'Unknown username' },
        }),
      },
      '/v1/openapi.json': {
        get: {
          summary: 'This document',
          responses: { 200: { description: 'OpenAPI 3.1 document' } },
        },
      },
    },
  };
}
