// The scheduler: pg-boss (a PostgreSQL job queue) runs the renewal sweep every minute and on
// demand, on PostgreSQL and on PGlite alike (its SQL goes through the app's own Database, so
// PGlite's single session is shared, not competed for). pg-boss decides *when* and *where*
// (one instance, cron fired once across instances, a crashed run expired and retried); what is
// due, and the once-only guarantee, come from the rows themselves (renewals.ts).
import PgBoss from 'pg-boss';
import type { Logger } from '../platform/logger.ts';
import type { Database } from '../db/database.ts';

export const RENEWAL_QUEUE = 'cassa-renewals';
export const JOBS_SCHEMA = 'cassa_jobs';

export interface Scheduler {
  /** Asks for a renewal sweep soon (after the demo clock moved, say). */
  runSoon(): Promise<void>;
  stop(): Promise<void>;
}

/** pg-boss's `db` option over the app's Database: parameterized queries, or a script. */
function bossDb(db: Database): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if ((!values || values.length === 0) && db.script) return db.script(text);
      return db.query(text, values ?? []);
    },
  };
}

export async function startScheduler(options: {
  db: Database;
  logger: Logger;
  /** The sweep: everything due on the business clock's today. */
  sweep: () => Promise<unknown>;
  /** How often a worker asks for a job (seconds, at least 0.5). */
  pollingIntervalSeconds?: number;
}): Promise<Scheduler> {
  const { db, logger } = options;
  const boss = new PgBoss({
    db: bossDb(db),
    schema: JOBS_SCHEMA,
    // Finished jobs are kept a week, then dropped by pg-boss's own maintenance.
    deleteAfterDays: 7,
  });
  boss.on('error', (error) => logger.error(`jobs: ${error.name}: ${error.message.slice(0, 200)}`));
  await boss.start();
  await boss.createQueue(RENEWAL_QUEUE, {
    name: RENEWAL_QUEUE,
    // One sweep running and one waiting at most, whatever the number of instances.
    policy: 'stately',
    retryLimit: 3,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
  });
  // Every minute (cron is fired once across instances); renewals are daily, the minute is for
  // a demo clock that was moved.
  await boss.schedule(RENEWAL_QUEUE, '* * * * *', {}, { tz: 'Europe/Rome' });
  await boss.work(
    RENEWAL_QUEUE,
    { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
    async () => {
      await options.sweep();
    },
  );
  const runSoon = async () => {
    await boss.send(RENEWAL_QUEUE, {});
  };
  await runSoon();
  return {
    runSoon,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
