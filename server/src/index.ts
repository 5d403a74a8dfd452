// `@cassa/server`: what a seller's own entry imports to start the reference server with a
// payment provider of theirs (README "Payment providers"), or to compose it further.
export { startServer, type RunningServer, type StartOptions } from './start.ts';
export { createApp, type AppMounts } from './http/app.ts';
export type { AppDeps, AppEnv } from './http/context.ts';
export {
  offlineProvider,
  type ChargeResult,
  type OnlineMethod,
  type PaymentProvider,
  type PaymentRedirect,
  type PaymentResult,
  type PaymentReturn,
  type PaymentStart,
  type ProviderRegistry,
  type SavedCharge,
  type SavedMethod,
  type SavedMethodDetails,
} from './payments/provider.ts';
export { providerReturnPath } from './payments/returns.ts';
export type { Seller } from './invoices/seller.ts';
export type { ServerConfig } from './platform/config.ts';
