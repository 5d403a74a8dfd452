// Closed sets of codes. Translations are keyed by them (src/i18n); never sentences in the domain.

/** Every outcome of a backend call that is not a success. */
export const ERROR_CODES = [
  'network',
  'timeout',
  'invalid_response',
  'unauthorized',
  'forbidden',
  'ineligible_customer',
  'invalid_selection',
  'price_changed',
  'payment_refused',
  'payment_cancelled',
  'not_found',
  'rate_limited',
  'server',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field-level rule codes: validators return these, the widget translates them. */
export const FIELD_ERROR_CODES = [
  'required',
  'too_long',
  'text.control',
  'piva.format',
  'piva.checksum',
  'cf.format',
  'cf.checksum',
  'cf.invalid',
  'sdi.format',
  'sdi.none',
  'sdi.foreign',
  'sdi.pa_format',
  'sdi.pa_holder',
  'cap.format',
  'province.unknown',
  'email.format',
  'email.fatturapa',
  'pec.format',
  'pec.fatturapa',
  'cig.format',
  'cup.format',
  'pa.only',
  'password.short',
  'password.common',
  'terms.required',
  'topup.min',
  'topup.max',
  'topup.zero',
  'payment.method',
  'payment.saved.unknown',
  'return_url.required',
  'selection.product.unknown',
  'selection.plan.unknown',
  'selection.addon.unknown',
  'selection.addon.not_on_plan',
  'selection.addon.duplicate',
  'selection.addon.integer',
  'selection.addon.active',
  'selection.addon.min',
  'selection.addon.max',
  'selection.addon.step',
  'selection.years',
  'selection.subscription.required',
  'selection.subscription.unknown',
  'selection.subscription.expired',
  'holder.type',
  'invalid',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** Advice that does not block (e.g. an ordinary-email field holding a PEC address). */
export const FIELD_WARNING_CODES = ['email.looks_pec'] as const;
export type FieldWarningCode = (typeof FIELD_WARNING_CODES)[number];
