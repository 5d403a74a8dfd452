// <cassa-checkout>'s holder step (the holder form, prefilled from a registered holder): the step's
// element, bound to the store (props down, events up). Loaded with that element (loading/parts.ts).
import { html } from 'lit';
import '../../components/cassa-holder-form/cassa-holder-form.ts';
import type {
  CassaHolderInputEvent,
  CassaHolderSubmitEvent,
} from '../../components/cassa-holder-form/cassa-holder-form.ts';
import { registerStepView } from '../step-views.ts';

registerStepView('holder', (c) => {
  const { store, s, locale } = c;
  // Until the buyer types, the form shows the account's registered holder for checking.
  return html`${
      s.registeredUsername
        ? html`<p class="note" role="status" part="registered">
            ${c.t('account.registered', { username: s.registeredUsername })}
          </p>`
        : ''
    }<cassa-holder-form
      locale=${locale}
      submit-label=${c.t('checkout.continue')}
      .value=${s.holderDraft ?? undefined}
      .registered=${s.session?.customer.holder ?? null}
      .serverErrors=${store.holderErrors}
      @cassa-holder-input=${(e: CassaHolderInputEvent) => store.setHolderDraft(e.detail.value)}
      @cassa-holder-submit=${(e: CassaHolderSubmitEvent) => store.submitHolder(e.detail.holder)}
      >${c.back('back')}</cassa-holder-form
    >`;
});
