// <cassa-overlay>'s styles: the modal dialog around the checkout.
import { css } from 'lit';

// A centered card over a dimmed page on desktop, a full-screen sheet on phones (< 600 px).
export const overlayStyles = css`
  :host {
    display: contents;
  }
  dialog {
    box-sizing: border-box;
    width: min(720px, calc(100vw - 2rem));
    max-width: none;
    max-height: calc(100dvh - 2rem);
    padding: 0;
    border: 0;
    border-radius: calc(var(--cassa-radius, 8px) * 1.5);
    background: var(--cassa-color-surface, #fff);
    color: var(--cassa-color-text, #1f2937);
    font-family: var(--cassa-font-family, system-ui, sans-serif);
    box-shadow: 0 24px 64px rgb(15 23 42 / 0.35);
    overflow: auto;
    overscroll-behavior: contain;
    /* A field or heading focused by keyboard or script is scrolled clear of the sticky header. */
    scroll-padding-top: calc(44px + 1.5rem);
  }
  dialog::backdrop {
    background: var(--cassa-overlay-backdrop, rgb(15 23 42 / 0.6));
  }
  .header {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    padding: 0.5rem 0.75rem 0.5rem 1.25rem;
    border-bottom: 1px solid var(--cassa-color-border-subtle, #d1d5db);
    background: inherit;
  }
  h2 {
    margin: 0;
    font-size: 1.0625rem;
  }
  /* A word wraps whole ("C-2026-000001" not after its hyphens), inside only if wider than a line. */
  h2 span {
    display: inline-block;
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  .close {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-height: 44px;
    padding: 0 0.875rem;
    border: 1px solid var(--cassa-color-border, #6b7280);
    border-radius: var(--cassa-radius, 8px);
    background: var(--cassa-color-surface, #fff);
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .close:hover {
    background: var(--cassa-color-surface-alt, #f3f4f6);
  }
  .close:focus-visible {
    outline: 3px solid var(--cassa-color-focus, #2563eb);
    outline-offset: 2px;
  }
  .close span {
    font-size: 1.25rem;
    line-height: 1;
  }
  .body {
    padding: 1rem 1.25rem 1.5rem;
  }
  .ask {
    width: min(28rem, calc(100vw - 2rem));
    height: fit-content;
    max-height: calc(100dvh - 2rem);
    margin: auto;
    padding: 1.25rem;
    border-radius: calc(var(--cassa-radius, 8px) * 1.5);
  }
  .ask h3 {
    margin: 0 0 0.5rem;
    font-size: 1.125rem;
  }
  .ask p {
    margin: 0 0 1rem;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .choices button {
    min-height: 44px;
    padding: 0 1rem;
    border: 1px solid var(--cassa-color-border, #6b7280);
    border-radius: var(--cassa-radius, 8px);
    background: var(--cassa-color-surface, #fff);
    color: inherit;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .choices .primary {
    border-color: transparent;
    background: var(--cassa-color-primary, #1d4ed8);
    color: var(--cassa-color-primary-contrast, #fff);
  }
  .choices button:focus-visible {
    outline: 3px solid var(--cassa-color-focus, #2563eb);
    outline-offset: 2px;
  }
  @media (max-width: 599.98px) {
    dialog:not(.ask) {
      width: 100%;
      height: 100%;
      max-height: none;
      margin: 0;
      border-radius: 0;
    }
    .body {
      padding: 0.75rem 0.75rem 1.5rem;
    }
  }
`;
