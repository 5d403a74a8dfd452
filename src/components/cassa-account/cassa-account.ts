// <cassa-account>, the customer area (issue 24): after buying, the buyer comes back here to see
// their services, the next charges, the credit, the saved methods, the orders awaiting payment and
// the invoices, and to change what renews and how. A file of its own: the drop-in loads it only
// for a page (or an overlay) that shows the customer area, never with the checkout's first step.
// The drop-in's main module: already running when this file loads. Importing it keeps what both
// use (the API client, zod, ky, the overlay's `open`) in the main module's file, where the
// bundler would otherwise move them into a new shared file that the checkout's first step loads.
import '../../dropin.ts';
// The shared messages it shows (field and backend errors): Italian comes with this file, English
// is loaded with `messages` below.
import '../../i18n/it/forms.ts';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AccountInvoice, AccountSubscription } from '../../api/account-schemas.ts';
import { createClient } from '../../api/client.ts';
import { parseEuroCents } from '../../domain/account.ts';
import { accountMsg, type AccountKey } from '../../i18n/account.ts';
import { formatDate, type MessageKey } from '../../i18n/index.ts';
import { load } from '../../loading/parts.ts';
import { open } from '../../overlay/open.ts';
import { AccountStore, type TopUpReturn } from '../../state/account-store.ts';
import { ACCOUNT_WIDGET, WIDGET_PARAM, withoutReturn } from '../../state/persistence.ts';
import { CassaElement } from '../shared/cassa-element.ts';
import { emit } from '../shared/events.ts';
import { formStyles, tokens } from '../shared/tokens.styles.ts';
import type { CassaLoginEvent } from '../account-step/cassa-account-step.ts';
import { AccountController } from './account-controller.ts';
import { CassaAccountChangeEvent } from './account-events.ts';
import { accountSections, type AccountView } from './account-sections.ts';
import { accountStyles } from './cassa-account.styles.ts';
import { defineElement } from '../shared/define-element.ts';

export { CassaAccountChangeEvent };
export { openAccount } from './open-account.ts';

/**
 * The customer area: subscriptions (plan, add-ons, term, status, expiry, next charge, renewal
 * method), auto-renew per subscription, the prepaid credit with its top-up, saved payment methods,
 * orders awaiting a bank transfer or postal slip, invoices, and "buy more" through the checkout.
 * Without a session it asks the buyer to log in.
 *
 * @summary The customer area.
 * @fires cassa-account-change - The buyer changed something (detail: {@link AccountChange}).
 * @csspart area - The whole customer area.
 * @csspart notice - The outcome of adding a payment method or of a credit top-up, back from the
 *   provider's page.
 * @csspart subscriptions - The services.
 * @csspart subscription - One service.
 * @csspart credit - The prepaid credit and its top-up.
 * @csspart credit-warning - The credit does not cover the next renewal.
 * @csspart methods - Saved payment methods.
 * @csspart orders - Orders awaiting payment.
 * @csspart invoices - Invoices.
 * @cssprop --cassa-color-primary - The accent.
 * @cssprop --cassa-color-warning - The credit warning.
 */
export class CassaAccount extends CassaElement {
  static override styles = [tokens, formStyles, accountStyles];
  static override messages = ['frame', 'forms'] as const;

  /** Base URL of the backend, e.g. `https://shop.example/api` (required). */
  @property() backend = '';
  /** A session token from the host page (an already-logged-in portal). */
  @property({ attribute: 'session-token' }) sessionToken: string | null = null;
  /** The `fetch` the API client uses (tests, special environments). */
  @property({ attribute: false }) fetchImpl?: typeof fetch;
  /** Leaves the page for the payment provider (tests intercept it). */
  @property({ attribute: false }) navigate: (url: string) => void = (url) =>
    window.location.assign(url);

