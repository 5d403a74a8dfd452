// <cassa-payment-chooser>'s styles: the payment options and the top-up field.
import { css } from 'lit';

export const paymentChooserStyles = css`
  fieldset,
  .others {
    display: grid;
    gap: var(--_s2);
  }
  .others[hidden] {
    display: none;
  }
  /*
   * A saved PayPal account is labelled with its email: on a phone it wraps between its pieces
   * (after a dot, before the @), never inside a word; a piece wider than the line still wraps.
   */
  .choice {
    overflow-wrap: break-word;
  }
  .link {
    justify-self: start;
    min-height: 2.75rem;
  }
  .field {
    margin-top: var(--_s3);
    max-width: 16rem;
  }
`;
