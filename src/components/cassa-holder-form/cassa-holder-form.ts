// <cassa-holder-form>: the holder's registry data (the holder step, and the registration form).
import { html, type PropertyValues, type TemplateResult, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Holder } from '../../domain/types.ts';
import { isPublicAdministrationCode } from '../../domain/validators/codice-destinatario.ts';
import { normalizeCodiceDestinatario } from '../../domain/validators/codice-destinatario.ts';
import { holderTextLimit, validateHolder } from '../../domain/validators/holder.ts';
import type { MessageKey } from '../../i18n/index.ts';
import '../cassa-toggletip/cassa-toggletip.ts';
import { CassaElement } from '../shared/cassa-element.ts';
import '../../i18n/it/holder.ts';
import '../../i18n/it/forms.ts';
import { emit, eventInit } from '../shared/events.ts';
import { formStyles, tokens } from '../shared/tokens.styles.ts';
import { holderFormStyles } from './cassa-holder-form.styles.ts';
import { draftToHolder } from '../../domain/draft-to-holder.ts';
import { passwordLengthError } from '../../domain/password.ts';
import { emptyHolderDraft, holderToDraft, type HolderDraft } from '../../domain/holder-draft.ts';
import { defineElement } from '../shared/define-element.ts';

export { draftToHolder } from '../../domain/draft-to-holder.ts';
export { emptyHolderDraft, holderToDraft, type HolderDraft } from '../../domain/holder-draft.ts';

export class CassaHolderInputEvent extends CustomEvent<{ value: HolderDraft }> {
  constructor(detail: { value: HolderDraft }) {
    super('cassa-holder-input', eventInit(detail));
  }
}

export interface HolderSubmit {
  holder: Holder;
  /** Only with `withPassword` (registration). */
  password?: string;
}

export class CassaHolderSubmitEvent extends CustomEvent<HolderSubmit> {
  constructor(detail: HolderSubmit) {
    super('cassa-holder-submit', eventInit(detail));
  }
}

type Key = keyof HolderDraft | 'password';

/** Fields in screen order: a failed submit focuses the first one with an error. */
const ORDER: Key[] = [
  'type', 'name', 'vatNumber', 'taxCode', 'street', 'postalCode', 'city', 'province',
  'country', 'email', 'sdiCode', 'cig', 'cup', 'pec', 'password',
]; // prettier-ignore

/** `address.postalCode`, `holder.eInvoice.sdiCode` → the field that shows it. */
function keyOf(path: string, draft: HolderDraft): string {
  const key = path.split('.').pop() ?? '';
  return key === 'eInvoice' ? (draft.eInvoiceKind === 'pec' ? 'pec' : 'sdiCode') : key;
}

interface FieldOptions {
  autocomplete?: string;
  inputmode?: string;
  type?: string;
  upper?: boolean;
  hint?: string;
  /** The hint is advice that does not block (a PEC address as ordinary email). */
  warning?: boolean;
  tip?: TemplateResult;
  /** Help next to the label. */
  labelTip?: TemplateResult;
}

/**
 * The holder's registry data: type, name, Partita IVA, Codice Fiscale, address, ordinary email
 * and where the e-invoice goes (Codice Destinatario or PEC), checked with the same validators as
 * the server. Errors appear when a field the buyer typed in loses focus, and all at once on
 * submit, which then moves the focus to the first invalid field.
 *
 * @summary Holder (buyer) data form.
 * @fires {CassaHolderInputEvent} cassa-holder-input - On every change; `detail.value` is the whole HolderDraft.
 * @fires {CassaHolderSubmitEvent} cassa-holder-submit - Submitted and valid; `detail: { holder, password? }`.
 * @csspart form - The form.
 * @csspart field - Each label + input + message group.
 * @csspart nav - The row of the submit button (Back, when slotted, at its start).
 * @csspart submit - The submit button.
 * @csspart public-administration - The note shown for a public administration's office code.
 * @slot back - A Back button, placed at the start of the submit button's row.
 * @cssprop --cassa-color-danger - Error messages and invalid borders.
 * @cssprop --cassa-color-warning - Advice that does not block (a PEC as ordinary email).
 */
export class CassaHolderForm extends CassaElement {
  static override messages = ['frame', 'holder', 'forms'] as const;
  static override styles = [tokens, formStyles, holderFormStyles];

  @property({ attribute: false }) value: HolderDraft = emptyHolderDraft();
  /** Field errors from the server, paths relative to the holder (`address.postalCode`). */
  @property({ attribute: false }) serverErrors: { path: string; code: string }[] = [];
  /** Adds a new-password field (registration). */
  @property({ type: Boolean, attribute: 'with-password' }) withPassword = false;
  @property({ attribute: 'submit-label' }) submitLabel = '';
  @property({ type: Boolean }) busy = false;

