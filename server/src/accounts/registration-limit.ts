// Registration limits: new accounts per client address in a window, kept in the database so every
// instance shares them (rate-limiter-flexible's PostgreSQL store, in the accounts' limits table of
// 0005_security, `login_limits`, under its own key prefix). Each registration costs a scrypt hash
// (128 MiB, a fraction of a second of a core) and sends an email to the address it was given:
// without a limit, one client could spend the server's hashing and mail anyone again and again.
// A registration is counted once its fields are valid (a buyer correcting a field spends nothing),
// before the password is hashed. Windows are fixed and run on the real clock.
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Queryable } from '../db/database.ts';
import { storeClient } from './login-limit.ts';

export interface RegistrationLimit {
  /** New accounts per client address in the window. */
  perAddress: number;
  /** Window length in seconds. */
  windowSeconds: number;
}

/** What production runs with unless CASSA_REGISTRATION_LIMIT_PER_ADDRESS says otherwise. */
export const DEFAULT_REGISTRATION_LIMIT: RegistrationLimit = {
  perAddress: 10,
  windowSeconds: 60 * 60,
};

export function registrationLimiter(db: Queryable, limit: RegistrationLimit) {
  const limiter = new RateLimiterPostgres({
    storeClient: storeClient(db),
    storeType: 'client',
    tableName: 'login_limits',
    tableCreated: true, // by migration 0005_security
    keyPrefix: 'registration',
    points: limit.perAddress,
    duration: limit.windowSeconds,
    clearExpiredByTimeout: true,
  });
  return {
    limit,
    /** Counts one registration: 0 when it may go on, else the seconds until another may. */
    async take(address: string): Promise<number> {
      try {
        await limiter.consume(address);
        return 0;
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      }
    },
  };
}
