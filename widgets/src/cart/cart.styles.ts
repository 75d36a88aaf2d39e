import { css } from 'lit';

export const cartStyles = css`
  .child {
    margin-bottom: var(--_space);
  }
  .child .heading {
    font-size: 1em;
    text-transform: none;
  }
  .lines {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .lines li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.75rem;
    padding: 0.25rem 0;
    border-bottom: 1px solid var(--_surface-alt);
  }
  .lines .desc {
    flex: 1 1 8rem;
    min-width: 0;
  }
  .lines .price {
    font-variant-numeric: tabular-nums;
  }
  .lines li.cancel strong {
    color: var(--_pending);
  }
  .totals {
    margin: var(--_space) 0;
  }
  .totals div {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1rem;
    padding: 0.25rem 0;
    font-weight: 600;
  }
  .totals dt,
  .totals dd {
    margin: 0;
  }
  .totals dd {
    font-variant-numeric: tabular-nums;
  }
  .result ul {
    margin: 0 0 0.75rem;
    padding-inline-start: 1.25rem;
  }
  .result li.refused strong {
    color: var(--_danger);
  }
  .empty {
    color: var(--_muted);
  }
  .actions {
    margin-top: var(--_space);
  }
  .actions .primary {
    min-width: 10rem;
  }
  a {
    color: var(--_primary);
  }
`;
