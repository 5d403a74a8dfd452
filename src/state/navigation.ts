// The store's navigation: Continue (with what the current step needs first), Back, moving to a
// step (its errors cleared, the move announced once the first step was shown), and the way back
// to where the buyer was going after logging in (again).
import type { Holder } from '../domain/types.ts';
import { fieldErrorViews } from './requests.ts';
import type { StepId } from './steps.ts';
import type { StoreCore } from './store-core.ts';

export class Navigation {
  readonly #core: StoreCore;

  constructor(core: StoreCore) {
    this.#core = core;
  }

  /** Continue: checks what the current step needs, then moves on. */
  next(): void {
    const core = this.#core;
    const { step, session, ineligible, subscriptionId, product, quantities, fieldErrors } =
      core.state;
    if (step === 'account' && (!session || ineligible)) return;
    if (step === 'mailbox' && !subscriptionId) {
      return core.fieldError('subscriptionId', 'selection.subscription.required');
    }
    if (
      step === 'addons' &&
      product?.pricing === 'coterm' &&
      !Object.values(quantities).some((q) => q > 0)
    ) {
      return core.fieldError('addons', 'required');
    }
    // The server refused a quantity (conservation already on the mailbox): shown on the add-on.
    if (
      step === 'addons' &&
      Object.keys(fieldErrorViews(fieldErrors, core.sentAddonIds).addons).length
    )
      return;
    if (step === 'summary') return void core.flow.confirm();
    const resume = step === 'account' ? this.#takeResumeStep() : null;
    this.go(resume ?? this.#stepAfter(step));
  }

  /** The account step, then `resumeStep` (where the buyer was going) once logged in. */
  needLogin(resumeStep: StepId | null = this.#core.state.step): void {
    this.#core.resumeStep = resumeStep === 'account' ? null : resumeStep;
    this.go('account');
  }

  /** Where Continue on the account step goes after logging in again (once). */
  #takeResumeStep(): StepId | null {
    const step = this.#core.resumeStep;
    this.#core.resumeStep = null;
    return step;
  }

  /** Back from the payment page without a session: log in, with the reason, then the summary. */
  loginAgain(): void {
    this.needLogin('summary');
    this.#core.set({ loginAgain: true });
  }

  /** Back one step; everything chosen and typed stays. */
  back(): void {
    const { state } = this.#core;
    // The order being placed decides where the buyer lands (the result, or an error).
    if (state.ordering) return;
    const index = state.steps.indexOf(state.step);
    if (index > 0 && state.step !== 'result') this.go(state.steps[index - 1]!);
  }

  /** The holder step's form was submitted valid. */
  submitHolder(holder: Holder): void {
    this.#core.set({ holder, fieldErrors: [] });
    this.go(this.#stepAfter('holder'));
  }

  go(step: StepId): void {
    const core = this.#core;
    const previous = core.state.step;
    core.set({
      step,
      error: null,
      fieldErrors: step === previous ? core.state.fieldErrors : [],
      loginAgain: false,
    });
    if (step === 'summary') core.flow.flushQuote();
    if (step !== previous && core.started) core.emit('step', { step, previous });
  }

  #stepAfter(step: StepId): StepId {
    const { steps } = this.#core.state;
    return steps[steps.indexOf(step) + 1] ?? 'summary';
  }
}
