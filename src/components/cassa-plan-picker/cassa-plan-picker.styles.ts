// <cassa-plan-picker>'s styles: the plan cards.
import { css } from 'lit';

export const planPickerStyles = css`
  .plans {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: var(--_s3);
  }
  .plan {
    gap: var(--_s2);
    padding: var(--_s4);
  }
  .name,
  .price {
    display: block;
  }
  .name {
    font-weight: 600;
  }
  .price {
    font-size: 1.25em;
    font-weight: 700;
  }
  .free {
    color: var(--_success);
  }
  ul {
    padding-left: 1.25rem;
  }
`;