  /** Back from the provider's page after adding a method (`cassa_method` in the page's URL). */
  readonly #methodOutcome = ['saved', 'refused', 'cancelled'].find(
    (outcome) => new URLSearchParams(window.location.search).get('cassa_method') === outcome,
  ) as 'saved' | 'refused' | 'cancelled' | undefined;

  /** Back from the card page after its own top-up (`cassa_order` in the page's URL): the order's id. */
  readonly #returnOrderId = ownTopUpReturn(new URLSearchParams(window.location.search));

  /** Whether the page's return from the provider has been looked at (once per element). */
  #returned = false;

  /**
   * Whether the outcome notice (a new method's, a top-up's) still has to come into view with the
   * focus: once, when it first shows (a checkout on the page leaves the area's returns alone).
   */
  #focusNotice = true;

  /** The top-up outcome last rendered: a pending one that the bank then answers is announced. */
  #topUpStatus: string | undefined;

  /** Renewal methods the member chose that are being saved, by subscription. */
  readonly #requestedMethods = new Map<string, string>();

  /** A polite announcement of the last saved change. */
  @state() private announcement = '';

  readonly #store = new AccountController(this, ({ detail: change }) => {
    this.announcement = this.#a('acc.saved');
    emit(this, new CassaAccountChangeEvent(change));
  });

  /** The element's store (state and intents), e.g. for tests and tools. */
  get store(): AccountStore | null {
    return this.#store.store;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('backend') || changed.has('fetchImpl')) && this.backend) {
      const store = new AccountStore({
        client: createClient(this.backend, { fetch: this.fetchImpl }),
        navigate: (url) => this.navigate(url),
        // Marked as the area's: a checkout on the same page does not take its return.
        returnUrl: () => withoutReturn(window.location.href, ACCOUNT_WIDGET),
        locale: () => this.locale,
      });
      this.#store.set(store);
      // Back from the provider's page (a new method, a top-up): the return URL's one-time token,
      // taken out of the address bar at once, opens the session when the page gave none.
      const back = this.#returned ? undefined : takeReturnResume();
      if (!this.#returned && this.#returnOrderId) store.expectTopUp(this.#returnOrderId);
      this.#returned = true;
      void (back && !this.sessionToken
        ? store.resume(back.which, back.token)
        : store.useToken(this.sessionToken));
    } else if (changed.has('sessionToken')) void this.store?.useToken(this.sessionToken);
    if (this.store?.state.phase === 'login') void load('account').catch(() => undefined);
    // A pending top-up the bank has answered since: the notice changes in place, and says so.
    const topUp = this.store?.state.topUpReturn;
    if (this.#topUpStatus === 'pending' && topUp && topUp.status !== 'pending')
      this.announcement = this.#topUpText(topUp);
    this.#topUpStatus = topUp?.status;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The outcome of the provider's page is what the buyer reads first: the page loads at its top
    // and the area may be far below, so the notice comes into view with the focus, once.
    const notice = this.renderRoot.querySelector<HTMLElement>('.notice');
    if (notice && this.#focusNotice) {
      this.#focusNotice = false;
      notice.scrollIntoView({ block: 'center' });
      notice.focus({ preventScroll: true });
    }
  }

  /** What happened on the provider's page (a new method, a top-up), once the area is shown. */
  #notice(store: AccountStore) {
    const { state } = store;
    if (state.phase !== 'ready') return nothing;
    const topUp = state.topUpReturn;
    const text = topUp
      ? this.#topUpText(topUp)
      : this.#methodOutcome
        ? this.#a(`acc.method.${this.#methodOutcome}`)
        : '';
    if (!text) return nothing;
    const failed = topUp ? topUp.status !== 'paid' : this.#methodOutcome !== 'saved';
    return html`<p class=${failed ? 'notice failed' : 'notice'} part="notice" tabindex="-1">
      ${text}
    </p>`;
  }

  #topUpText(topUp: TopUpReturn): string {
    return this.#a(`acc.topup.${topUp.status}`, {
      amount: this.money(topUp.amountCents),
      balance: this.money(topUp.creditCents),
    });
  }

  #a(key: AccountKey, params?: Record<string, string | number>): string {
    return accountMsg(this.locale, key, params);
  }

  #view(store: AccountStore): AccountView {
    const products = store.state.products;
    const topUp = store.state.topUpReturn;
    return {
      state: store.state,
      topUpAmount:
        topUp && topUp.status !== 'paid' ? euroInput(topUp.amountCents, this.locale) : '',
      a: (key, params) => this.#a(key, params),
      errorText: (code) =>
        this.t((code.startsWith('topup.') ? `field.${code}` : `error.${code}`) as MessageKey),
      money: (cents) => this.money(cents),
      date: (iso) => formatDate(iso, this.locale),
      name: (productId, kind, id) => {
        const product = products[productId];
        const named =
          kind === 'product'
            ? product
            : (kind === 'plan' ? product?.plans : product?.addons)?.find((x) => x.id === id);
        return named?.name[this.locale] ?? id;
      },
      href: (url) => this.#href(url).href,
      busy: (key) => store.isBusy(key),
      chosenMethod: (s) => this.#requestedMethods.get(s.id) ?? s.paymentMethodId,
      renewalsUsing: (id) => store.renewalsUsing(id),
      act: {
        autoRenew: (id, on) => void store.setAutoRenew(id, on),
        method: (id, methodId) => {
          // The group is disabled while the change is saved: the focus comes back to the checked
          // radio (the server's choice) if it was on the group.
          const name = `method-${id}`;
          const focused = this.shadowRoot?.activeElement;
          const inGroup = focused instanceof HTMLInputElement && focused.name === name;
          // The member's choice stays checked while it is saved; refused, the server's comes back.
          this.#requestedMethods.set(id, methodId);
          void store.setRenewalMethod(id, methodId).then(async () => {
            this.#requestedMethods.delete(id);
            this.requestUpdate();
            await this.updateComplete;
            const active = this.shadowRoot?.activeElement;
            if (inGroup && (!active || active === focused))
              this.renderRoot
                .querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]:checked`)
                ?.focus();
          });
        },
        remove: (id, replacement) => void store.removeMethod(id, replacement),
        add: (type) => void store.addMethod(type),
        topUp: (form) => {
          const input = form.querySelector('input')!;
          const cents = parseEuroCents(input.value);
          void store.topUp(Number.isNaN(cents) ? 0 : cents).then(() => {
            if (store.state.error?.key === 'top-up') input.focus();
          });
        },
        buyMore: (subscription) => this.#buyMore(subscription),
        xml: (invoice) => void this.#download(store, invoice),
        copy: (invoice) => void this.#openCopy(store, invoice),
        reload: () => void store.load(),
      },
    };
  }

  /** The checkout in the overlay, opened on that subscription; the area reloads afterwards. */
  #buyMore(subscription: AccountSubscription): void {
    const token = this.store?.token;
    const { productId, label } = subscription;
    const product = this.store?.state.products[productId]?.name[this.locale];
    open({
      // The dialog names what is extended, as the area's card does ("Certified Platform · C-…").
      heading: this.#a('acc.buy.title', {
        name: productId === 'pec-addons' || !product ? label : `${product} · ${label}`,
      }),
      backend: this.backend,
      product: subscription.productId,
      ...(subscription.planId && subscription.productId !== 'pec-addons'
        ? { plan: subscription.planId }
        : {}),
      subscription: subscription.id,
      locale: this.locale,
      ...(token ? { sessionToken: token } : {}),
    }).then(
      () => void this.store?.load(),
      () => undefined,
    );
  }

  /** A link of the backend's: relative to it (`/v1/…` as the contract's other paths), or absolute. */
  #href(url: string): URL {
    return new URL(
      url.replace(/^\//, ''),
      new URL(this.backend, document.baseURI).href.replace(/\/?$/, '/'),
    );
  }

  /**
   * The readable copy in a new tab: a link minted now with the session (valid minutes), so no
   * bearer token travels in a URL and nothing of the page is rendered from the backend's markup.
   */
  async #openCopy(store: AccountStore, invoice: AccountInvoice): Promise<void> {
    const url = await store.invoiceCopyUrl(invoice);
    if (url === undefined) return;
    const href = this.#href(url);
    // A backend is untrusted input: only a web page is opened.
    if (href.protocol !== 'https:' && href.protocol !== 'http:') return;
    const link = document.createElement('a');
    link.href = href.href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    this.renderRoot.append(link);
    link.click();
    link.remove();
  }

  async #download(store: AccountStore, invoice: AccountInvoice): Promise<void> {
    const xml = await store.invoiceXml(invoice);
    if (xml === undefined) return;
    const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${invoice.number.replace(/[^\w.-]+/g, '_')}.xml`;
    this.renderRoot.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const { state } = store;
    return html`<div class="area" part="area">
      <header>
        <h2 tabindex="-1">${this.#a('acc.title')}</h2>
        ${
          state.phase === 'ready' || state.phase === 'failed'
            ? html`<button type="button" class="btn link" @click=${() => void store.logout()}>
                ${this.#a('acc.logout')}
              </button>`
            : nothing
        }
      </header>
      <p class="sr status" role="status">${this.announcement}</p>
      ${this.#notice(store)} ${this.#body(store)}
    </div>`;
  }

  #body(store: AccountStore) {
    const { state } = store;
    switch (state.phase) {
      case 'login':
        return html`<cassa-account-step
          locale=${this.locale}
          ?busy=${state.loginBusy}
          error=${state.loginError}
          @cassa-login=${(e: CassaLoginEvent) =>
            void store.login(e.detail.username, e.detail.password)}
        ></cassa-account-step>`;
      case 'loading':
        return html`<p role="status">${this.#a('acc.loading')}</p>`;
      case 'failed':
        return html`<p class="error" role="alert">
            ${this.t(`error.${state.loadError || 'network'}`)}
          </p>
          <p>
            <button type="button" class="btn primary" @click=${() => void store.load()}>
              ${this.#a('acc.retry')}
            </button>
          </p>`;
      default:
        return accountSections(this.#view(store));
    }
  }
}

defineElement('cassa-account', CassaAccount);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-account': CassaAccount;
  }
}

/**
 * The order of the page's URL when it is the area's own top-up's: marked as the area's
 * (`cassa_widget`), or unmarked with no checkout on the page (a return URL made before the mark).
 */
function ownTopUpReturn(params: URLSearchParams): string | null {
  const orderId = params.get('cassa_order');
  const widget = params.get(WIDGET_PARAM);
  return orderId &&
    (widget === ACCOUNT_WIDGET || (!widget && !document.querySelector('cassa-checkout')))
    ? orderId
    : null;
}

/**
 * The resume pair of the page's URL, removed from it (a reload or a shared link carries none):
 * a new method's (`cassa_setup`), or the area's own top-up's (`cassa_order`; a checkout's order
 * is the checkout's to take).
 */
function takeReturnResume():
  { which: { setupId: string } | { orderId: string }; token: string } | undefined {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('cassa_resume');
  const setupId = url.searchParams.get('cassa_setup');
  const orderId = url.searchParams.get('cassa_order');
  if (!token) return undefined;
  let which: { setupId: string } | { orderId: string };
  if (setupId && !orderId) {
    which = { setupId };
    url.searchParams.delete('cassa_setup');
  } else if (orderId && !setupId && ownTopUpReturn(url.searchParams)) {
    which = { orderId };
    url.searchParams.delete('cassa_order');
  } else return undefined;
  url.searchParams.delete('cassa_resume');
  url.searchParams.delete(WIDGET_PARAM);
  history.replaceState(history.state, '', url);
  return { which, token };
}

/** Cents as the top-up field takes them back (`10,58`, `10.58`), no symbol. */
function euroInput(cents: number, locale: 'it' | 'en'): string {
  const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return locale === 'it' ? text.replace('.', ',') : text;
}
