import { css } from 'lit';

export const checkoutStyles = css`
  :host {
    container-type: inline-size;
  }
  .checkout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_s4);
    padding: var(--_s4);
  }
  section {
    display: grid;
    /* Columns may shrink below a long unbreakable text (an email, an IBAN) at 320 px. */
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_s4);
  }
  h2 {
    margin: 0;
    font-size: 1.375em;
    line-height: 1.25;
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
  @container (max-width: 24rem) {
    .checkout {
      padding: var(--_s2);
    }
  }
`;
