// The customer area's sections as Lit templates (issue 24): services, prepaid credit, saved
// methods, orders awaiting payment, invoices. Pure rendering of the store's state; every intent
// goes back through `view.act` (the element calls the store).
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AccountInvoice, AccountSubscription } from '../../api/account-schemas.ts';
import type { Order, SavedPaymentMethod } from '../../api/schemas.ts';
import { atExpiry, minimumTopUpCents } from '../../domain/account.ts';
import type { AccountKey } from '../../i18n/account.ts';
import type { AccountState } from '../../state/account-store.ts';
import { savedLabel } from '../shared/saved-label.ts';

type Params = Record<string, string | number>;

/** What the sections need from the element. */
export interface AccountView {
  state: AccountState;
  /** The top-up field's amount to try again with (back from a top-up that was not paid), or ''. */
  topUpAmount: string;
  a(key: AccountKey, params?: Params): string;
  /** The checkout's translated error text of a code (`error.*`, `field.topup.*`). */
  errorText(code: string): string;
  money(cents: number): string;
  date(iso: string): string;
  name(productId: string, kind: 'product' | 'plan' | 'addon', id: string): string;
  /** The copy link resolved against the backend. */
  href(url: string): string;
  busy(key: string): boolean;
  /** The subscription's renewal method as shown: the member's choice while it is being saved. */
  chosenMethod(subscription: AccountSubscription): string | null;
  renewalsUsing(methodId: string): AccountSubscription[];
  act: {
    autoRenew(id: string, on: boolean): void;
    method(id: string, methodId: string): void;
    remove(methodId: string, replacementId?: string): void;
    add(type: 'card' | 'paypal'): void;
    topUp(form: HTMLFormElement): void;
    buyMore(subscription: AccountSubscription): void;
    xml(invoice: AccountInvoice): void;
    copy(invoice: AccountInvoice): void;
    reload(): void;
  };
}

/** The error of the intent `key`, with its retry when one makes sense. */
function errorOf(view: AccountView, key: string, retry?: () => void): TemplateResult {
  const error = view.state.error?.key === key ? view.state.error : null;
  return html`<p class="error" role="alert" id=${`err-${key}`}>
    ${
      error
        ? html`${
            error.code === 'method_in_use'
              ? view.a('acc.methods.in_use')
              : view.errorText(error.code)
          }
          ${
            error.retryable && retry && error.code !== 'method_in_use'
              ? html`<button type="button" class="btn link" @click=${retry}>
                  ${view.a('acc.retry')}
                </button>`
              : nothing
          }`
        : nothing
    }
  </p>`;
}

const row = (term: string, value: string | TemplateResult) =>
  html`<div class="row">
    <dt>${term}</dt>
    <dd>${value}</dd>
  </div>`;

function methodLabel(view: AccountView, s: AccountSubscription): string {
  if (s.nextCharge?.source === 'credit') return view.a('acc.method.credit');
  const method = view.state.methods.find((m) => m.id === s.paymentMethodId);
  return method?.label ?? view.a('acc.method.none');
}

function expiryText(view: AccountView, s: AccountSubscription): string {
  const pec = s.productId === 'pec-addons';
  const date = view.date(s.expiresOn);
  switch (atExpiry(s)) {
    case 'failed':
      return view.a('acc.auto.failed', { date });
    case 'action':
      return view.a('acc.auto.action', { date });
    case 'renews':
      return pec
        ? view.a('acc.auto.on.pec', { date, amount: view.money(s.nextCharge!.totalCents) })
        : view.a('acc.auto.on.cp', {
            date,
            amount: view.money(s.nextCharge!.totalCents),
            charge: view.date(s.nextCharge!.date),
          });
    default:
      return view.a(pec ? 'acc.auto.off.pec' : 'acc.auto.off.cp', { date });
  }
}

function addonStatus(view: AccountView, addon: AccountSubscription['addons'][number]): string {
  if (addon.status === 'deactivated')
    return view.a('acc.addon.deactivated', {
      date: view.date(addon.deactivatedOn ?? addon.expiresOn),
    });
  if (addon.status === 'expired')
    return view.a('acc.addon.expired', { date: view.date(addon.expiresOn) });
  if (addon.status === 'free')
    return view.a('acc.addon.free', { date: view.date(addon.freeUntil ?? addon.expiresOn) });
  return view.a('acc.addon.active', { date: view.date(addon.expiresOn) });
}

