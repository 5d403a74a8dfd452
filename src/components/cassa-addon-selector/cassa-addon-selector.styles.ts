import { css } from 'lit';

export const addonSelectorStyles = css`
  :host {
    display: grid;
    gap: var(--_s3);
  }
  .addon {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: var(--_s2) var(--_s4);
    align-items: center;
    padding: var(--_s4);
    border: 1px solid var(--_subtle);
    border-radius: var(--_radius);
  }
  .addon > p {
    grid-column: 1 / -1;
  }
  .off {
    background: var(--_alt);
  }
  .amount {
    font-weight: 600;
    text-align: end;
  }
  .stepper {
    display: flex;
    align-items: center;
    gap: var(--_s2);
  }
  .stepper input:not([type='checkbox']) {
    width: 4.5rem;
    text-align: center;
  }
  .stepper .btn {
    width: 2.75rem;
    padding: 0;
    font-size: 1.25em;
  }
`;
