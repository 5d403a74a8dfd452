// <cassa-order-summary>'s styles: the lines, totals and the confirm row.
import { css } from 'lit';

export const orderSummaryStyles = css`
  section {
    display: grid;
    gap: var(--_s4);
  }
  .years {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s2);
  }
  .years legend {
    width: 100%;
  }
  .years .card {
    flex: 1 1 7rem;
  }
  dl {
    display: grid;
    gap: var(--_s2);
    margin: 0;
    transition: opacity 0.2s;
  }
  .loading dl {
    opacity: 0.55;
  }
  dl div {
    display: flex;
    justify-content: space-between;
    gap: var(--_s4);
  }
  dd {
    margin: 0;
    text-align: end;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .sum {
    padding-top: var(--_s2);
    border-top: 1px solid var(--_subtle);
  }
  .total {
    font-size: 1.25em;
    font-weight: 700;
  }
  .settlement {
    padding: var(--_s3) var(--_s4);
    border-radius: var(--_radius);
    background: var(--_alt);
  }
  .settlement .charge {
    font-weight: 700;
  }
  .free {
    color: var(--_success);
    font-weight: 600;
  }
  .terms .error {
    margin-top: var(--_s1);
  }
  /* At 320 px Back and the busy Confirm ("Elaborazione…", one word that cannot wrap) share one
     line: a tighter button keeps them inside the checkout while the price is recalculated. */
  @container (max-width: 24rem) {
    .nav {
      gap: var(--_s2);
    }
    .nav .primary {
      padding-inline: var(--_s3);
    }
  }
`;
