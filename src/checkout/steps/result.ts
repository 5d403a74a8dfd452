// <cassa-checkout>'s result screen: the step's element, bound to the store (props down, events up).
// Loaded with that element (loading/parts.ts).
import { html } from 'lit';
import '../../components/checkout-result/cassa-checkout-result.ts';

import { registerStepView } from '../step-views.ts';

registerStepView('result', (c) => {
  const { store, s, locale } = c;
  const product = s.product!;
  return html`<cassa-checkout-result
    part="result"
    locale=${locale}
    ?refused=${!s.order || s.order.status === 'refused'}
    ?repeated=${s.repeated}
    .order=${s.order}
    .product=${product}
    .eInvoice=${(s.holder ?? s.session?.customer.holder)?.eInvoice ?? null}
    @cassa-choose-method=${() => store.chooseAnotherMethod()}
  ></cassa-checkout-result>`;
});
