// Design tokens and the shared look of every Cassa element (STYLE.md 7).
import { css } from 'lit';

/**
 * Design tokens. Set any of them on the element or an ancestor to theme the widget; each has a
 * fallback chosen for WCAG 2.2 AA on the default white surface.
 *
 * | custom property | default | used for |
 * |---|---|---|
 * | `--cassa-color-primary` | `#1d4ed8` | the one accent: primary button, selected card, links |
 * | `--cassa-color-primary-contrast` | `#fff` | text on the accent |
 * | `--cassa-color-text` | `#1f2937` | body text (14:1 on white) |
 * | `--cassa-color-muted` | `#4b5563` | secondary text (7.5:1 on white) |
 * | `--cassa-color-surface` | `#fff` | the widget's own background (painted even on a dark page) |
 * | `--cassa-color-surface-alt` | `#f3f4f6` | selected or grouped areas |
 * | `--cassa-color-border` | `#6b7280` | input borders (4.8:1, above the 3:1 for controls) |
 * | `--cassa-color-border-subtle` | `#d1d5db` | card outlines and dividers (decorative) |
 * | `--cassa-color-danger` | `#b91c1c` | errors |
 * | `--cassa-color-warning` | `#92400e` | warnings (advice that does not block) |
 * | `--cassa-color-success` | `#15803d` | "free", confirmations |
 * | `--cassa-color-focus` | `#2563eb` | the 3 px focus ring (5:1 on white) |
 * | `--cassa-radius` | `8px` | corners |
 * | `--cassa-font-family` | `system-ui, …` | all text |
 * | `--cassa-font-size` | `1rem` | base size; everything else is relative |
 * | `--cassa-space-1` … `--cassa-space-5` | `.25rem .5rem .75rem 1rem 1.5rem` | spacing scale |
 * | `--cassa-shadow` | `0 1px 3px #0002` | raised surfaces (toggletip bubble) |
 */
export const tokens = css`
  :host {
    --_primary: var(--cassa-color-primary, #1d4ed8);
    --_on-primary: var(--cassa-color-primary-contrast, #fff);
    --_text: var(--cassa-color-text, #1f2937);
    --_muted: var(--cassa-color-muted, #4b5563);
    --_surface: var(--cassa-color-surface, #fff);
    --_alt: var(--cassa-color-surface-alt, #f3f4f6);
    --_border: var(--cassa-color-border, #6b7280);
    --_subtle: var(--cassa-color-border-subtle, #d1d5db);
    --_danger: var(--cassa-color-danger, #b91c1c);
    --_warning: var(--cassa-color-warning, #92400e);
    --_success: var(--cassa-color-success, #15803d);
    --_focus: var(--cassa-color-focus, #2563eb);
    --_radius: var(--cassa-radius, 8px);
    --_s1: var(--cassa-space-1, 0.25rem);
    --_s2: var(--cassa-space-2, 0.5rem);
    --_s3: var(--cassa-space-3, 0.75rem);
    --_s4: var(--cassa-space-4, 1rem);
    --_s5: var(--cassa-space-5, 1.5rem);
    --_shadow: var(--cassa-shadow, 0 1px 3px #0002, 0 4px 12px #0001);
    display: block;
    box-sizing: border-box;
    color-scheme: light;
    color: var(--_text);
    background: var(--_surface);
    font: var(--cassa-font-size, 1rem) / 1.5
      var(--cassa-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  ::before,
  ::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  p,
  ul {
    margin: 0;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .muted {
    color: var(--_muted);
    font-size: 0.875em;
  }
`;

/** Fields, messages, choices and buttons, shared by every form-like element. */
export const formStyles = css`
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend,
  label {
    font-weight: 600;
  }
  legend {
    padding: 0;
    margin-bottom: var(--_s2);
  }
  .field {
    display: grid;
    gap: var(--_s1);
    align-content: start;
  }
  input:not([type='radio'], [type='checkbox']) {
    width: 100%;
    min-height: 2.75rem;
    padding: var(--_s2) var(--_s3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }
  input[readonly] {
    background: var(--_alt);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: inset 0 0 0 1px var(--_danger);
  }
  input[type='radio'],
  input[type='checkbox'] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.125rem 0 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .choice {
    display: flex;
    gap: var(--_s2);
    align-items: flex-start;
    min-height: 1.5rem;
    font-weight: 400;
    cursor: pointer;
  }
  /* A bordered choice; its label covers the whole card, the radio keeps the focus. */
  .card {
    position: relative;
    display: grid;
    gap: var(--_s1);
    align-content: start;
    padding: var(--_s3) var(--_s4);
    border: 1px solid var(--_subtle);
    border-radius: var(--_radius);
  }
  .card:hover {
    border-color: var(--_border);
  }
  .card .choice::after {
    content: '';
    position: absolute;
    inset: 0;
  }
  .card:has(:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .card input:focus-visible {
    outline: none;
  }
  .selected {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 1px var(--_primary);
    background: var(--_alt);
  }
  .card .muted {
    padding-left: 1.75rem;
  }
  .error,
  .warning {
    font-size: 0.875em;
    font-weight: 600;
  }
  .error {
    color: var(--_danger);
  }
  .warning {
    color: var(--_warning);
  }
  .error:empty,
  .warning:empty {
    display: none;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.75rem;
    padding: var(--_s2) var(--_s5);
    border: 1px solid transparent;
    border-radius: var(--_radius);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .secondary {
    background: var(--_surface);
    color: var(--_text);
    border-color: var(--_border);
  }
  .link {
    min-height: 1.5rem;
    padding: 0;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
  }
  .btn:disabled,
  .btn[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  /* Work in progress stays readable: the label says what is happening. */
  .btn[aria-busy='true'] {
    opacity: 0.85;
    cursor: progress;
  }
  a {
    color: var(--_primary);
  }
  /* One navigation layout on every step and at every width: Back at the start, the step's main
     action at the end, on one line (a long label wraps inside its button). */
  .nav {
    display: flex;
    align-items: stretch;
    gap: var(--_s3);
  }
  .nav .primary {
    margin-left: auto;
  }
  .note {
    padding: var(--_s3) var(--_s4);
    border-radius: var(--_radius);
    background: var(--_alt);
  }
`;
