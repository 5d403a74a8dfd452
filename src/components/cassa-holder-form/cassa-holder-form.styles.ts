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
  .row {
    display: grid;
    gap: var(--_s4) var(--_s3);
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
  }
  .address {
    grid-template-columns: 6rem minmax(0, 1fr) 5.5rem;
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
  .btn {
    justify-self: start;
  }
  @media (max-width: 30rem) {
    .btn {
      justify-self: stretch;
    }
  }
`;
