// The domain's public surface: the catalog model, pricing, validators, dates, shared types.
export * from './catalog.ts';
export * from './types.ts';
export * from './errors.ts';
export * from './dates.ts';
export * from './money.ts';
export * from './selection.ts';
export * from './pricing.ts';
export * from './eligibility.ts';
export * from './validators/index.ts';
export * from './top-up.ts';
export * from './settlement.ts';
export * from './password.ts';
export * from './split-payment.ts';
