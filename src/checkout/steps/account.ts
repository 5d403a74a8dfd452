// <cassa-checkout>'s account step (login or registration): the step's element, bound to the store
// (props down, events up). Loaded with that element (loading/parts.ts).
import { html } from 'lit';
import '../../components/account-step/cassa-account-step.ts';
import type {
  CassaLoginEvent,
  CassaRegisterEvent,
  CassaRegisterInputEvent,
} from '../../components/account-step/cassa-account-step.ts';
import type { Quote } from '../../domain/types.ts';
import { formatMoney } from '../../i18n/index.ts';
import type { CheckoutState } from '../../state/checkout-store.ts';
import { registerStepView, type StepContext } from '../step-views.ts';

/**
 * The login step keeps the selection's price in sight, as the add-ons step shows it: one year of
 * the quoted plan and add-ons, + VAT. Before the first quote answers (a checkout opened again, a
 * slow server) the line is there with "…", as on the add-ons step: the answer fills it and moves
 * nothing below it — not the Indietro or Prosegui the buyer is aiming at (issue 14).
 */
function running(c: StepContext, s: CheckoutState) {
  const { quote, product } = s;
  if (!product || product.pricing !== 'term') return '';
  const step = (id: string) => product.addons.find((a) => a.id === id)?.step ?? 1;
  const yearly = (q: Quote) =>
    q.lines.reduce(
      (sum, line) => sum + Math.round((line.unitCents * line.quantity) / step(line.id)),
      0,
    );
  const price = quote && formatMoney(yearly(quote), quote.currency, c.locale);
  return html`<p class="running" part="running-total" aria-busy=${s.quoteLoading}>
    <span class="muted">${c.t('checkout.running')}</span>
    <span class="figure">${price ? c.t('account.running.price', { price }) : '…'}</span>
  </p>`;
}

registerStepView('account', (c) => {
  const { store, s, locale } = c;
  const product = s.product!;
  return html`${s.loginAgain ? html`<p>${c.t('account.again')}</p>` : ''}${running(c, s)}<cassa-account-step
      locale=${locale}
      error=${s.authError ?? ''}
      username-hint=${c.t(product.pricing === 'coterm' ? 'account.username.pec' : 'account.username.hint')}
      ?busy=${s.authBusy}
      ?allow-register=${product.pricing === 'term'}
      reset-url=${c.resetUrl()}
      .customer=${s.session?.customer ?? null}
      .registerErrors=${store.holderErrors}
      .registration=${s.registerDraft ?? undefined}
      @cassa-register-input=${(e: CassaRegisterInputEvent) => store.setRegisterDraft(e.detail.value)}
      @cassa-login=${(e: CassaLoginEvent) => void store.login(e.detail.username, e.detail.password)}
      @cassa-register=${(e: CassaRegisterEvent) =>
        void store.register(e.detail.holder, e.detail.password)}
      @cassa-account-switch=${() => store.switchAccount()}
    ></cassa-account-step>`;
});
