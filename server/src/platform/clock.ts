// The process's clock: Europe/Rome's calendar date without an Intl call per request.
import { addDays, type IsoDate, todayInRome } from 'cassa/contract';
import type { Queryable } from '../db/database.ts';

const HOUR_MS = 60 * 60 * 1000;

export interface Clock {
  /** Today's calendar date in Europe/Rome. */
  today(): IsoDate;
  /** The current instant (session expiry, rate-limit windows). */
  now(): Date;
}

/**
 * `todayInRome()`, formatted once per UTC hour. Europe/Rome's offset from UTC is a whole
 * number of hours (+1, or +2 in summer, switching at 01:00 UTC), so its midnight always falls
 * on a UTC hour and the date cannot change within one. Formatting through `Intl` was the
 * costliest step of a quote after JSON; the cached date is exact, not approximately fresh.
 */
export function romeToday(now: () => number = Date.now): () => IsoDate {
  let hour = Number.NaN;
  let today: IsoDate = '';
  return () => {
    const instant = now();
    const current = Math.floor(instant / HOUR_MS);
    if (current !== hour) {
      today = todayInRome(new Date(instant));
      hour = current;
    }
    return today;
  };
}

/** The real clock, or one fixed on `today` (test-only CASSA_TODAY). */
export function systemClock(today?: IsoDate): Clock {
  return { today: today === undefined ? romeToday() : () => today, now: () => new Date() };
}

const OFFSET_KEY = 'clock_offset_ms';

/**
 * Demo and tests: a clock that can be moved forward, so a person can watch a renewal happen.
 * It starts at `start` (CASSA_NOW; the real time when absent) and runs on from there; the
 * offset lives in the database (app_meta), so every instance on one database shares it
 * (`load` reads it: each scheduler run and, in demo mode, every few seconds).
 * Never used with NODE_ENV=production.
 */
export class ShiftableClock implements Clock {
  #offsetMs = 0;
  readonly #startedAt = Date.now();
  readonly #start: number;
  readonly #fixedToday: IsoDate | undefined;
  readonly #today = romeToday(() => this.now().getTime());

  constructor(options: { start?: Date; fixedToday?: IsoDate } = {}) {
    this.#start = options.start?.getTime() ?? this.#startedAt;
    this.#fixedToday = options.fixedToday;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  now(): Date {
    return new Date(this.#start + (Date.now() - this.#startedAt) + this.#offsetMs);
  }

  today(): IsoDate {
    if (this.#fixedToday === undefined) return this.#today();
    return addDays(this.#fixedToday, Math.floor(this.#offsetMs / DAY_MS));
  }

  async load(db: Queryable): Promise<void> {
    const { rows } = await db.query<{ value: string }>(
      'SELECT value FROM app_meta WHERE key = $1',
      [OFFSET_KEY],
    );
    this.#offsetMs = rows[0] ? Number(rows[0].value) : 0;
  }

  /** Moves every instance's clock forward by `ms` (atomic: two operators add up). */
  async advance(db: Queryable, ms: number): Promise<void> {
    const { rows } = await db.query<{ value: string }>(
      `INSERT INTO app_meta (key, value) VALUES ($1, $2::bigint::text)
       ON CONFLICT (key) DO UPDATE SET value = (app_meta.value::bigint + $2::bigint)::text
       RETURNING value`,
      [OFFSET_KEY, ms],
    );
    this.#offsetMs = Number(rows[0]!.value);
  }
}

export const DAY_MS = 24 * HOUR_MS;