function subscription(view: AccountView, s: AccountSubscription): TemplateResult {
  const pec = s.productId === 'pec-addons';
  const cards = view.state.methods;
  const autoKey = `auto-renew:${s.id}`;
  const methodKey = `method:${s.id}`;
  const chosen = view.chosenMethod(s);
  const active = s.status === 'active';
  // A mailbox renews itself (the Ordine pays it): its switch is about the add-ons it has.
  const switchable = !pec || s.addons.some((a) => a.status !== 'deactivated');
  // A service charged to a saved method can only renew with one.
  const canRenew = pec || cards.length > 0 || s.autoRenew;
  const deactivated = s.addons.some((a) => a.status === 'deactivated');
  const headingId = `sub-${s.id}`;
  return html`<article class="card" part="subscription" aria-labelledby=${headingId}>
    <h3 id=${headingId} aria-label=${pec ? s.label : nothing}>
      ${
        pec
          ? savedLabel(s.label)
          : html`${view.name(s.productId, 'product', s.productId)} ·
              <span class="number">${s.label}</span>`
      }
    </h3>
    <dl>
      ${s.planId && !pec ? row(view.a('acc.plan'), view.name(s.productId, 'plan', s.planId)) : nothing}
      ${
        s.years
          ? row(
              view.a('acc.term'),
              s.years === 1
                ? view.a('acc.term.year')
                : view.a('acc.term.years', { years: s.years }),
            )
          : nothing
      }
      ${row(view.a('acc.status'), view.a(`acc.status.${s.status}`))}
      ${row(view.a('acc.expires'), view.date(s.expiresOn))}
      ${row(
        view.a('acc.next'),
        s.nextCharge && s.autoRenew
          ? view.a('acc.next.value', {
              amount: view.money(s.nextCharge.totalCents),
              date: view.date(s.nextCharge.date),
            })
          : view.a('acc.next.none'),
      )}
      ${pec ? nothing : row(view.a('acc.method'), savedLabel(methodLabel(view, s)))}
    </dl>
    ${
      s.status === 'action_required' && s.actionUrl
        ? html`<p class="action">
            <a part="action" href=${view.href(s.actionUrl)}>${view.a('acc.action.pay')}</a>
          </p>`
        : nothing
    }
    <h4>${view.a('acc.addons')}</h4>
    ${
      s.addons.length
        ? html`<ul class="addons">
            ${s.addons.map(
              (addon) =>
                html`<li class=${addon.status}>
                  ${view.name(s.productId, 'addon', addon.id)} × ${addon.quantity}:
                  ${addonStatus(view, addon)}
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">${view.a('acc.addons.none')}</p>`
    }
    ${
      active && switchable
        ? html`<div class="field">
            <label class="choice">
              <input
                type="checkbox"
                .checked=${live(s.autoRenew)}
                ?disabled=${view.busy(autoKey) || (!canRenew && !s.autoRenew)}
                aria-describedby=${`exp-${s.id} err-${autoKey}`}
                @change=${(e: Event) =>
                  view.act.autoRenew(s.id, (e.target as HTMLInputElement).checked)}
              />
              ${view.a('acc.auto')}
            </label>
            <p class="muted" id=${`exp-${s.id}`}>
              ${canRenew ? expiryText(view, s) : view.a('acc.auto.needs_method')}
            </p>
            ${errorOf(view, autoKey, () => view.act.autoRenew(s.id, !s.autoRenew))}
          </div>`
        : active
          ? nothing
          : switchable
            ? html`<p class="muted">${expiryText(view, s)}</p>`
            : nothing
    }
    ${
      active && !pec && cards.length
        ? html`<div class="field">
            <fieldset
              class="methods-choice"
              ?disabled=${view.busy(methodKey)}
              aria-busy=${view.busy(methodKey) ? 'true' : 'false'}
              aria-describedby=${`err-${methodKey}`}
            >
              <legend>${view.a('acc.method')}</legend>
              ${
                chosen && cards.some((m) => m.id === chosen)
                  ? nothing
                  : html`<label class="choice">
                      <input type="radio" name=${`method-${s.id}`} value="" checked disabled />
                      ${view.a('acc.method.none')}
                    </label>`
              }
              ${methodRadios(view, `method-${s.id}`, cards, chosen, (id) =>
                view.act.method(s.id, id),
              )}
            </fieldset>
            ${errorOf(view, methodKey)}
          </div>`
        : nothing
    }
    ${
      active
        ? html`<p>
            <button type="button" class="btn secondary" @click=${() => view.act.buyMore(s)}>
              ${view.a(pec ? (deactivated ? 'acc.buy.again' : 'acc.buy.addons') : 'acc.buy.more')}
            </button>
          </p>`
        : nothing
    }
  </article>`;
}

function credit(view: AccountView): TemplateResult | typeof nothing {
  const { state } = view;
  const usesCredit =
    state.creditCents > 0 || state.subscriptions.some((s) => s.productId === 'pec-addons');
  if (!usesCredit) return nothing;
  const { outlook } = state;
  const next = state.subscriptions
    .filter((s) => s.autoRenew && s.nextCharge?.source === 'credit')
    .map((s) => s.nextCharge!)
    .sort((a, b) => a.date.localeCompare(b.date))[0];
  const minimum = minimumTopUpCents(outlook);
  const uncovered = outlook.firstUncovered;
  return html`<section aria-labelledby="credit-title" part="credit">
    <h3 id="credit-title">${view.a('acc.credit.title')}</h3>
    <p class="balance">
      ${view.a('acc.credit.balance', { amount: view.money(state.creditCents) })}
    </p>
    <p>
      ${
        next
          ? view.a('acc.credit.next', {
              date: view.date(next.date),
              amount: view.money(next.totalCents),
            })
          : view.a('acc.credit.none')
      }
    </p>
    ${
      uncovered
        ? html`<p class="warning" part="credit-warning">
            ${view.a('acc.credit.warning', {
              date: view.date(uncovered.date),
              amount: view.money(uncovered.totalCents),
              missing: view.money(outlook.shortfallCents),
            })}
          </p>`
        : next
          ? html`<p class="ok">${view.a('acc.credit.ok')}</p>`
          : nothing
    }
    <form
      class="top-up"
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        view.act.topUp(e.target as HTMLFormElement);
      }}
    >
      <div class="field">
        <label for="top-up">${view.a('acc.topup.label')}</label>
        <input
          id="top-up"
          name="amount"
          inputmode="decimal"
          autocomplete="off"
          .value=${view.topUpAmount}
          aria-describedby="top-up-hint err-top-up"
          aria-invalid=${view.state.error?.key === 'top-up' ? 'true' : 'false'}
        />
        <span class="muted" id="top-up-hint">
          ${view.a('acc.topup.hint', { amount: view.money(minimum) })}
        </span>
      </div>
      ${errorOf(view, 'top-up')}
      <button class="btn primary" aria-busy=${view.busy('top-up') ? 'true' : 'false'}>
        ${view.a('acc.topup.submit')}
      </button>
    </form>
  </section>`;
}

/**
 * One radio per saved method, each labelled by its whole label (a PayPal address wraps between its
 * pieces on a phone, where a native select would cut it): `chosen` checked, `choose` on a change.
 * With `choose` the checked one follows the server (back as it was when a change fails); without,
 * it is the buyer's pick until the form is used, `chosen` only the first default.
 */
function methodRadios(
  view: AccountView,
  name: string,
  methods: SavedPaymentMethod[],
  chosen: string | null,
  choose?: (id: string) => void,
): TemplateResult[] {
  return methods.map(
    (m) =>
      html`<label class="choice">
        <input
          type="radio"
          name=${name}
          value=${m.id}
          aria-label=${m.label}
          .checked=${choose ? live(m.id === chosen) : m.id === chosen}
          @change=${choose ? () => choose(m.id) : nothing}
        />${savedLabel(m.label)}
      </label>`,
  );
}

function method(view: AccountView, m: SavedPaymentMethod): TemplateResult {
  const key = `remove:${m.id}`;
  const using = view.renewalsUsing(m.id);
  const others = view.state.methods.filter((o) => o.id !== m.id);
  const replacementId = `replace-${m.id}`;
  const removeText = view.a('acc.methods.remove', { label: m.label });
  return html`<li>
    <span class="label">${savedLabel(m.label)}</span>
    ${
      using.length
        ? html`<span class="muted">
            ${view.a('acc.methods.used', { services: using.map((s) => s.label).join(', ') })}
          </span>`
        : nothing
    }
    ${
      using.length && others.length
        ? html`<fieldset class="field methods-choice" aria-describedby=${`err-${key}`}>
            <legend>${view.a('acc.methods.replace')}</legend>
            ${methodRadios(view, replacementId, others, others[0]!.id)}
          </fieldset>`
        : nothing
    }
    <button
      type="button"
      class="btn secondary"
      aria-label=${removeText}
      aria-describedby=${`err-${key}`}
      aria-busy=${view.busy(key) ? 'true' : 'false'}
      @click=${(e: Event) => {
        const chosen = (e.target as HTMLElement)
          .closest('li')
          ?.querySelector<HTMLInputElement>(`input[name="${CSS.escape(replacementId)}"]:checked`);
        view.act.remove(m.id, chosen?.value || undefined);
      }}
    >
      ${savedLabel(removeText)}
    </button>
    ${errorOf(view, key, () => view.act.remove(m.id))}
  </li>`;
}

function methods(view: AccountView): TemplateResult {
  const { methods } = view.state;
  return html`<section aria-labelledby="methods-title" part="methods">
    <h3 id="methods-title">${view.a('acc.methods.title')}</h3>
    ${
      methods.length
        ? html`<ul class="methods">
            ${methods.map((m) => method(view, m))}
          </ul>`
        : html`<p class="muted">${view.a('acc.methods.none')}</p>`
    }
    <p class="actions">
      ${(['card', 'paypal'] as const).map(
        (type) =>
          html`<button
            type="button"
            class="btn secondary"
            aria-busy=${view.busy(`add:${type}`) ? 'true' : 'false'}
            @click=${() => view.act.add(type)}
          >
            ${view.a(type === 'card' ? 'acc.methods.add.card' : 'acc.methods.add.paypal')}
          </button>`,
      )}
    </p>
    ${errorOf(view, 'add:card', () => view.act.add('card'))}
    ${errorOf(view, 'add:paypal', () => view.act.add('paypal'))}
  </section>`;
}

function partFailed(view: AccountView, code: string | undefined) {
  return code
    ? html`<p class="error" role="alert">
        ${view.a('acc.part.failed')} ${view.errorText(code)}
        <button type="button" class="btn link" @click=${view.act.reload}>
          ${view.a('acc.retry')}
        </button>
      </p>`
    : nothing;
}

function awaiting(view: AccountView): TemplateResult | typeof nothing {
  const { awaiting, partErrors } = view.state;
  if (!awaiting.length && !partErrors.awaiting) return nothing;
  const instructions = (order: Order) => {
    const i = order.instructions;
    return i
      ? html`<p>
            ${view.a(`acc.orders.${i.method}`, { beneficiary: i.beneficiary, account: i.account })}
          </p>
          <p>${view.a('acc.orders.reference', { reference: i.reference })}</p>`
      : nothing;
  };
  return html`<section aria-labelledby="orders-title" part="orders">
    <h3 id="orders-title">${view.a('acc.orders.title')}</h3>
    ${partFailed(view, partErrors.awaiting)}
    <ul class="orders">
      ${awaiting.map(
        (order) =>
          html`<li>
            <p class="label">
              ${view.a('acc.orders.number', {
                number: order.number,
                amount: view.money(order.payableCents ?? order.totalCents),
              })}
            </p>
            ${instructions(order)}
          </li>`,
      )}
    </ul>
  </section>`;
}

function invoices(view: AccountView): TemplateResult {
  const { invoices, partErrors } = view.state;
  return html`<section aria-labelledby="invoices-title" part="invoices">
    <h3 id="invoices-title">${view.a('acc.invoices.title')}</h3>
    ${partFailed(view, partErrors.invoices)}
    ${
      invoices.length
        ? html`<ul class="invoices">
            ${invoices.map(
              (invoice) =>
                html`<li>
                  <p class="label">
                    ${view.a('acc.invoices.row', {
                      number: invoice.number,
                      date: view.date(invoice.issuedOn),
                      amount: view.money(invoice.totalCents),
                    })}
                  </p>
                  <p class="muted">
                    ${view.a('acc.invoices.sent', {
                      address: invoice.sentTo.to ?? invoice.sentTo.address ?? '',
                    })}
                  </p>
                  <p class="actions">
                    <button
                      type="button"
                      class="btn secondary"
                      aria-label=${view.a('acc.invoices.xml.label', { number: invoice.number })}
                      aria-busy=${view.busy(`invoice:${invoice.id}`) ? 'true' : 'false'}
                      @click=${() => view.act.xml(invoice)}
                    >
                      ${view.a('acc.invoices.xml')}
                    </button>
                    ${
                      invoice.copyUrl
                        ? html`<button
                            type="button"
                            class="btn secondary"
                            aria-label=${view.a('acc.invoices.copy.label', { number: invoice.number })}
                            @click=${() => view.act.copy(invoice)}
                          >
                            ${view.a('acc.invoices.copy')}
                          </button>`
                        : nothing
                    }
                  </p>
                  ${errorOf(view, `invoice:${invoice.id}`, () => view.act.xml(invoice))}
                </li>`,
            )}
          </ul>`
        : partErrors.invoices
          ? nothing
          : html`<p class="muted">${view.a('acc.invoices.none')}</p>`
    }
  </section>`;
}

/** Everything the customer area shows once loaded. */
export function accountSections(view: AccountView): TemplateResult {
  const { subscriptions } = view.state;
  return html`<section aria-labelledby="subs-title" part="subscriptions">
      <h3 id="subs-title">${view.a('acc.subs.title')}</h3>
      ${
        subscriptions.length
          ? subscriptions.map((s) => subscription(view, s))
          : html`<p class="muted">${view.a('acc.subs.none')}</p>`
      }
    </section>
    ${credit(view)} ${methods(view)} ${awaiting(view)} ${invoices(view)}`;
}
