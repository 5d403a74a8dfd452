// The store's start: the catalog (and the host page's session) loaded, a return from the payment
// page resumed by the ordering concern, or the first step shown; a checkout reopened on the page
// (or reloaded on the summary) continues where the buyer was, with the draft and the page's
// session. DOM-free; the facade (checkout-store.ts) calls it from `start()`.
import type { Drafts } from './drafts.ts';
import { unreachable, type Lazy } from './lazy-concern.ts';
import type { Navigation } from './navigation.ts';
import type { Ordering } from './ordering.ts';
import { takePageSession, wasClosedHere } from './page-sessions.ts';
import { readReturn } from './persistence.ts';
import type { Selection } from './selection.ts';
import type { SessionFlow } from './session.ts';
import type { StepId } from './steps.ts';
import type { StoreCore } from './store-core.ts';

/** The store's concerns that starting uses. */
export interface StartConcerns {
  core: StoreCore;
  selection: Selection;
  navigation: Navigation;
  drafts: Drafts;
  session: Lazy<SessionFlow>;
  ordering: Lazy<Ordering>;
}

/** Loads the catalog (and the host session), resumes a return from the payment page, shows the first step. */
export async function start(concerns: StartConcerns, restart: () => void): Promise<void> {
  const { core, selection, drafts, session, ordering } = concerns;
  const { client, options } = core;
  core.set({ status: 'loading', error: null });
  const current = session.current;
  const hostToken = current ? current.pendingHostToken : options.sessionToken || null;
  const [product] = await Promise.all([
    core.call((o) => client.getProduct(options.productId, o), restart),
    hostToken
      ? session.load().then(
          (flow) => flow.openHostSession(hostToken),
          () => core.showError(unreachable()),
        )
      : null,
  ]);
  if (!product) return void core.set({ status: 'failed' });
  const { planId, years } = core.state;
  // Without a preselection, the first plan that is sold (the free one is the exception).
  const plan =
    product.plans.find((p) => p.id === planId) ??
    product.plans.find((p) => p.yearlyCents > 0) ??
    product.plans[0]!;
  core.set({
    status: 'ready',
    product,
    planId: plan.id,
    years: product.terms.includes(years) ? years : product.terms[0]!,
  });
  const returned = readReturn(core.env.href());
  // An order placed by another widget of the page (another id) is that widget's to show.
  if (
    returned &&
    (!returned.widget || returned.widget === core.id) &&
    (await (await ordering.load()).resume(returned.orderId, returned.resumeToken, restart))
  )
    return;
  if (core.disposed) return;
  const keptStep = drafts.restore();
  // Reopened on this page after closing: the session it had, unless the host gave another.
  const closedHere = wasClosedHere(drafts.key);
  const kept = takePageSession(drafts.key);
  if (kept && !core.state.session) {
    core.client.token = kept.token;
    core.set({ session: kept.session });
  }
  core.set({ step: core.state.steps[0]! });
  // A session kept on this page: its concern checks it as for a login.
  if (kept) await session.load().catch(() => undefined);
  if (core.disposed) return;
  session.current?.checkEligibility();
  resumeAt(concerns, keptStep, closedHere);
  core.started = true;
  selection.scheduleQuote();
  core.ready();
}

/**
 * Reopened on this page after closing (`closedHere`): the step the buyer was on, with the
 * session kept in the page's memory. Reloaded on the summary: the summary again, with everything
 * kept; without a session (the token is never stored) the buyer logs in first, then lands there.
 * After a reload, earlier steps start from the first one, with the choices and typing kept.
 */
function resumeAt({ core, navigation }: StartConcerns, step: StepId | null, closedHere: boolean) {
  const { steps, session, ineligible } = core.state;
  if (!step || step === 'result' || !steps.includes(step) || ineligible) return;
  if (step !== 'summary' && !closedHere) return;
  const account = steps.indexOf('account');
  if (account >= 0 && steps.indexOf(step) > account && !session) {
    navigation.needLogin(step);
    core.set({ loginAgain: true });
    return;
  }
  core.set({ step });
}
