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
  .link {
    justify-self: start;
    min-height: 2.75rem;
  }
  .note {
    padding: var(--_s3) var(--_s4);
    border-radius: var(--_radius);
    background: var(--_alt);
  }
  .field {
    margin-top: var(--_s3);
    max-width: 16rem;
  }
`;
