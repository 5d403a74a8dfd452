// The store's drafts: what the buyer typed in the holder form, and the choices and typing kept in
// the tab (sessionStorage) for when the same checkout is opened again or the page reloads, and a
// closed overlay's session in the page's memory (page-sessions.ts).
import type { HolderDraft } from '../domain/holder-draft.ts';
import { forgetPageSession, keepPageSession } from './page-sessions.ts';
import { loadSaved, returnDraftKey, save } from './persistence.ts';
import type { StoreCore } from './store-core.ts';
import type { StepId } from './steps.ts';
import type { KeptDraft } from './types.ts';

export class Drafts {
  readonly #core: StoreCore;
  /** Where the draft kept between openings (and across a reload) of the same checkout lives. */
  readonly #keptKey: string;

  constructor(core: StoreCore) {
    this.#core = core;
    const { options, id } = core;
    const scope = [options.draftScope, returnDraftKey(options.productId, id)];
    this.#keptKey = `cassa:draft:${JSON.stringify([...scope, options.planId, options.subscriptionId])}`;
  }

  /** Where this checkout's draft is kept (also the key of a closed overlay's page session). */
  get key(): string {
    return this.#keptKey;
  }

  /** Whether the buyer typed holder data here, or registration data (closing then asks first). */
  get typedHolder(): boolean {
    const { holderDraft, registerDraft } = this.#core.state;
    return holderDraft !== null || registerDraft !== null;
  }

  setHolderDraft(holderDraft: HolderDraft): void {
    this.#core.set({ holderDraft });
  }

  setRegisterDraft(registerDraft: HolderDraft): void {
    this.#core.set({ registerDraft });
  }

  /** Keeps choices and typing (never a token or a password); nothing once an order completed. */
  keep(): void {
    const { status, step, planId, years, quantities, subscriptionId, holderDraft, holder } =
      this.#core.state;
    const { registerDraft } = this.#core.state;
    if (status !== 'ready' || step === 'result' || this.#core.state.ordering) return;
    const kept: KeptDraft = {
      planId,
      years,
      quantities,
      subscriptionId,
      holderDraft,
      step,
      ...(holder ? { holder } : {}),
      ...(registerDraft ? { registerDraft } : {}),
    };
    save(this.#core.env.storage, this.#keptKey, kept);
  }

  /** Forgets a kept draft (the buyer chose to discard it, or the order completed). */
  discard(): void {
    save(this.#core.env.storage, this.#keptKey, null);
  }

  /**
   * Closed (an overlay) with the draft kept: the draft, and the session in the page's memory only,
   * so opening the same checkout again while the page lives continues where the buyer was.
   */
  keepOnClose(): void {
    this.keep();
    const token = this.#core.client.token;
    const { session, step } = this.#core.state;
    // A purchase that ended starts afresh.
    if (step === 'result') return forgetPageSession(this.#keptKey);
    keepPageSession(this.#keptKey, token && session ? { token, session } : null);
  }

  /** Forgets the kept draft and the page's session (the buyer chose to discard them). */
  forget(): void {
    this.discard();
    forgetPageSession(this.#keptKey);
  }

  /**
   * Back in the state, checked against the catalog (unknown add-on ids are never sent); returns the
   * step the buyer was on, if any.
   */
  restore(): StepId | null {
    const core = this.#core;
    const kept = loadSaved<KeptDraft>(core.env.storage, this.#keptKey);
    this.discard();
    const { product, planId, years, subscriptionId } = core.state;
    if (!kept || !product) return null;
    core.set({
      planId: product.plans.some((p) => p.id === kept.planId) ? kept.planId : planId,
      years: product.terms.includes(kept.years) ? kept.years : years,
      quantities: kept.quantities,
      subscriptionId: kept.subscriptionId ?? subscriptionId,
      holderDraft: kept.holderDraft,
      ...(kept.holder ? { holder: kept.holder } : {}),
      ...(kept.registerDraft ? { registerDraft: kept.registerDraft } : {}),
    });
    return kept.step ?? null;
  }
}
