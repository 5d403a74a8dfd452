// What the widget loads on demand (issue 13): the first files hold the checkout, its store, the API
// client and the Italian dictionary; each step's elements, the English dictionary, floating-ui and
// the overlay are further files (dynamic-import chunks), loaded when needed. Once a checkout's
// first step is shown, the rest of its purchase is fetched when the browser is idle, so that no
// step waits on the network: with the built drop-in as `<link rel="modulepreload">` (fetched and
// compiled, not run: no later step's code runs or stays in memory while the buyer looks at the
// first), and the step after the shown one is run ahead, so it appears at once; elsewhere (the
// ESM build, the sources) by running each part. The overlay is fetched by `Cassa.preload()`.
// Loading is global, like the element registry: one request per part, whichever element asks; a
// failed part is forgotten, so asking again retries it.
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
export const idle = () =>
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
 * What a checkout's purchase may load after its first step: its own steps only (the overlay is
 * `Cassa.open`'s: `Cassa.preload()` fetches it).
 */
export const purchaseParts = (steps: readonly StepId[]): Part[] =>
  PARTS.filter(
    (part) =>
      part !== 'overlay' &&
      (!(STEP_IDS as readonly string[]).includes(part) || steps.includes(part as StepId)),
  );

/** Runs `part` and its strings in `locale` when the browser is idle (the step the buyer may go to next). */
export async function prepare(part: Part, locale: Locale): Promise<void> {
  if (isReady(part, locale)) return;
  await idle();
  await loadReady(part, locale).catch(() => undefined);
}
