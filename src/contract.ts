// `cassa/contract`: what the widget and a backend share, so a price, a check or a message can
// never differ between them — the HTTP contract's zod schemas, the domain rules (catalog,
// pricing, eligibility, dates, money, the Italian checks) and the dictionaries with their
// formatters. Pure TypeScript: no DOM, no Lit, no HTTP client. The reference server
// (`@cassa/server`) imports it from this entry, never by a relative path into `src/`.
export * from './api/schemas.ts';
export * from './api/account-schemas.ts';
export * from './api/after-sale-schemas.ts';
export * from './api/webhooks.ts';
export * from './domain/index.ts';
export * from './domain/contract-values.ts';
export * from './i18n/index.ts';
