import { css } from 'lit';

export const checkoutStyles = css`
  :host {
    container-type: inline-size;
  }
  .checkout {
    display: grid;
    gap: var(--_s4);
    padding: var(--_s4);
  }
  section {
    display: grid;
    gap: var(--_s4);
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 1.375em;
    line-height: 1.25;
  }
  .nav {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s3);
    justify-content: space-between;
  }
  .next {
    margin-left: auto;
  }
  @container (max-width: 24rem) {
    .checkout {
      padding: var(--_s2);
    }
    .nav .btn {
      flex: 1;
    }
  }
`;
