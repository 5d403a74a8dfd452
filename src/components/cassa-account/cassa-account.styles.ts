// The customer area's layout: one column of sections, cards for services, from 320 px up.
import { css } from 'lit';

export const accountStyles = css`
  :host {
    container-type: inline-size;
  }
  .area {
    display: grid;
    gap: var(--_s5);
    padding: var(--_s4);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_s2);
  }
  h2 {
    margin: 0;
    font-size: 1.35em;
  }
  h3 {
    margin: 0 0 var(--_s3);
    font-size: 1.1em;
  }
  /* "Certified Platform · C-2026-000001": may wrap before the order number, never inside it. */
  h3 .number {
    white-space: nowrap;
  }
  h4 {
    margin: var(--_s3) 0 var(--_s1);
    font-size: 1em;
  }
  section {
    display: grid;
    gap: var(--_s3);
  }
  /* Grid items may shrink below their content (long addresses wrap instead of overflowing). */
  .area > *,
  section > *,
  article > *,
  li > * {
    min-width: 0;
  }
  .btn {
    white-space: normal;
    overflow-wrap: anywhere;
  }
  section > h3 {
    margin: 0;
  }
  article.card {
    display: grid;
    gap: var(--_s2);
    cursor: auto;
  }
  /* A subscription is a card of its own, not a choice: its auto-renew label covers only itself
     (the shared card rule stretches a choice's label over the whole card, which would cover the
     card's buttons). */
  article.card .choice::after {
    content: none;
  }
  article.card h3 {
    margin: 0;
    overflow-wrap: anywhere;
  }
  dl {
    display: grid;
    gap: var(--_s1) var(--_s4);
    margin: 0;
  }
  .row {
    display: grid;
    grid-template-columns: minmax(8em, 1fr) 2fr;
    gap: var(--_s2);
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .addons,
  .methods,
  .orders,
  .invoices {
    display: grid;
    gap: var(--_s3);
    padding: 0;
    list-style: none;
  }
  .addons {
    gap: var(--_s1);
    padding-left: var(--_s4);
    list-style: disc;
  }
  .addons .deactivated {
    color: var(--_muted);
  }
  .methods li,
  .orders li,
  .invoices li {
    display: grid;
    gap: var(--_s1);
    padding: var(--_s3);
    border: 1px solid var(--_subtle);
    border-radius: var(--_radius);
  }
  .label {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s2);
    align-items: center;
  }
  .balance {
    font-size: 1.2em;
    font-weight: 600;
  }
  .ok {
    color: var(--_success);
  }
  .warning {
    padding: var(--_s2) var(--_s3);
    border-left: 4px solid var(--_warning);
    background: var(--_alt);
  }
  .top-up {
    display: grid;
    gap: var(--_s2);
    max-width: 28em;
  }
  .top-up .btn {
    justify-self: start;
  }
  li > .btn,
  li > .field,
  .field > select {
    justify-self: start;
    max-width: 100%;
  }
  select {
    font: inherit;
    padding: var(--_s2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    max-width: 100%;
  }
  .status {
    min-height: 1.5em;
  }
  /* A choice among saved methods: one radio per line, its label wrapping whole (an email between
     its pieces) on a phone. */
  .methods-choice {
    display: grid;
    gap: var(--_s2);
    justify-self: stretch;
  }
  .methods-choice .choice {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .notice {
    margin: 0;
    padding: var(--_s2) var(--_s3);
    border-left: 4px solid var(--_primary);
    background: var(--_surface);
  }
  .notice.failed {
    border-left-color: var(--_warning);
  }
  @container (max-width: 420px) {
    .area {
      padding: var(--_s2);
    }
    .row {
      grid-template-columns: 1fr;
      gap: 0;
    }
    .btn,
    select {
      width: 100%;
    }
  }
`;
