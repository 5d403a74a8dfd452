// Placing an order inside the caller's transaction: every rule of DESIGN.md 3.3, then one
// outcome per payment method. Nothing is written until every check has passed.
import { randomUUID } from 'node:crypto';
import {
  type Catalog,
  checkEligibility,
  type FieldError,
  type Instructions,
  isPublicAdministration,
  type Locale,
  MAX_TOP_UP_CENTS,
  normalizeHolder,
  type Order,
  type OrderRequest,
  payableNowCents,
  type PaymentMethodType,
  topUpError,
  validateHolder,
  withSplitPayment,
} from 'cassa/contract';
import type { CustomerRecord } from '../accounts/accounts.ts';
import type { Queryable } from '../db/database.ts';
import { insertOrder, nextOrderNumber, publicOrder, type OrderRecord } from './orders.ts';
import type { Seller } from '../invoices/seller.ts';
import { markOrderPaid, queueOrderWebhook } from './fulfilment.ts';
import {
  applyCredit,
  attachAddons,
  invoiceForConfirmation,
  queueConfirmation,
} from '../payments/payments.ts';
import { instructionsEmail, queueEmail } from '../notifications/outbox.ts';
import { invalidRequest, prefixed, Problem } from '../http/problems.ts';
import { priceRequest } from '../catalog/quoting.ts';
import { growService } from '../subscriptions/service-additions.ts';
import { findSavedPaymentMethod } from '../subscriptions/subscriptions.ts';
import type { OnlineMethod, PaymentProvider, SavedMethod } from '../payments/provider.ts';
import { providerReturnPath } from '../payments/returns.ts';

export interface CheckoutContext {
  catalog: Catalog;
  today: string;
  now: Date;
  locale: Locale;
  /** The server's own origin: payment pages are served from it. */
  origin: string;
  /** Origins a payment page may return to (the server's own, and the CORS allowlist). */
  returnOrigins: readonly string[];
  /** The seller: on the invoice of a paid order, and the payee of a bank transfer or postal slip. */
  seller: Seller;
  /** The payment provider of card and PayPal payments. */
  payments: PaymentProvider;
  /** The customer area's absolute address, for the confirmation email. */
  accountUrl?: string;
  /** A credit top-up from the customer area (POST /v1/me/credit/top-ups): no add-on bought. */
  topUpOnly?: boolean;
}

async function lockCustomer(tx: Queryable, id: string): Promise<CustomerRecord> {
  const { rows } = await tx.query<{
    id: string;
    username: string;
    holder: CustomerRecord['holder'];
    credit_cents: number;
  }>(
    // NO KEY UPDATE, not UPDATE: the idempotency row inserted just before holds a KEY SHARE lock
    // on this customer (its foreign key), which UPDATE would wait on — two orders of one
    // customer then deadlock each other. Orders of one customer still queue here.
    'SELECT id, username, holder, credit_cents FROM customers WHERE id = $1 FOR NO KEY UPDATE',
    [id],
  );
  const row = rows[0];
  if (!row) throw new Problem(401, 'unauthorized', 'A valid bearer token is required.');
  return { id: row.id, username: row.username, holder: row.holder, creditCents: row.credit_cents };
}

export function returnUrlError(
  returnUrl: string,
  allowed: readonly string[],
): FieldError | undefined {
  let url: URL;
  try {
    url = new URL(returnUrl);
  } catch {
    return { path: 'returnUrl', code: 'invalid' };
  }
  const ok =
    (url.protocol === 'https:' || url.protocol === 'http:') && allowed.includes(url.origin);
  return ok ? undefined : { path: 'returnUrl', code: 'invalid' };
}