  @state() private password = '';
  @state() private submitted = false;
  /** Fields whose errors are visible: typed in, then left. */
  @state() private shown = new Set<string>();
  #typed = new Set<string>();
  /** Fields edited since the server errors arrived: their server error is stale. */
  #edited = new Set<string>();

  /**
   * A registered holder (the checkout's holder step, logged in): shown for checking while nothing
   * was typed (`value` unset), and again for another account until the buyer types.
   */
  @property({ attribute: false }) registered: Holder | null = null;
  /** The draft shown from `registered` (replaced when the account changes, until typed over). */
  #prefill?: HolderDraft;

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('serverErrors')) this.#edited = new Set();
    const value = this.value as HolderDraft | undefined;
    // Bound before the buyer typed anything (`undefined`): the registered holder, or an empty form.
    if (value === undefined || (changed.has('registered') && value === this.#prefill)) {
      this.#prefill = this.registered ? holderToDraft(this.registered) : undefined;
      this.value = this.#prefill ?? emptyHolderDraft();
    }
  }

  /** New server errors (a 422 on registration): the first field they name gets the focus. */
  protected override updated(changed: PropertyValues<this>) {
    if (!changed.has('serverErrors') || !this.serverErrors.length || !changed.get('serverErrors'))
      return;
    const keys = new Set(this.serverErrors.map((e) => keyOf(e.path, this.value)));
    const first = ORDER.find((key) => keys.has(key));
    if (first) this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
  }

  /** Error code per field key: the client's checks once visible, else the server's. */
  #errors(): Map<string, string> {
    const errors = new Map<string, string>();
    for (const { path, code } of this.serverErrors) {
      const key = keyOf(path, this.value);
      if (!this.#edited.has(key) && !errors.has(key)) errors.set(key, code);
    }
    for (const [key, code] of this.#check()) {
      if (this.submitted || this.shown.has(key)) errors.set(key, code);
    }
    return errors;
  }

  /** Every rule the current input breaks, by field key. */
  #check(): Map<string, string> {
    const found = new Map<string, string>();
    for (const { path, code } of validateHolder(draftToHolder(this.value)).errors) {
      const key = keyOf(path, this.value);
      if (!found.has(key)) found.set(key, code);
    }
    if (this.withPassword) {
      const short = passwordLengthError(this.password);
      if (!this.password) found.set('password', 'required');
      else if (short) found.set('password', short);
    }
    return found;
  }

  override render() {
    const errors = this.#errors();
    const warning = validateHolder(draftToHolder(this.value)).warnings.some(
      (w) => w.path === 'email',
    );
    const company = this.value.type === 'company';
    const sdi = this.value.eInvoiceKind === 'sdi';
    // A 6-character code is a public administration's office: it may give CIG and CUP.
    const publicAdministration =
      sdi && isPublicAdministrationCode(normalizeCodiceDestinatario(this.value.sdiCode));
    const unplaced = [...errors].filter(([key]) => !ORDER.includes(key as Key));
    const field = (key: Key, label: MessageKey, options: FieldOptions = {}) =>
      this.#field(key, this.t(label), errors.get(key), options);
    return html`<form part="form" novalidate aria-busy=${this.busy} @submit=${this.#submit}>
      <p class="error" role="alert">
        ${unplaced.map(([key, code]) => this.#message(code, key)).join(' ')}
      </p>
      ${this.#choice('type', 'holder.type', ['company', 'professional'], errors.get('type'))}
      ${field('name', company ? 'holder.name.company' : 'holder.name.person', {
        autocomplete: company ? 'organization' : 'name',
      })}
      <div class="row">
        ${field('vatNumber', 'holder.vatNumber', { inputmode: 'numeric' })}
        ${field('taxCode', 'holder.taxCode', { upper: true })}
      </div>
      ${field('street', 'holder.street', { autocomplete: 'street-address' })}
      <div class="row address">
        ${field('postalCode', 'holder.postalCode', { autocomplete: 'postal-code', inputmode: 'numeric' })}
        ${field('city', 'holder.city', { autocomplete: 'address-level2' })}
        ${field('province', 'holder.province', { upper: true })}
      </div>
      ${this.#field('country', this.t('holder.country'), errors.get('country'), {}, this.t('holder.country.it'))}
      ${field('email', 'holder.email', {
        type: 'email',
        autocomplete: 'email',
        hint: warning ? this.t('warning.email.looks_pec') : this.t('holder.email.hint'),
        warning,
        tip: warning ? this.#tip('tip.email.label', 'tip.email') : undefined,
      })}
      ${this.#choice('eInvoiceKind', 'holder.einvoice', ['sdi', 'pec'])}
      ${
        sdi
          ? field('sdiCode', 'holder.sdiCode', {
              upper: true,
              autocomplete: 'off',
              hint: this.t('holder.sdiCode.hint'),
              labelTip: this.#tip('tip.sdi.label', 'tip.sdi'),
            })
          : field('pec', 'holder.pec', { type: 'email', autocomplete: 'off' })
      }
      ${
        publicAdministration
          ? html`<p class="muted pa" part="public-administration">${this.t('holder.pa.note')}</p>
              <div class="row">
                ${field('cig', 'holder.cig', { upper: true, autocomplete: 'off', hint: this.t('holder.cig.hint') })}
                ${field('cup', 'holder.cup', { upper: true, autocomplete: 'off', hint: this.t('holder.cup.hint') })}
              </div>`
          : ''
      }
      ${
        this.withPassword
          ? field('password', 'holder.password', {
              type: 'password',
              autocomplete: 'new-password',
              hint: this.t('holder.password.hint'),
            })
          : ''
      }
      <div class="nav" part="nav">
        <slot name="back"></slot>
        <button class="btn primary" part="submit" ?disabled=${this.busy} aria-busy=${this.busy}>
          ${this.busy ? this.t('holder.busy') : this.submitLabel || this.t('holder.submit')}
        </button>
      </div>
    </form>`;
  }

  /** A field's message; "too long" names the field's limit. */
  #message(code: string, key: string): string {
    const path = key === 'street' || key === 'city' ? `address.${key}` : key;
    // Email and PEC take 254 characters, a password 200 (the contract's schemas).
    const max = holderTextLimit(path) ?? (key === 'password' ? 200 : 254);
    return this.tOr(`field.${code}`, 'field.invalid', { max });
  }

  #tip(label: MessageKey, text: MessageKey) {
    return html`<cassa-toggletip label=${this.t(label)} .locale=${this.locale}
      >${this.t(text)}</cassa-toggletip
    >`;
  }

  #field(
    key: Key,
    label: string,
    code: string | undefined,
    options: FieldOptions,
    readonlyText?: string,
  ) {
    const { hint, tip } = options;
    const labelled = html`<label for=${key}>${label}</label>`;
    return html`<div class="field" part="field">
      ${options.labelTip ? html`<span class="head">${labelled}${options.labelTip}</span>` : labelled}
      <input
        id=${key}
        name=${key}
        type=${options.type ?? 'text'}
        class=${options.upper ? 'upper' : ''}
        .value=${live(readonlyText ?? (key === 'password' ? this.password : this.value[key]))}
        ?readonly=${readonlyText !== undefined}
        autocomplete=${options.autocomplete ?? nothing}
        inputmode=${options.inputmode ?? nothing}
        aria-invalid=${Boolean(code)}
        aria-describedby="${key}-m"
        @input=${this.#input}
        @blur=${this.#blur}
      />
      <div class="msg ${key}">
        <p id="${key}-m" class=${code ? 'error' : options.warning ? 'warning' : 'muted'}>
          ${code ? this.#message(code, key) : (hint ?? '')}
        </p>
        ${tip ?? ''}
      </div>
    </div>`;
  }

  #choice(key: 'type' | 'eInvoiceKind', legend: MessageKey, options: string[], code?: string) {
    return html`<fieldset>
      <legend>${this.t(legend)}</legend>
      <div class="choices">
        ${options.map(
          (option, index) =>
            html`<label class="choice"
              ><input
                type="radio"
                id=${index === 0 ? key : nothing}
                name=${key}
                .value=${option}
                .checked=${live(this.value[key] === option)}
                aria-describedby="${key}-m"
                @change=${this.#input}
              />${this.tOr(`holder.${key}.${option}`, 'field.invalid')}</label
            >`,
        )}
      </div>
      <p id="${key}-m" class="error">${code ? this.#message(code, key) : ''}</p>
    </fieldset>`;
  }

  #input = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const key = input.name as Key;
    this.#typed.add(key);
    this.#edited.add(key);
    if (key === 'password') {
      this.password = input.value;
      return;
    }
    const text = key === 'province' ? input.value.toUpperCase() : input.value;
    this.value = { ...this.value, [key]: text };
    emit(this, new CassaHolderInputEvent({ value: this.value }));
  };

  #blur = (event: Event) => {
    const key = (event.target as HTMLInputElement).name;
    if (this.#typed.has(key) && !this.shown.has(key)) this.shown = new Set(this.shown).add(key);
  };

  async #submit(event: Event) {
    event.preventDefault();
    if (this.busy) return;
    this.submitted = true;
    const errors = this.#check();
    if (errors.size === 0) {
      const password = this.withPassword ? { password: this.password } : {};
      emit(this, new CassaHolderSubmitEvent({ holder: draftToHolder(this.value), ...password }));
      return;
    }
    await this.updateComplete;
    const first = ORDER.find((key) => errors.has(key));
    this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
  }
}

defineElement('cassa-holder-form', CassaHolderForm);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-holder-form': CassaHolderForm;
  }
  interface GlobalEventHandlersEventMap {
    'cassa-holder-input': CassaHolderInputEvent;
    'cassa-holder-submit': CassaHolderSubmitEvent;
  }
}
