// <cassa-account-step>: log in, or register a new customer, before the holder data.
import { css, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Customer } from '../../api/schemas.ts';
import type { ErrorCode } from '../../domain/errors.ts';
import type { Holder } from '../../domain/types.ts';
import type {
  CassaHolderInputEvent,
  CassaHolderSubmitEvent,
  HolderDraft,
} from '../cassa-holder-form/cassa-holder-form.ts';
import { CassaElement } from '../shared/cassa-element.ts';
import '../../i18n/it/account.ts';
import { eventInit } from '../shared/events.ts';
import { formStyles, tokens } from '../shared/tokens.styles.ts';
import { defineElement } from '../shared/define-element.ts';

// Events carrying a password neither bubble nor cross the shadow root: only the checkout,
// listening on this element, ever sees them.

/** `cassa-login`: the login form was submitted. */
export class CassaLoginEvent extends CustomEvent<{ username: string; password: string }> {
  constructor(username: string, password: string) {
    super('cassa-login', { detail: { username, password } });
  }
}

/** `cassa-register`: the registration form was submitted valid. */
export class CassaRegisterEvent extends CustomEvent<{ holder: Holder; password: string }> {
  constructor(holder: Holder, password: string) {
    super('cassa-register', { detail: { holder, password } });
  }
}

/**
 * `cassa-register-input`: the buyer typed in the registration form; `value` is what it holds, never
 * the password (kept by the checkout, e.g. across closing and reopening it).
 */
export class CassaRegisterInputEvent extends CustomEvent<{ value: HolderDraft }> {
  constructor(value: HolderDraft) {
    super('cassa-register-input', { detail: { value } });
  }
}

/** `cassa-account-switch`: "Cambia account". */
export class CassaAccountSwitchEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('cassa-account-switch', eventInit({}));
  }
}

/** Only http(s) and relative addresses become links (never a `javascript:` one). */
function linkable(url: string): boolean {
  if (!url) return false;
  try {
    return /^https?:$/.test(new URL(url, document.baseURI).protocol);
  } catch {
    return false;
  }
}

/**
 * The account step: log in (username + password), or register as a new customer, or — when
 * logged in — who is logged in, with "Cambia account".
 *
 * @summary Log in or register.
 * @fires cassa-login - Login submitted (does not bubble: it carries the password).
 * @fires cassa-register - Registration submitted valid (does not bubble).
 * @fires cassa-register-input - The buyer typed in the registration form (the data, never the password; does not bubble).
 * @fires cassa-account-switch - "Cambia account".
 * @csspart login - The login form.
 * @csspart register - The registration area.
 * @cssprop --cassa-color-border-subtle - The line between login and registration.
 */
export class CassaAccountStep extends CassaElement {
  static override messages = ['frame', 'account'] as const;
  static override styles = [
    tokens,
    formStyles,
    css`
      form,
      .account {
        display: grid;
        gap: var(--_s3);
      }
      h3 {
        margin: 0;
        font-size: 1.05em;
      }
      .new {
        margin-top: var(--_s4);
        padding-top: var(--_s4);
        border-top: 1px solid var(--_subtle);
      }
    `,
  ];

  /** The logged-in customer, or null to show the login form. */
  @property({ attribute: false }) customer: Customer | null = null;
  /** Login or registration in flight. */
  @property({ type: Boolean }) busy = false;
  /** Why the last login/registration failed. */
  @property() error: ErrorCode | '' = '';
  /** Whether a new customer may register here. */
  @property({ type: Boolean, attribute: 'allow-register' }) allowRegister = false;
  /** Help under the username field (e.g. "1234567@aruba.it", or the full PEC address). */
  @property({ attribute: 'username-hint' }) usernameHint = '';
  /** Server field errors of the registration, relative to the holder (`vatNumber`, `password`). */
  @property({ attribute: false }) registerErrors: { path: string; code: string }[] = [];
  /** The backend's password recovery page ("Password dimenticata?"); empty: no link. */
  @property({ attribute: 'reset-url' }) resetUrl = '';

  @state() private registering = false;
  /** The registration form's file could not be loaded. */
  @state() private loadFailed = false;
  /**
   * What was typed in the registration form (kept while switching to login and back; never the
   * password). Given when the checkout is opened again: the registration form shows it.
   */
  // Nothing until the first input: the form starts empty (its own default, its own file).
  @property({ attribute: false }) registration?: HolderDraft;
  /** The registration given from outside was opened once (then the buyer's toggles rule). */
  #restored = false;
  @state() private missing = false;

  /**
   * A failed login: the buyer types again from the username, with the error read out with it
   * (pressed with the keyboard, the focus was on Accedi; it never falls to the page).
   */
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Opened again with registration data typed before: the registration form, as it was left.
    if (changed.has('registration') && this.registration && !this.#restored && !this.customer) {
      this.#restored = true;
      if (!this.registering) this.#toggle(true);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!changed.has('error') || !this.error || this.customer || this.registering) return;
    const active = this.shadowRoot?.activeElement;
    if (active && active.tagName === 'INPUT') return;
    this.renderRoot.querySelector<HTMLInputElement>('#username')?.focus();
  }

