// <cassa-holder-form>'s styles: fields, messages and the submit row.
import { css } from 'lit';

export const holderFormStyles = css`
  form,
  fieldset {
    display: grid;
    gap: var(--_s4);
  }
  fieldset {
    gap: var(--_s2);
  }
  :host {
    container-type: inline-size;
  }
  .row {
    display: grid;
    gap: var(--_s4) var(--_s3);
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
  }
  /* Fields side by side share rows, so inputs line up even when one label wraps. */
  .row > .field {
    grid-row: span 3;
    grid-template-rows: subgrid;
    row-gap: var(--_s1);
  }
  .address {
    grid-template-columns: 7rem minmax(0, 1fr) 7rem;
  }
  @container (max-width: 26rem) {
    .address {
      grid-template-columns: 7rem minmax(0, 1fr);
    }
  }
  .head {
    display: flex;
    gap: var(--_s2);
    align-items: center;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_s2) var(--_s5);
  }
  .upper {
    text-transform: uppercase;
  }
  .msg {
    display: flex;
    gap: var(--_s2);
    align-items: flex-start;
  }
  .msg p {
    flex: 1;
  }
  /* The email's hint turns into the PEC warning as the buyer types: on a narrow form the room of
     its three lines is kept, so the fields below stay where they are. */
  @container (max-width: 36rem) {
    .msg.email {
      min-height: 3.9375em;
    }
  }
`;
