// Shapes shared by the widget, the contract and the server (DESIGN.md 3.3).
import type { CustomerType, PaymentMethodType } from './catalog.ts';
import type { FieldErrorCode } from './errors.ts';

/** How the buyer pays: a method, and a saved card or PayPal account (absent: a new one). */
export interface PaymentChoice {
  type: PaymentMethodType;
  savedId?: string;
}

/** Calendar date `YYYY-MM-DD` (Europe/Rome). */
export type IsoDate = string;

export interface AddonQuantity {
  id: string;
  /** In the add-on's own unit: users, external users, GB; 0 = none. */
  quantity: number;
}

/** What the buyer picked: the body of a quote request. */
export interface Selection {
  productId: string;
  planId: string;
  years: number;
  addons: AddonQuantity[];
  subscriptionId?: string;
}

/** The subscription add-ons attach to (a PEC mailbox) and the account's credit. */
export interface SubscriptionContext {
  expiresOn: IsoDate;
  creditCents: number;
  /** Add-ons already active on it, by add-on id: an add-on's `max` counts them too. */
  activeAddons?: Readonly<Record<string, number>>;
}

export interface QuoteLine {
  id: string;
  label: string;
  quantity: number;
  /** Yearly price of one step. */
  unitCents: number;
  /** Whole period charged now. */
  amountCents: number;
}

export interface Quote {
  currency: 'EUR';
  lines: QuoteLine[];
  taxableCents: number;
  vatRateBasisPoints: number;
  vatCents: number;
  totalCents: number;
  freeUntil: IsoDate | null;
  renewal: { date: IsoDate; chargeDate: IsoDate; totalCents: number };
  minimumTopUpCents: number | null;
  /**
   * The account's prepaid credit the quote was made with (add-ons paid from credit; else absent
   * or `null`): with the top-up it gives what the card pays now and the credit left after.
   */
  creditCents: number | null;
  /**
   * Scissione dei pagamenti (split payment, DPR 633/72 art. 17-ter): the buyer is a public
   * administration that pays the seller the taxable amount and the VAT to the Treasury. Absent
   * or `false` otherwise.
   */
  splitPayment?: boolean;
  /** What the buyer pays the seller now: `taxableCents` under split payment, else `totalCents`. */
  payableCents?: number;
}

export interface Address {
  street: string;
  postalCode: string;
  city: string;
  province: string;
  country: string;
}

export type EInvoice = { sdiCode: string } | { pec: string };

export interface Holder {
  type: CustomerType;
  /** Company name, or first and last name. */
  name: string;
  /** Absent for `private`. */
  vatNumber?: string;
  taxCode: string;
  address: Address;
  email: string;
  eInvoice: EInvoice;
  /**
   * Public administrations only (a 6-character Codice Univoco Ufficio): the purchase's CIG
   * (Codice Identificativo Gara) and CUP (Codice Unico di Progetto), when it has them.
   */
  cig?: string;
  cup?: string;
}

/** A rule broken, addressed by a dotted path (`addons.0.quantity`, `holder.vatNumber`). */
export interface FieldError {
  path: string;
  code: FieldErrorCode;
}

/** Result of a single-value check. */
export type Check = { ok: true } | { ok: false; code: FieldErrorCode };
