// <cassa-checkout>'s summary step: the payment chooser (when the order costs anything) and the
// order summary with "Conferma", bound to the store (props down, events up). Loaded with those
// elements (loading/parts.ts).
import { html, nothing } from 'lit';
import '../../components/cassa-payment-chooser/cassa-payment-chooser.ts';
import '../../components/cassa-order-summary/cassa-order-summary.ts';
import type { CassaPaymentChangeEvent } from '../../components/cassa-payment-chooser/cassa-payment-chooser.ts';
import type {
  CassaTermsChangeEvent,
  CassaYearsChangeEvent,
} from '../../components/cassa-order-summary/cassa-order-summary.ts';
import type { Product } from '../../domain/catalog.ts';
import type { Locale } from '../../i18n/index.ts';
import type { CheckoutStore } from '../../state/checkout-store.ts';
import { fieldError, registerStepView } from '../step-views.ts';

interface Memo {
  topUp?: { minimumCents: number; valueCents: number };
  labels?: { key: string; labels: Record<string, string> };
}
/** Per store: the objects handed down stay the same while their figures do. */
const memos = new WeakMap<CheckoutStore, Memo>();

/** The same object while the figures stay the same: a new one resets what the buyer is typing. */
function topUpOf(memo: Memo, minimumCents: number, valueCents: number) {
  const last = memo.topUp;
  if (last?.minimumCents !== minimumCents || last.valueCents !== valueCents)
    memo.topUp = { minimumCents, valueCents };
  return memo.topUp!;
}

/** Plan and add-on names in the current language, by quote line id (one object per language). */
function labelsOf(memo: Memo, product: Product, locale: Locale): Record<string, string> {
  const key = `${product.id}:${locale}`;
  if (memo.labels?.key !== key) {
    const items = [...product.plans, ...product.addons];
    memo.labels = { key, labels: Object.fromEntries(items.map((i) => [i.id, i.name[locale]])) };
  }
  return memo.labels.labels;
}

registerStepView('summary', (c) => {
  const { store, s, locale } = c;
  const product = s.product!;
  let memo = memos.get(store);
  if (!memo) memos.set(store, (memo = {}));
  const minimum = product.pricing === 'coterm' ? s.quote?.minimumTopUpCents : null;
  return html`${
      store.needsPayment
        ? html`<cassa-payment-chooser
            locale=${locale}
            currency=${product.currency}
            .methods=${product.paymentMethods}
            .saved=${s.session?.savedMethods ?? []}
            .value=${s.payment}
            preselect-single
            .topUp=${minimum == null ? null : topUpOf(memo, minimum, s.topUpCents ?? minimum)}
            error=${fieldError(s, 'paymentMethod')}
            @cassa-payment-change=${(e: CassaPaymentChangeEvent) =>
              store.setPayment(e.detail.value, e.detail.topUpCents)}
          ></cassa-payment-chooser>`
        : html`<p>${c.t('checkout.free.note')}</p>`
    }
    <cassa-order-summary
      locale=${locale}
      pricing=${product.pricing}
      years=${s.years}
      terms-url=${product.termsUrl}
      confirm-label=${store.needsPayment ? '' : c.t('checkout.confirm.free')}
      ?loading=${s.quoteLoading}
      ?accepted=${s.termsAccepted}
      ?busy=${s.ordering || s.quoteLoading || !s.quote}
      .quote=${s.quote}
      .terms=${product.terms}
      .lineLabels=${labelsOf(memo, product, locale)}
      .eInvoice=${(s.holder ?? s.session?.customer.holder)?.eInvoice ?? null}
      payment-type=${store.needsPayment ? (s.payment?.type ?? '') : ''}
      .topUpCents=${minimum == null ? null : (s.topUpCents ?? minimum)}
      .product=${product}
      plan-id=${s.planId}
      @cassa-years-change=${(e: CassaYearsChangeEvent) => store.setYears(e.detail.years)}
      @cassa-terms-change=${(e: CassaTermsChangeEvent) => store.setTermsAccepted(e.detail.accepted)}
      @cassa-confirm=${() => {
        c.confirmPressed();
        if (c.valid()) void store.confirm();
      }}
      @cassa-confirm-blocked=${(e: Event) => {
        // Everything missing at once; the first of it (the payment method, above) takes the focus.
        if (store.reportMissing()) e.preventDefault();
      }}
      >${c.back('back')}${c.errorNearConfirm ? c.banner('error') : nothing}</cassa-order-summary
    >`;
});
