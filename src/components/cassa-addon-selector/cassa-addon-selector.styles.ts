// <cassa-addon-selector>'s styles: the add-on rows, steppers and running total.
import { css } from 'lit';

export const addonSelectorStyles = css`
  :host {
    display: grid;
    gap: var(--_s3);
  }
  /* Name, hint and error take a line each; the price sits beside the stepper, or under it. */
  .addon {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_s2) var(--_s4);
    padding: var(--_s4);
    border: 1px solid var(--_subtle);
    border-radius: var(--_radius);
  }
  label,
  .addon p {
    flex-basis: 100%;
  }
  .off {
    background: var(--_alt);
  }
  /* Its room is kept while empty, and wide enough for any price: whether it sits beside the
     stepper or under it never depends on the figure, so a quantity typed never moves what follows. */
  .amount {
    min-width: 12rem;
    min-height: 1.5em;
    margin-left: auto;
    font-weight: 600;
    text-align: end;
    white-space: nowrap;
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
  .unit {
    color: var(--_muted);
  }
  .stepper .btn {
    width: 2.75rem;
    padding: 0;
    font-size: 1.25em;
  }
  /* Two lines always (label, figure): its height never depends on the figure or on loading. */
  .running {
    display: grid;
    min-height: 3em;
    padding: var(--_s2) var(--_s3);
    border-radius: var(--_radius);
    background: var(--_alt);
  }
  .figure {
    font-weight: 700;
  }
  /* A newer quote on its way: the last figure stays, in the muted color (still AA on its ground). */
  .running.loading .figure {
    color: var(--_muted);
  }
`;
