// Login limits, kept in the database so every instance shares them (rate-limiter-flexible's
// PostgreSQL store, through the server's own database adapter, PGlite or node-postgres):
// - per username: 10 tries in 15 minutes, then even the right password waits (a lockout);
// - per client address: 30 tries in 15 minutes, whatever the usernames (password spraying);
// - global: 1000 tries in 15 minutes from everywhere (spraying from many addresses).
// A try is counted *before* the password is checked, in one atomic upsert (INSERT … ON CONFLICT
// DO UPDATE … RETURNING): of 30 wrong passwords sent at once for one user, exactly 10 reach
// scrypt. A successful login gives its try back, so what stays counted are failures.
// Windows are fixed (they start at the first counted try) and run on the real clock.
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Queryable } from '../db/database.ts';

export interface LoginLimits {
  /** Window length in seconds (default 900). */
  windowSeconds: number;
  perUsername: number;
  perAddress: number;
  global: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowSeconds: 15 * 60,
  perUsername: 10,
  perAddress: 30,
  global: 1000,
};

export type LimitScope = 'username' | 'address' | 'global';

/** An attempt that may go on (its tries are counted), or the limit that stopped it. */
export type LoginTry =
  | { allowed: true; lockedNow: boolean; succeeded(): Promise<void> }
  | { allowed: false; scope: LimitScope; retryAfterSeconds: number };

/** A username as the limiter's key and the security log name it: never the username itself. */
export function usernameDigest(username: string): string {
  return createHash('sha256').update(`cassa-login:${username}`, 'utf8').digest('hex').slice(0, 24);
}

/**
 * The library sends node-postgres query objects (`{ text, values, name }`) and reads `rows`,
 * `rowCount`; our adapter takes (sql, params). PGlite returns bigint columns as BigInt, which
 * the library subtracts from Date.now(): they become numbers here.
 */
export function storeClient(db: Queryable) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const result = await db.query<Record<string, unknown>>(q.text, q.values ?? []);
      const rows = result.rows.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [
            k,
            typeof v === 'bigint' || (k === 'expire' && typeof v === 'string') ? Number(v) : v,
          ]),
        ),
      );
      return { rows, rowCount: result.rowCount };
    },
  };
}

export function loginLimiter(db: Queryable, limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
  const make = (keyPrefix: string, points: number) =>
    new RateLimiterPostgres({
      storeClient: storeClient(db),
      storeType: 'client',
      tableName: 'login_limits',
      tableCreated: true, // by migration 0005_security
      keyPrefix,
      points,
      duration: limits.windowSeconds,
      // Old windows are removed by the library every 5 minutes (a timer that does not hold
      // the process open).
      clearExpiredByTimeout: true,
    });
  const limiters: [LimitScope, RateLimiterPostgres][] = [
    ['address', make('address', limits.perAddress)],
    ['username', make('username', limits.perUsername)],
    ['global', make('global', limits.global)],
  ];
  const keys = (username: string, address: string): Record<LimitScope, string> => ({
    address,
    username: usernameDigest(username),
    global: 'all',
  });

  return {
    limits,
    /**
     * Counts one try on each limit in turn (address, username, global), stopping at the first
     * that is exceeded, so a blocked address does not spend a username's or everyone's budget.
     */
    async attempt(username: string, address: string): Promise<LoginTry> {
      const key = keys(username, address);
      const taken: [RateLimiterPostgres, string][] = [];
      let lockedNow = false;
      for (const [scope, limiter] of limiters) {
        try {
          const res = await limiter.consume(key[scope]);
          if (scope === 'username' && res.remainingPoints === 0) lockedNow = true;
          taken.push([limiter, key[scope]]);
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          return {
            allowed: false,
            scope,
            retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
          };
        }
      }
      return {
        allowed: true,
        lockedNow,
        async succeeded() {
          for (const [limiter, k] of taken) await limiter.reward(k, 1);
        },
      };
    },
  };
}

export type LoginLimiter = ReturnType<typeof loginLimiter>;
