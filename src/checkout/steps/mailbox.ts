// <cassa-checkout>'s PEC mailbox step: the step's element, bound to the store (props down, events
// up). Loaded with that element (loading/parts.ts).
import { html } from 'lit';
import '../../components/checkout-mailbox/cassa-checkout-mailbox.ts';
import type { CassaMailboxSelectEvent } from '../../components/checkout-mailbox/cassa-checkout-mailbox.ts';
import { fieldError, registerStepView } from '../step-views.ts';

registerStepView('mailbox', ({ store, s, locale }) => {
  const product = s.product!;
  return html`<cassa-checkout-mailbox
    locale=${locale}
    currency=${product.currency}
    value=${s.subscriptionId ?? ''}
    credit-cents=${s.session?.subscriptions?.creditCents ?? 0}
    error=${fieldError(s, 'subscriptionId')}
    .mailboxes=${s.session?.subscriptions?.items.filter((m) => m.productId === product.id) ?? []}
    @cassa-mailbox-select=${(e: CassaMailboxSelectEvent) =>
      store.selectSubscription(e.detail.subscriptionId)}
  ></cassa-checkout-mailbox>`;
});
