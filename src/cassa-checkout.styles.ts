// <cassa-checkout>'s styles: the frame around the steps (heading, banner, navigation).
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
    /* Brought into view (back from the payment page): a little room above, never cut at the top. */
    scroll-margin-top: var(--_s2);
  }
  @container (max-width: 24rem) {
    .checkout {
      padding: var(--_s2);
    }
  }
  /* The selection's yearly price, kept in sight on the login step. */
  .running {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_s2);
    margin: 0 0 var(--_s3);
    padding: var(--_s2) var(--_s3);
    border-radius: var(--_radius);
    background: var(--_alt);
  }
  .running .figure {
    font-weight: 700;
  }
  /* Narrow: label and figure on a line each, as on the add-ons step, so that the figure's length
     (the "…" before the first quote, then the price) never decides whether the line wraps. */
  @container (max-width: 24rem) {
    .running {
      display: grid;
    }
  }
`;
