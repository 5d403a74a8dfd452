// The payment-provider seam: the one interface the order and renewal engines call to take a
// card or PayPal payment, so that no provider's rules leak into them (pretix's payment
// providers, Medusa's payment module). One implementation per provider, chosen by
// CASSA_PAYMENT_PROVIDER: `none` (offline payments only) ships with the server; the sandbox lives
// with the demo (demo/server/sandbox/provider.ts); a seller's real adapter (Nexi XPay, Stripe,
// Adyen…) is passed to `startServer` the same way (README "Payment providers"). A provider's own
// HTTP routes (a hosted page, a notification endpoint) are mounted by whoever composes the server
// (`mounts` of `startServer`), as the demo mounts the sandbox's pages.
//
// What stays with the engines, whatever the provider: prices, the order's state machine, the
// saved method's row, invoices, emails and webhooks, all in the engines' transaction.
import type { Locale } from 'cassa/contract';
import type { Queryable } from '../db/database.ts';

/** The methods a provider takes online; bank transfer, postal slip and credit are the seller's. */
export type OnlineMethod = 'card' | 'paypal';

/** A first payment the buyer makes on the provider's page (a new card or PayPal account). */
export interface PaymentStart {
  orderId: string;
  orderNumber: string;
  method: OnlineMethod;
  /** What is charged now: the total, or the credit top-up of a PEC add-on order. */
  amountCents: number;
  currency: string;
  locale: Locale;
  /** This server's public origin. */
  origin: string;
  /**
   * Where the provider sends the buyer back on this server (GET or POST): the engine then asks
   * `completeReturn` what happened, and sends the buyer on to the shop's return URL.
   */
  returnUrl: string;
  /**
   * A method saved before, when the bank asked for strong authentication as the buyer paid with it
   * at the checkout (`chargeSaved` answered `authentication_required`): the provider's page
   * authenticates and charges that credential instead of asking for a new one.
   */
  saved?: SavedMethod;
}

/** Where the buyer goes to pay. */
export interface PaymentRedirect {
  url: string;
}

/** What the buyer's return says, as the provider's request carried it (query and form fields). */
export interface PaymentReturn {
  orderId: string;
  method: OnlineMethod;
  amountCents: number;
  currency: string;
  query: Readonly<Record<string, string>>;
  form: Readonly<Record<string, string>>;
}

/**
 * A method the provider keeps for later charges. A first payment is customer-initiated (with
 * strong authentication when the bank asks for it, on the provider's page) and stores the
 * credential for merchant-initiated renewals (Nexi's CONTRACT_CREATION, then MIT_SCHEDULED).
 */
export interface SavedMethodDetails {
  type: OnlineMethod;
  /** What the buyer recognises it by: "Mastercard •••• 5100", "PayPal anna@example.com". */
  label: string;
  /** A card's expiry (the last day of its month), when the provider says it. */
  cardExpiresOn?: string;
}

/** The end of a first payment. A refusal is a result, not an error. */
export type PaymentResult =
  | { outcome: 'approved'; saved: SavedMethodDetails }
  | { outcome: 'refused' }
  | { outcome: 'cancelled' };

/** A saved method as the engines store it (payment_methods). */
export interface SavedMethod {
  id: string;
  customerId: string;
  type: OnlineMethod;
  label: string;
  /** Stored, by a customer-initiated payment, for merchant-initiated renewals. */
  merchantInitiated: boolean;
}

/** A charge of a saved method. */
export interface SavedCharge {
  /**
   * `merchant`: an automatic renewal, without the buyer (a merchant-initiated transaction);
   * `customer`: the buyer pays at the checkout with a method saved before.
   */
  initiator: 'merchant' | 'customer';
  orderId: string;
  orderNumber: string;
  amountCents: number;
  currency: string;
  /** 1 for the first try (of this renewal), then 2, 3… after refusals. */
  attempt: number;
  saved: SavedMethod;
}

