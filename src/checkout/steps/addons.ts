// <cassa-checkout>'s add-ons step (the add-on selector with the running total): the step's element,
// bound to the store (props down, events up). Loaded with that element (loading/parts.ts).
import { html } from 'lit';
import '../../components/cassa-addon-selector/cassa-addon-selector.ts';
import type { CassaAddonsChangeEvent } from '../../components/cassa-addon-selector/cassa-addon-selector.ts';
import { fieldError, registerStepView } from '../step-views.ts';

registerStepView('addons', (c) => {
  const { store, s, locale } = c;
  const product = s.product!;
  return html`<cassa-addon-selector
      locale=${locale}
      currency=${product.currency}
      plan-id=${s.planId}
      .addons=${product.addons}
      .quantities=${s.quantities}
      .quote=${s.quote}
      ?quote-loading=${s.quoteLoading}
      .errors=${store.addonErrors}
      @cassa-addons-change=${(e: CassaAddonsChangeEvent) =>
        store.setQuantities(e.detail.quantities)}
    ></cassa-addon-selector>
    <p class="error" role="alert">
      ${fieldError(s, 'addons') ? c.t('checkout.addons.none') : ''}
    </p>`;
});
