import { css } from 'lit';

export const loginStyles = css`
  form,
  section {
    max-width: 32rem;
  }
  .account {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }
  .account p {
    min-width: 0;
    margin: 0;
    overflow-wrap: anywhere;
  }
`;
