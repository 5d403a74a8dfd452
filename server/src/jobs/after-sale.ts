// What runs in the background of every instance: the webhook delivery loop, the renewal
// scheduler (pg-boss) and, in demo mode, the shared clock's refresh.
import { type Catalog } from 'cassa/contract';
import type { Clock, ShiftableClock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { Database } from '../db/database.ts';
import type { Seller } from '../invoices/seller.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import { startScheduler, type Scheduler } from './scheduler.ts';
import { runDueRenewals } from '../subscriptions/renewals.ts';
import { deliverDueWebhooks, type WebhookConfig } from '../webhooks/webhooks.ts';

export interface AfterSaleOptions {
  db: Database;
  catalog: Catalog;
  clock: Clock;
  shiftableClock?: ShiftableClock;
  logger: Logger;
  /** Charges renewals (the payment-provider seam). */
  payments: PaymentProvider;
  /** The seller on renewal invoices. */
  seller: Seller;
  /** The public base URL (CASSA_PUBLIC_URL): the links in renewal emails. */
  publicUrl?: string;
  /** The customer area's address (the card-expiry email points to it). */
  accountUrl?: string;
  /** Absent: events are kept (pending) and not sent. */
  webhooks?: WebhookConfig;
  /** How often the delivery loop looks for due events. */
  webhookPollMs: number;
  /** pg-boss's polling interval for the renewal sweep. */
  schedulerPollSeconds?: number;
  /** False: no scheduler in this process (renewals run only when asked). */
  scheduler: boolean;
}

/** What an unexpected error may say in a log: its kind, never its message (it may hold data). */
function kind(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} ${code}` : error.name;
}

export async function startAfterSale(options: AfterSaleOptions) {
  const { db, logger } = options;
  let stopped = false;
  /** The pending sleeps of the loops: stop() wakes them so each loop ends at once. */
  const sleeping = new Map<NodeJS.Timeout, () => void>();
  const loops: Promise<void>[] = [];

  const every = (ms: number, work: () => Promise<unknown>, what: string) => {
    loops.push(
      (async () => {
        while (!stopped) {
          try {
            await work();
          } catch (error) {
            logger.error(`${what} failed: ${kind(error)}`);
          }
          if (stopped) return;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              sleeping.delete(timer);
              resolve();
            }, ms);
            sleeping.set(timer, resolve);
          });
        }
      })(),
    );
  };

  if (options.webhooks) {
    const config = options.webhooks;
    every(options.webhookPollMs, () => deliverDueWebhooks(db, config, logger), 'webhook delivery');
  }
  const clock = options.shiftableClock;
  if (clock) every(2000, () => clock.load(db), 'clock refresh');

  let scheduler: Scheduler | undefined;
  if (options.scheduler) {
    // Without the scheduler, webhooks are still delivered and renewals run when asked
    // (POST /v1/operator/renewals/run).
    scheduler = await startScheduler({
      db,
      logger,
      ...(options.schedulerPollSeconds !== undefined
        ? { pollingIntervalSeconds: options.schedulerPollSeconds }
        : {}),
      sweep: async () => {
        await clock?.load(db);
        await runDueRenewals(options);
      },
    }).catch((error: unknown) => {
      logger.error(`the renewal scheduler did not start: ${kind(error)}`);
      return undefined;
    });
  }

  return {
    async stop() {
      stopped = true;
      for (const [timer, wake] of sleeping) {
        clearTimeout(timer);
        wake();
      }
      sleeping.clear();
      await scheduler?.stop();
      await Promise.all(loops);
    },
  };
}
