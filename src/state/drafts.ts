// The store's drafts: what the buyer typed in the holder form, and the choices and typing kept in
// the tab (sessionStorage) for when the same checkout is opened again or the page reloads.
import type { HolderDraft } from '../domain/holder-draft.ts';
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

  /** Whether the buyer typed holder data here (closing then asks before leaving). */
  get typedHolder(): boolean {
    return this.#core.state.holderDraft !== null;
  }

  setHolderDraft(holderDraft: HolderDraft): void {
    this.#core.set({ holderDraft });
  }

  /** Keeps choices and typing (never a token or a password); nothing once an order completed. */
  keep(): void {
    const { status, step, planId, years, quantities, subscriptionId, holderDraft, holder } =
      this.#core.state;
    if (status !== 'ready' || step === 'result' || this.#core.state.ordering) return;
    const kept: KeptDraft = {
      planId,
      years,
      quantities,
      subscriptionId,
      holderDraft,
      step,
      ...(holder ? { holder } : {}),
    };
    save(this.#core.env.storage, this.#keptKey, kept);
  }

  /** Forgets a kept draft (the buyer chose to discard it, or the order completed). */
  discard(): void {
    save(this.#core.env.storage, this.#keptKey, null);
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
    });
    return kept.step ?? null;
  }
}
