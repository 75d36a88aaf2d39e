import { css } from 'lit';

/** The shell: a header, the navigation beside (or above, on narrow screens) the section. */
export const adminAppStyles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding-bottom: calc(var(--_space) / 2);
    margin-bottom: var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  header .heading {
    margin: 0;
  }
  .who {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .who select {
    width: auto;
    margin: 0;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(11rem, 14rem) minmax(0, 1fr);
    gap: var(--_space);
    align-items: start;
  }
  nav ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  nav a {
    display: flex;
    align-items: center;
    min-height: 2.75rem;
    padding: 0.5em 0.75em;
    border-radius: var(--_radius);
    color: var(--_primary);
    font-weight: 600;
    text-decoration: none;
  }
  nav a:hover {
    text-decoration: underline;
  }
  nav a[aria-current='page'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  nav .badge {
    margin-inline-start: 0.5em;
    min-width: 1.5em;
    padding: 0 0.4em;
    border-radius: 1em;
    background: var(--_on-primary);
    color: var(--_primary);
    border: 1px solid currentColor;
    text-align: center;
    font-size: 0.9em;
  }
  /* Tablets in portrait and narrow windows: the navigation goes above, as a row that wraps. */
  @media (max-width: 52rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
    nav ul {
      flex-direction: row;
      flex-wrap: wrap;
    }
  }
`;