/**
 * The outcome of a charge of a saved method: `paid`; `refused` (retried as the renewal rules
 * say); `authentication_required` (the bank wants the buyer: the renewal waits for a payment
 * the buyer makes with strong authentication, `startAuthentication`).
 */
export type ChargeResult =
  { outcome: 'paid' } | { outcome: 'refused' } | { outcome: 'authentication_required' };

/** A renewal's payment the buyer makes with strong authentication (the bank asked for it). */
export interface AuthenticationStart {
  /** The renewal payment (its id is the email link's capability). */
  paymentId: string;
  orderId: string;
  orderNumber: string;
  amountCents: number;
  currency: string;
  locale: Locale;
  origin: string;
  saved: SavedMethod;
}

/** The buyer's return from authenticating a renewal payment, as the provider's request carried it. */
export interface AuthenticationReturn {
  paymentId: string;
  orderId: string;
  amountCents: number;
  currency: string;
  query: Readonly<Record<string, string>>;
  form: Readonly<Record<string, string>>;
}

/** What the buyer's authentication of a renewal payment gave (a refusal is a result). */
export type AuthenticationResult = { outcome: 'paid' } | { outcome: 'refused' };

export interface PaymentProvider {
  /** The name CASSA_PAYMENT_PROVIDER selects it by. */
  readonly id: string;
  /**
   * A test provider (the sandbox) takes public test cards as payments: the server refuses to
   * start with it when NODE_ENV=production unless CASSA_ALLOW_TEST_PROVIDER=yes.
   */
  readonly test: boolean;
  /** The online methods it takes; an order for another online method is refused. */
  readonly methods: readonly OnlineMethod[];
  /** Starts a first payment: where the buyer goes (the provider's hosted page). */
  startPayment(start: PaymentStart): Promise<PaymentRedirect>;
  /** Completes the buyer's return: what the provider says happened (verified with it). */
  completeReturn(back: PaymentReturn, db: Queryable): Promise<PaymentResult>;
  /** Charges a saved method: a renewal without the buyer, or a checkout with a saved method. */
  chargeSaved(charge: SavedCharge, db: Queryable): Promise<ChargeResult>;
  /** How a saved method is shown in emails and to the buyer ("Mastercard •••• 5100"). */
  describeSaved(saved: SavedMethod, locale: Locale): string;
  /**
   * Where the buyer goes to pay a renewal with strong authentication (the provider's page);
   * the provider's page hands its result to the engine (payments/renewal-payments.ts).
   */
  startAuthentication(start: AuthenticationStart): Promise<PaymentRedirect>;
  /** Completes the buyer's return from it: what the provider says happened (verified with it). */
  completeAuthentication(back: AuthenticationReturn, db: Queryable): Promise<AuthenticationResult>;
}

/** Providers a server can be started with, by CASSA_PAYMENT_PROVIDER name. */
export type ProviderRegistry = Readonly<Record<string, () => PaymentProvider>>;

/**
 * `none`: no online payments. Card and PayPal orders are refused (`payment.method`), renewals of
 * methods saved under another provider are refused; bank transfer, postal slip and prepaid
 * credit work as always. What a seller runs before a real adapter is written.
 */
export function offlineProvider(): PaymentProvider {
  return {
    id: 'none',
    test: false,
    methods: [],
    async startPayment() {
      throw new Error('no payment provider: card and PayPal payments are not taken');
    },
    async completeReturn() {
      return { outcome: 'cancelled' };
    },
    async chargeSaved() {
      return { outcome: 'refused' };
    },
    describeSaved: (saved) => saved.label,
    async startAuthentication() {
      throw new Error('no payment provider: card and PayPal payments are not taken');
    },
    async completeAuthentication() {
      return { outcome: 'refused' };
    },
  };
}

/** The providers that ship with the server. */
export const BUILT_IN_PROVIDERS: ProviderRegistry = { none: offlineProvider };
