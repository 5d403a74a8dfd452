// A page showing every presentational component in its main states, for screenshots
// (scripts/shot-components.ts). The locale comes from <html lang>.
import { html, render } from 'lit';
import catalogJson from '../demo/catalog.json';
import '../src/components/cassa-addon-selector/cassa-addon-selector.ts';
import '../src/components/cassa-holder-form/cassa-holder-form.ts';
import { emptyHolderDraft } from '../src/components/cassa-holder-form/cassa-holder-form.ts';
import '../src/components/cassa-order-summary/cassa-order-summary.ts';
import '../src/components/cassa-payment-chooser/cassa-payment-chooser.ts';
import '../src/components/cassa-plan-picker/cassa-plan-picker.ts';
import { parseCatalog, type Product } from '../src/domain/catalog.ts';
import { priceSelection } from '../src/domain/pricing.ts';
import type { Quote } from '../src/domain/types.ts';

const locale = document.documentElement.lang === 'en' ? 'en' : 'it';
const parsed = parseCatalog(catalogJson);
if (!parsed.ok) throw new Error(parsed.message);
const [platform, pec] = parsed.catalog.products as [Product, Product];
const today = '2026-01-15';

function quote(
  product: Product,
  addons: { id: string; quantity: number }[],
  expiresOn?: string,
): Quote {
  const result = priceSelection(
    product,
    {
      productId: product.id,
      planId: product.plans.at(-1)!.id,
      years: 1,
      addons,
      subscriptionId: expiresOn && 'mbx',
    },
    { today, locale, subscription: expiresOn ? { expiresOn, creditCents: 0 } : undefined },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.quote;
}

const pecAddons = [
  { id: 'extra-space', quantity: 3 },
  { id: 'conservation', quantity: 1 },
];

render(
  html`<main>
    <section id="plan">
      <cassa-plan-picker .plans=${platform.plans} value="base" locale=${locale}></cassa-plan-picker>
    </section>
    <section id="addons">
      <cassa-addon-selector
        .addons=${platform.addons}
        .quantities=${{ 'extra-users': 2, storage: 10 }}
        .errors=${{ 'external-users': 'selection.addon.step' }}
        plan-id="base"
        locale=${locale}
      ></cassa-addon-selector>
    </section>
    <section id="addons-pec">
      <cassa-addon-selector
        .addons=${pec.addons}
        .quantities=${{ 'extra-space': 3, conservation: 1 }}
        plan-id="member"
        locale=${locale}
      ></cassa-addon-selector>
    </section>
    <section id="holder">
      <cassa-holder-form
        .value=${{ ...emptyHolderDraft(), name: 'Rossi Costruzioni S.r.l.', vatNumber: '123', email: 'info@rossi.pec.it' }}
        .serverErrors=${[{ path: 'address.postalCode', code: 'cap.format' }]}
        with-password
        locale=${locale}
      ></cassa-holder-form>
    </section>
    <section id="payment">
      <cassa-payment-chooser
        .methods=${platform.paymentMethods}
        .saved=${[
          { id: 'pm_1', type: 'card', label: 'Visa •••• 4242' },
          { id: 'pm_2', type: 'paypal', label: 'PayPal m***@rossicostruzioni.it' },
        ]}
        .value=${{ type: 'card', savedId: 'pm_1' }}
        locale=${locale}
      ></cassa-payment-chooser>
    </section>
    <section id="payment-others">
      <cassa-payment-chooser
        .methods=${platform.paymentMethods}
        .value=${{ type: 'bank_transfer' }}
        locale=${locale}
      ></cassa-payment-chooser>
    </section>
    <section id="payment-pec">
      <cassa-payment-chooser
        .methods=${pec.paymentMethods}
        .value=${{ type: 'card' }}
        .topUp=${{ minimumCents: 1586, valueCents: 1586 }}
        locale=${locale}
      ></cassa-payment-chooser>
    </section>
    <section id="summary">
      <cassa-order-summary
        .quote=${quote(platform, [{ id: 'extra-users', quantity: 2 }])}
        .terms=${platform.terms}
        years="1"
        pricing="term"
        terms-url="/condizioni-generali.html"
        locale=${locale}
      ></cassa-order-summary>
    </section>
    <section id="summary-pec">
      <cassa-order-summary
        .quote=${quote(pec, pecAddons, '2026-09-15')}
        pricing="coterm"
        terms-url="#"
        locale=${locale}
      ></cassa-order-summary>
    </section>
    <section id="summary-free">
      <cassa-order-summary
        .quote=${quote(pec, pecAddons, '2026-03-01')}
        pricing="coterm"
        terms-url="#"
        accepted
        busy
        locale=${locale}
      ></cassa-order-summary>
    </section>
  </main>`,
  document.body,
);
