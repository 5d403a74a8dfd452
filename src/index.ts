// The ESM entry (dist/cassa.mjs, `import 'cassa'`): importing it registers <cassa-checkout>
// (guarded, so loading twice never throws; nothing is defined where `customElements` does not
// exist, so a server-side render may import it). The steps' elements, the English dictionary,
// floating-ui and the overlay are dynamic imports: a bundler makes them chunks of their own,
// loaded when needed and prefetched when the browser is idle. The step elements' classes are
// exported by `cassa/components` (which loads them all at once).
export { CassaCheckout } from './cassa-checkout.ts';
export {
  CassaErrorEvent,
  CassaOrderCompleteEvent,
  CassaReadyEvent,
  CassaStepChangeEvent,
  type CompletedOrder,
} from './events.ts';

export { draftToHolder } from './domain/draft-to-holder.ts';
export { emptyHolderDraft, holderToDraft, type HolderDraft } from './domain/holder-draft.ts';
export { preload } from './overlay/open.ts';
export { createClient, type ClientOptions } from './api/client.ts';
export type { ApiError, ApiResult, CassaClient } from './api/types.ts';
export type {
  Customer,
  Instructions,
  Order,
  OrderRequest,
  OrderStatus,
  QuoteRequest,
  SavedPaymentMethod,
  SubscriptionItem,
  Subscriptions,
} from './api/schemas.ts';
export type { Addon, CustomerType, PaymentMethodType, Plan, Product } from './domain/catalog.ts';
export type { ErrorCode, FieldErrorCode } from './domain/errors.ts';
export type { AddonQuantity, Holder, Quote, QuoteLine, Selection } from './domain/types.ts';
export type { StepId } from './state/steps.ts';
export type { Locale } from './i18n/index.ts';
