// The ESM entry (dist/cassa.mjs): importing it registers every element (guarded, so loading twice
// never throws) and exports the element classes, event classes and public types.
export { CassaCheckout } from './cassa-checkout.ts';
export {
  CassaErrorEvent,
  CassaOrderCompleteEvent,
  CassaReadyEvent,
  CassaStepChangeEvent,
  type CompletedOrder,
} from './events.ts';

export {
  CassaPlanPicker,
  CassaPlanSelectEvent,
} from './components/cassa-plan-picker/cassa-plan-picker.ts';
export {
  CassaAddonSelector,
  CassaAddonsChangeEvent,
  type AddonsChange,
} from './components/cassa-addon-selector/cassa-addon-selector.ts';
export {
  CassaHolderForm,
  CassaHolderInputEvent,
  CassaHolderSubmitEvent,
  draftToHolder,
  emptyHolderDraft,
  holderToDraft,
  type HolderDraft,
  type HolderSubmit,
} from './components/cassa-holder-form/cassa-holder-form.ts';
export {
  CassaPaymentChooser,
  CassaPaymentChangeEvent,
  type PaymentChange,
  type PaymentChoice,
} from './components/cassa-payment-chooser/cassa-payment-chooser.ts';
export {
  CassaOrderSummary,
  CassaConfirmEvent,
  CassaTermsChangeEvent,
  CassaYearsChangeEvent,
} from './components/cassa-order-summary/cassa-order-summary.ts';
export { CassaToggletip } from './components/cassa-toggletip/cassa-toggletip.ts';

export { CassaCheckoutSteps } from './components/checkout-steps/cassa-checkout-steps.ts';
export {
  CassaCheckoutError,
  CassaRetryEvent,
} from './components/checkout-error/cassa-checkout-error.ts';
export {
  CassaCheckoutMailbox,
  CassaMailboxSelectEvent,
} from './components/checkout-mailbox/cassa-checkout-mailbox.ts';
export {
  CassaCheckoutResult,
  CassaChooseMethodEvent,
} from './components/checkout-result/cassa-checkout-result.ts';
export {
  CassaAccountStep,
  CassaAccountSwitchEvent,
  CassaLoginEvent,
  CassaRegisterEvent,
} from './components/account-step/cassa-account-step.ts';

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