/** Creates the order; throws a Problem for any rule broken (nothing written then). */
export async function placeOrder(
  tx: Queryable,
  customerId: string,
  request: OrderRequest,
  context: CheckoutContext,
): Promise<{ status: 201; order: Order }> {
  const { today, now } = context;
  // The widget's language when it says it, else the browser's (Accept-Language).
  const locale = request.locale ?? context.locale;
  const customer = await lockCustomer(tx, customerId);
  const priced = await priceRequest(tx, context.catalog, request, {
    customer,
    today,
    locale,
  });
  const { product, subscription, service } = priced;

  // Normalised at the boundary with the widget's own code: invoiced as stored.
  const holder = normalizeHolder(request.holder ?? customer.holder);
  // A public administration pays the taxable amount; the VAT goes to the Treasury.
  const quote = isPublicAdministration(holder) ? withSplitPayment(priced.quote) : priced.quote;
  for (const type of new Set([customer.holder.type, holder.type])) {
    if (!checkEligibility(product, type).ok) {
      throw new Problem(
        403,
        'ineligible-customer',
        'This product is sold to companies and professionals with a VAT number only.',
      );
    }
  }

  const errors: FieldError[] = [];
  if (request.acceptTerms !== true) errors.push({ path: 'acceptTerms', code: 'terms.required' });
  // The registered holder too: data accepted before today's rules must not make an invoice SDI
  // refuses (the holder step shows these errors on its fields).
  errors.push(...prefixed('holder', validateHolder(holder).errors));

  const coterm = product.pricing === 'coterm';
  const free = !coterm && quote.totalCents === 0;
  const topUpCents = coterm ? (request.topUpCents ?? 0) : 0;
  if (!coterm && request.topUpCents) errors.push({ path: 'topUpCents', code: 'invalid' });
  if (topUpCents > MAX_TOP_UP_CENTS) errors.push({ path: 'topUpCents', code: 'topup.max' });
  // Add-ons are what a PEC order buys: none is no order (the widget says so before sending).
  if ((coterm || service) && !context.topUpOnly && !request.addons.some((a) => a.quantity > 0))
    errors.push({ path: 'addons', code: 'required' });

  const method: PaymentMethodType = free ? 'none' : request.paymentMethod.type;
  const online = method === 'card' || method === 'paypal';
  if (
    !free &&
    (method === 'none' ||
      !product.paymentMethods.includes(method) ||
      // Card and PayPal go through the provider: one that does not take them, no such order.
      (online && !context.payments.methods.includes(method)) ||
      // Bank transfer and postal slip pay into the seller's accounts: none configured, none taken.
      (method === 'bank_transfer' && !context.seller.iban) ||
      (method === 'postal_slip' && !context.seller.postalAccount))
  ) {
    errors.push({ path: 'paymentMethod.type', code: 'payment.method' });
  }
  const savedId = request.paymentMethod.savedId;
  let savedMethod: SavedMethod | undefined;
  if (!free && savedId !== undefined) {
    const saved = await findSavedPaymentMethod(tx, savedId, customer.id);
    if (!saved || saved.type !== method) {
      errors.push({ path: 'paymentMethod.savedId', code: 'payment.saved.unknown' });
    } else savedMethod = { ...saved, customerId: customer.id, type: saved.type as OnlineMethod };
  }
  const savedLabel = savedMethod && context.payments.describeSaved(savedMethod, locale);
  // A new card or PayPal account is entered on the provider's page, then the buyer comes back.
  let redirect = !free && online && savedId === undefined && (!coterm || topUpCents > 0);
  if (redirect) {
    if (!request.returnUrl) errors.push({ path: 'returnUrl', code: 'return_url.required' });
    else {
      const bad = returnUrlError(request.returnUrl, context.returnOrigins);
      if (bad) errors.push(bad);
    }
  }
  if (errors.length) throw invalidRequest(errors);

  if (request.expectedTotalCents !== quote.totalCents) {
    throw new Problem(409, 'price-changed', 'The total has changed: check the new quote.', {
      quote,
    });
  }

  if (coterm) {
    // The widget's payment chooser applies the same rule (src/domain/top-up.ts).
    const code = topUpError({
      method,
      topUpCents,
      minimumCents: quote.minimumTopUpCents ?? 0,
      creditCents: customer.creditCents,
      totalCents: quote.totalCents,
    });
    if (code) throw invalidRequest([{ path: 'topUpCents', code }]);
  }

  const id = randomUUID();
  const number = await nextOrderNumber(tx, today.slice(0, 4));
  // A method saved before pays now, through the provider, before anything is written: refused,
  // the whole order is (402 payment-refused; the transaction writes nothing). When the bank asks
  // for the buyer's strong authentication, the order waits for it on the provider's page (as a new
  // card's payment does) and the buyer comes back to the return URL.
  // Split payment: a public administration pays the taxable amount (the VAT to the Treasury).
  const chargedNow = coterm ? topUpCents : payableNowCents(quote);
  if (savedMethod && chargedNow > 0) {
    const charge = await context.payments.chargeSaved(
      {
        initiator: 'customer',
        orderId: id,
        orderNumber: number,
        amountCents: chargedNow,
        currency: quote.currency,
        attempt: 1,
        saved: savedMethod,
      },
      tx,
    );
    const canAuthenticate =
      charge.outcome === 'authentication_required' &&
      !!request.returnUrl &&
      !returnUrlError(request.returnUrl, context.returnOrigins);
    if (canAuthenticate) redirect = true;
    else if (charge.outcome !== 'paid') {
      throw new Problem(402, 'payment-refused', 'The payment was refused: choose another method.');
    }
  }
  let instructions: Instructions | null = null;
  if (method === 'bank_transfer' || method === 'postal_slip') {
    const { seller } = context;
    instructions = {
      method,
      beneficiary: seller.beneficiary ?? seller.name,
      account: (method === 'bank_transfer' ? seller.iban : seller.postalAccount) as string,
      // Split payment: a public administration pays the taxable amount (the VAT to the Treasury).
      amountCents: payableNowCents(quote),
      currency: quote.currency,
      reference: `Ordine ${number}`,
    };
  }
  // Buy more: the added add-ons renew with the service, as the service does.
  const autoRenew = service ? service.autoRenew : coterm || online;
  const status: OrderRecord['status'] = redirect
    ? 'pending_payment'
    : free
      ? 'active'
      : instructions
        ? 'awaiting_payment'
        : coterm && topUpCents === 0 && quote.totalCents === 0
          ? 'active'
          : 'paid';
  const order: OrderRecord = {
    id,
    number,
    customerId: customer.id,
    status,
    productId: product.id,
    planId: request.planId,
    years: service ? service.years : request.years,
    addons: request.addons.filter((a) => a.quantity > 0),
    subscriptionId: subscription?.id ?? null,
    extendsOrderId: service?.orderId ?? null,
    paymentMethod: method,
    savedPaymentMethodId: savedMethod ? savedMethod.id : null,
    totalCents: quote.totalCents,
    currency: quote.currency,
    topUpCents: coterm ? topUpCents : null,
    autoRenew,
    freeUntil: quote.freeUntil,
    renewalChargeDate: autoRenew ? quote.renewal.chargeDate : null,
    holder,
    quote,
    instructions,
    returnUrl: redirect ? (request.returnUrl ?? null) : null,
    paymentUrl: redirect
      ? (
          await context.payments.startPayment({
            orderId: id,
            orderNumber: number,
            method: method as OnlineMethod,
            amountCents: chargedNow,
            currency: quote.currency,
            locale,
            origin: context.origin,
            returnUrl: `${context.origin}${providerReturnPath(id)}`,
            ...(savedMethod ? { saved: savedMethod } : {}),
          })
        ).url
      : null,
    locale,
  };
  await insertOrder(tx, order, now);
  if (status === 'paid') await markOrderPaid(tx, order, product, { now, today });
  // Buy more with less than 3 months left: nothing due, the service grows now.
  if (status === 'active' && service) await growService(tx, order, product, { now, today });

  if (status !== 'pending_payment') {
    let creditAfterCents: number | undefined;
    if (coterm && subscription) {
      const credit = await applyCredit(tx, customer.id, topUpCents - quote.totalCents);
      if (credit === null) throw invalidRequest([{ path: 'topUpCents', code: 'topup.min' }]);
      creditAfterCents = credit;
      await attachAddons(tx, order, subscription.expiresOn, now);
    }
    if (instructions) {
      await queueEmail(tx, instructionsEmail(holder.email, number, instructions, locale), {
        now,
        orderId: id,
      });
    }
    // A paid order gets its invoice now, in this transaction (issued or not, with the order).
    const invoice = await invoiceForConfirmation(tx, order, {
      catalog: context.catalog,
      seller: context.seller,
      today,
      now,
      origin: context.origin,
    });
    await queueConfirmation(tx, order, product, now, {
      ...(savedLabel ? { savedLabel } : {}),
      ...(creditAfterCents !== undefined ? { creditAfterCents } : {}),
      ...(invoice ? { invoice } : {}),
      ...(context.accountUrl ? { accountUrl: context.accountUrl } : {}),
    });
    // The merchant's server learns of the order from this signed webhook, committed with it.
    await queueOrderWebhook(tx, 'order.completed', id, now);
  }
  return { status: 201, order: publicOrder(order) };
}
