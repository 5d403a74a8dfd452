// The checkout store's state, options and events (issue 5, part 2).
import type { CassaClient } from '../api/types.ts';
import type {
  ApiFieldError,
  Customer,
  Order,
  SavedPaymentMethod,
  Subscriptions,
} from '../api/schemas.ts';
import type { Product } from '../domain/catalog.ts';
import type { ErrorCode } from '../domain/errors.ts';
import type { Holder, PaymentChoice, Quote } from '../domain/types.ts';
import type { HolderDraft } from '../domain/holder-draft.ts';
import type { Locale } from '../i18n/index.ts';
import type { StorageLike } from './persistence.ts';
import type { StepId } from './steps.ts';

export interface Session {
  customer: Customer;
  /** `host`: the page handed over a token (`session-token`); `login`: logged in or registered here. */
  source: 'host' | 'login';
  savedMethods: SavedPaymentMethod[];
  subscriptions: Subscriptions | null;
}

export type { PaymentChoice };

/** The error shown to the buyer; `retryable` when `retry()` repeats the failed action. */
export interface ShownError {
  code: ErrorCode;
  retryable: boolean;
}

export interface CheckoutState {
  /** The catalog: loading, loaded, or failed (then `error` says why). */
  status: 'loading' | 'ready' | 'failed';
  product: Product | null;
  steps: StepId[];
  step: StepId;
  planId: string;
  years: number;
  /** Add-on id → quantity in its own unit. */
  quantities: Record<string, number>;
  subscriptionId: string | null;
  /** The last quote the server gave (kept, dimmed, while a newer one loads). */
  quote: Quote | null;
  quoteLoading: boolean;
  session: Session | null;
  /** Login or registration in flight. */
  authBusy: boolean;
  /** Why the last login/registration failed (shown inline in the account step). */
  authError: ErrorCode | null;
  /** The logged-in account may not buy this product (a private individual). */
  ineligible: boolean;
  /**
   * Back from a refused or cancelled payment without a session (the token is never stored): the
   * account step says why the buyer logs in again, and that everything typed was kept.
   */
  loginAgain: boolean;
  /** The username the server gave the account just registered here (shown until the summary). */
  registeredUsername: string | null;
  /** Whatever the buyer typed in the holder form, kept across steps and errors. */
  holderDraft: HolderDraft | null;
  /** The holder the buyer confirmed in the holder step (sent with the order). */
  holder: Holder | null;
  payment: PaymentChoice | null;
  /** Credit top-up by card (coterm products). */
  topUpCents: number | null;
  termsAccepted: boolean;
  ordering: boolean;
  /** The order shown on the result step (completed, or refused). */
  order: Order | null;
  /**
   * The order just confirmed is one this tab had already completed: the same order confirmed again
   * within the Idempotency-Key's 15 minutes, answered with that order (no second charge).
   */
  repeated: boolean;
  error: ShownError | null;
  /** Server field errors (dotted paths: `holder.vatNumber`, `addons.0.quantity`, `topUpCents`). */
  fieldErrors: ApiFieldError[];
  /** A 409 replaced the quote: the buyer must look at the new total and confirm again. */
  priceChanged: boolean;
}

export interface CheckoutEnvironment {
  /** Where the redirect draft and the completed order ids live (sessionStorage in a page). */
  storage: StorageLike | null;
  /**
   * Shared by every widget and tab of the origin (localStorage in a page): the Idempotency-Key of
   * the order being placed, so the same order confirmed twice anywhere is one order.
   */
  sharedStorage?: StorageLike | null;
  /** The current page URL. */
  href(): string;
  /** Leaves the page for the payment provider. */
  navigate(url: string): void;
  /** Rewrites the address bar without a reload (history.replaceState). */
  replaceUrl(url: string): void;
}

export interface CheckoutStoreOptions {
  client: CassaClient;
  productId: string;
  /** Preselected plan (`plan` attribute). */
  planId?: string | null;
  /** Preselected mailbox/service (`subscription` attribute). */
  subscriptionId?: string | null;
  /** Host-provided login (`session-token` attribute). */
  sessionToken?: string | null;
  /** The element's `id`: keeps its saved draft apart from another widget of the same product. */
  id?: string;
  env: CheckoutEnvironment;
  /** The widget's current language, sent with the order (the payment page speaks it). */
  locale?: () => Locale;
  /**
   * What else tells this checkout's draft apart (the backend's URL): reopened with the same
   * options in the same tab, or reloaded, a checkout finds the buyer's choices and typing again.
   */
  draftScope?: string;
  /** Quiet time before a changed selection is quoted. */
  quoteDelayMs?: number;
}

export interface StepChangeDetail {
  step: StepId;
  previous: StepId;
}
export interface StoreErrorDetail extends ShownError {
  /** `login` / `register` errors are shown inline in the account form. */
  context?: 'login' | 'register';
}

/** What is kept in sessionStorage across the payment page (no token, no secret). */
export interface SavedCheckout {
  orderId: string;
  planId: string;
  years: number;
  quantities: Record<string, number>;
  subscriptionId: string | null;
  holderDraft: HolderDraft | null;
  holder: Holder | null;
  payment: PaymentChoice | null;
  topUpCents: number | null;
  /** The total the general conditions were accepted for (null: not accepted). */
  acceptedCents: number | null;
}

/** What a closed overlay or a reloaded page keeps for the same checkout (no token, no password). */
export type KeptDraft = Pick<
  CheckoutState,
  'planId' | 'years' | 'quantities' | 'subscriptionId' | 'holderDraft'
> &
  // Where the buyer was, and the holder they confirmed (never a token: after a reload the buyer
  // logs in again, then lands on that step).
  Partial<Pick<CheckoutState, 'step' | 'holder'>>;
