// <cassa-checkout>'s account step (login or registration): the step's element, bound to the store
// (props down, events up). Loaded with that element (loading/parts.ts).
import { html } from 'lit';
import '../../components/account-step/cassa-account-step.ts';
import type {
  CassaLoginEvent,
  CassaRegisterEvent,
} from '../../components/account-step/cassa-account-step.ts';
import { registerStepView } from '../step-views.ts';

registerStepView('account', (c) => {
  const { store, s, locale } = c;
  const product = s.product!;
  return html`${s.loginAgain ? html`<p>${c.t('account.again')}</p>` : ''}<cassa-account-step
      locale=${locale}
      error=${s.authError ?? ''}
      username-hint=${c.t(product.pricing === 'coterm' ? 'account.username.pec' : 'account.username.hint')}
      ?busy=${s.authBusy}
      ?allow-register=${product.pricing === 'term'}
      .customer=${s.session?.customer ?? null}
      .registerErrors=${store.holderErrors}
      @cassa-login=${(e: CassaLoginEvent) => void store.login(e.detail.username, e.detail.password)}
      @cassa-register=${(e: CassaRegisterEvent) =>
        void store.register(e.detail.holder, e.detail.password)}
      @cassa-account-switch=${() => store.switchAccount()}
    ></cassa-account-step>`;
});
