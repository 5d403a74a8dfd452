// <cassa-toggletip>'s styles: the help button and its bubble.
import { css } from 'lit';

export const toggletipStyles = css`
  :host {
    position: relative;
    display: inline-block;
    vertical-align: middle;
    background: none;
    font-weight: 400;
  }
  button {
    display: inline-grid;
    place-items: center;
    width: 1.75rem;
    height: 1.75rem;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: 50%;
    background: var(--_surface);
    color: var(--_primary);
    font: inherit;
    font-weight: 700;
    cursor: pointer;
  }
  button[aria-expanded='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  /* Placed by floating-ui (CSSOM position/left/top); until then under the button. */
  .bubble {
    position: absolute;
    top: calc(100% + 6px);
    left: 0;
    z-index: 1000;
    width: max-content;
    max-width: min(20rem, calc(100vw - 1rem));
    padding: var(--_s3) var(--_s4);
    border: 1px solid var(--_subtle);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: var(--_shadow);
    font-size: 0.875rem;
    text-align: start;
    white-space: normal;
  }
`;