  override render() {
    if (this.customer) {
      return html`<div class="account">
        <p>${this.t('account.logged', { username: this.customer.username })}</p>
        <p>
          <button
            type="button"
            class="btn link"
            @click=${() => this.dispatchEvent(new CassaAccountSwitchEvent())}
          >
            ${this.t('account.switch')}
          </button>
        </p>
      </div>`;
    }
    return this.registering ? this.#register() : this.#login();
  }

  #errorText(): string {
    if (this.missing) return this.t('account.login.missing');
    if (this.loadFailed) return this.t('error.network');
    if (!this.error) return '';
    if (this.error === 'unauthorized') return this.t('account.login.failed');
    return this.t(`error.${this.error}`);
  }

  #login() {
    const error = this.#errorText();
    return html`<form part="login" novalidate @submit=${this.#submitLogin}>
        <h3>${this.t('account.login.title')}</h3>
        <div class="field">
          <label for="username">${this.t('account.username')}</label>
          <input
            id="username"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck="false"
            aria-describedby="username-hint login-error"
            aria-invalid=${error ? 'true' : 'false'}
          />
          <span class="muted" id="username-hint">${this.usernameHint}</span>
        </div>
        <div class="field">
          <label for="password">${this.t('account.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            aria-describedby="login-error"
            aria-invalid=${error ? 'true' : 'false'}
          />
        </div>
        ${
          linkable(this.resetUrl)
            ? html`<p class="forgot">
                <a href=${this.resetUrl} target="_blank" rel="noopener"
                  >${this.t('account.forgot')}<span class="sr">
                    ${this.t('account.newtab')}</span
                  ></a
                >
              </p>`
            : ''
        }
        <p class="error" id="login-error" role="alert">${error}</p>
        <div class="nav">
          <button class="btn primary" aria-disabled=${this.busy ? 'true' : 'false'}>
            ${this.t(this.busy ? 'account.login.busy' : 'account.login.submit')}
          </button>
        </div>
      </form>
      ${
        this.allowRegister
          ? html`<div class="new" part="register">
              <h3>${this.t('account.new.title')}</h3>
              <p>
                <button type="button" class="btn secondary" @click=${() => this.#toggle(true)}>
                  ${this.t('account.new.action')}
                </button>
              </p>
            </div>`
          : ''
      }`;
  }

  #register() {
    return html`<div part="register">
      <h3>${this.t('account.register.title')}</h3>
      <p class="muted">${this.t('account.register.note')}</p>
      <cassa-holder-form
        with-password
        locale=${this.locale}
        submit-label=${this.t('account.register.submit')}
        ?busy=${this.busy}
        .value=${this.registration}
        .serverErrors=${this.registerErrors}
        @cassa-holder-input=${(e: CassaHolderInputEvent) => {
          e.stopPropagation();
          this.#restored = true;
          this.registration = e.detail.value;
          this.dispatchEvent(new CassaRegisterInputEvent(e.detail.value));
        }}
        @cassa-holder-submit=${(e: CassaHolderSubmitEvent) => {
          e.stopPropagation();
          this.dispatchEvent(new CassaRegisterEvent(e.detail.holder, e.detail.password ?? ''));
        }}
      ></cassa-holder-form>
      <p class="error" role="alert">
        ${this.error && !this.registerErrors.length ? this.#errorText() : ''}
      </p>
      <p>
        <button type="button" class="btn link" @click=${() => this.#toggle(false)}>
          ${this.t('account.register.back')}
        </button>
      </p>
    </div>`;
  }

  #toggle(registering: boolean) {
    // The registration form is the holder step's element: a file of its own, usually prefetched.
    // Cannot be loaded (offline): the login stays, with the network error; trying again retries.
    if (registering)
      import('../cassa-holder-form/cassa-holder-form.ts').catch(() => {
        this.registering = false;
        this.loadFailed = true;
      });
    this.loadFailed = false;
    this.registering = registering;
    this.missing = false;
  }

  #submitLogin(event: SubmitEvent) {
    event.preventDefault();
    // While busy the button is aria-disabled, not disabled: it keeps the focus; presses wait.
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const username = (form.elements.namedItem('username') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    this.missing = !username || !password;
    if (this.missing) return;
    this.dispatchEvent(new CassaLoginEvent(username, password));
  }
}

defineElement('cassa-account-step', CassaAccountStep);

declare global {
  interface HTMLElementTagNameMap {
    'cassa-account-step': CassaAccountStep;
  }
  interface GlobalEventHandlersEventMap {
    'cassa-login': CassaLoginEvent;
    'cassa-register': CassaRegisterEvent;
    'cassa-account-switch': CassaAccountSwitchEvent;
  }
}
