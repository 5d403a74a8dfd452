// The floor: a plain Lit element with a few labelled inputs and no data to load, bundled the
// same way as the Adyen page. Interactive once its first render has committed.
import { LitElement, css, html } from 'lit';

class BenchLitForm extends LitElement {
  static override styles = css`
    form {
      display: grid;
      gap: 0.75rem;
      max-width: 28rem;
      font:
        16px/1.4 system-ui,
        sans-serif;
    }
    label {
      display: grid;
      gap: 0.25rem;
    }
    input,
    select,
    button {
      font: inherit;
      padding: 0.5rem;
    }
  `;

  static override properties = { plan: { type: String } };

  declare plan: string;

  constructor() {
    super();
    this.plan = 'base';
  }

  override render() {
    return html`
      <form @submit=${(event: Event) => event.preventDefault()}>
        <label
          >Piano
          <select
            .value=${this.plan}
            @change=${(event: Event) => {
              this.plan = (event.target as HTMLSelectElement).value;
            }}
          >
            <option value="free">Versione gratuita</option>
            <option value="base">Versione base</option>
          </select>
        </label>
        <label>Ragione sociale <input name="name" autocomplete="organization" required /></label>
        <label>Partita IVA <input name="vat" inputmode="numeric" maxlength="11" required /></label>
        <label>Email <input name="email" type="email" autocomplete="email" required /></label>
        <button type="submit">Continua</button>
      </form>
    `;
  }
}

if (!customElements.get('bench-lit-form')) customElements.define('bench-lit-form', BenchLitForm);

const form = document.querySelector('bench-lit-form') as BenchLitForm | null;
if (!form) window.__bench.fail('lit page: missing <bench-lit-form>');
else
  void form.updateComplete.then(() =>
    window.__bench.whenRendered(
      () => (form.shadowRoot?.querySelectorAll('input, select').length ?? 0) >= 4,
      () => window.__bench.markInteractive(),
    ),
  );
