// What the widget loads on demand (issue 13): the first files hold the checkout, its store, the API
// client and the Italian dictionary; each step's elements, the English dictionary, floating-ui and
// the overlay are further files (dynamic-import chunks), fetched when needed and prefetched when
// the browser is idle after `cassa-ready` (the overlay by `Cassa.preload()` only), so that no
// step waits on the network when the buyer reaches it. Loading is global, like the element registry: one request per part, whichever
// element asks; a failed part is forgotten, so asking again retries it.
import {
  hasModule,
  loadMessages,
  MESSAGE_MODULES,
  type Locale,
  type MessageModule,
} from '../i18n/index.ts';
// The plans are where most checkouts start: their element is in the first file, not a part.
import '../components/cassa-plan-picker/cassa-plan-picker.ts';
import { STEP_IDS, type StepId } from '../state/steps.ts';

export type Part = StepId | 'en' | 'floating' | 'overlay';

const loaders: Record<Part, () => Promise<unknown>> = {
  plan: () => Promise.resolve(),
  addons: () => import('../checkout/steps/addons.ts'),
  account: () => import('../checkout/steps/account.ts'),
  mailbox: () => import('../checkout/steps/mailbox.ts'),
  holder: () => import('../checkout/steps/holder.ts'),
  summary: () => import('../checkout/steps/summary.ts'),
  result: () => import('../checkout/steps/result.ts'),
  en: () => loadMessages('en', MESSAGE_MODULES),
  floating: () => import('../components/cassa-toggletip/placement.ts'),
  overlay: () => import('../overlay/cassa-overlay.ts'),
};

/** The dictionary modules a step's elements show (their English ones come with the step). */
const STEP_MESSAGES: Partial<Record<Part, MessageModule[]>> = {
  addons: ['addons', 'forms'],
  account: ['account'],
  mailbox: ['mailbox'],
  holder: ['holder', 'forms'],
  summary: ['summary', 'forms'],
  result: ['result', 'forms'],
};

/** Whether `part` and, in `locale`, its strings have arrived (a step is shown whole). */
export const isReady = (part: Part, locale: Locale): boolean =>
  loaded.has(part) &&
  (locale === 'it' || (STEP_MESSAGES[part] ?? []).every((module) => hasModule(locale, module)));

/** Loads `part` and its strings in `locale`. */
export const loadReady = (part: Part, locale: Locale): Promise<void> =>
  Promise.all([load(part), loadMessages(locale, STEP_MESSAGES[part] ?? [])]).then(() => undefined);

/** Every part, in the order a purchase usually needs them. */
export const PARTS = Object.keys(loaders) as Part[];

const pending = new Map<Part, Promise<void>>();
const loaded = new Set<Part>(['plan']);

/** Whether `part` has arrived (its elements are defined, its dictionary usable). */
export const isLoaded = (part: Part): boolean => loaded.has(part);

/** Loads `part` once; rejects when its file cannot be fetched (offline, 404), then may be retried. */
export function load(part: Part): Promise<void> {
  let promise = pending.get(part);
  if (!promise) {
    promise = loaders[part]().then(
      () => void loaded.add(part),
      (error: unknown) => {
        pending.delete(part);
        throw error;
      },
    );
    pending.set(part, promise);
  }
  return promise;
}

/** Resolves when the browser has a moment (`requestIdleCallback`, else soon after). */
const idle = () =>
  new Promise<void>((resolve) =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(() => resolve(), { timeout: 2000 })
      : setTimeout(resolve, 50),
  );

/**
 * Fetches `parts` one at a time, each when the browser is idle (none competes with the buyer's
 * input); a part that fails is left for when it is needed. With `now`, all at once.
 */
export async function prefetch(parts: readonly Part[] = PARTS, now = false): Promise<void> {
  if (now) {
    await Promise.all(parts.map(load));
    return;
  }
  for (const part of parts) {
    if (loaded.has(part)) continue;
    await idle();
    await load(part).catch(() => undefined);
  }
}

/**
 * After a checkout's `cassa-ready`: what the rest of its purchase may load, its own steps only (the
 * overlay is `Cassa.open`'s: `Cassa.preload()` fetches it).
 */
export const prefetchPurchase = (steps: readonly StepId[]): Promise<void> =>
  prefetch(
    PARTS.filter(
      (part) =>
        part !== 'overlay' &&
        (!(STEP_IDS as readonly string[]).includes(part) || steps.includes(part as StepId)),
    ),
  );
