// The ESM entry `cassa/components` (dist/components.mjs): every element of the checkout as a class
// of its own, registered at once, for apps that compose their own checkout or test a part alone.
// `import 'cassa'` does not need it: <cassa-checkout> loads each step's elements when needed.
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

export { CassaOverlay, CassaOverlayCloseEvent } from './overlay/cassa-overlay.ts';
