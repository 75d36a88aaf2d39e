import { css } from 'lit';

/** What the back office's sections share beside the base and form styles: rows of fields, cards. */
export const adminStyles = css`
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: 0 var(--_space);
  }
  fieldset {
    margin: 0 0 var(--_space);
    padding: calc(var(--_space) / 2) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  fieldset.child {
    border-style: dashed;
  }
  legend {
    padding: 0 0.25rem;
  }
  .message ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin-bottom: calc(var(--_space) / 2);
  }
  .head .heading {
    margin: 0;
  }
  .cards {
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .card {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .badge {
    display: inline-block;
    padding: 0 0.5em;
    border-radius: 1em;
    background: var(--_surface-alt);
    border: 1px solid var(--_border);
    font-size: 0.9em;
  }
  a {
    color: var(--_primary);
  }
  section {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  details {
    margin: calc(var(--_space) / 2) 0 var(--_space);
  }
  summary {
    display: list-item;
    min-height: 2.75rem;
    padding: 0.6rem 0;
    color: var(--_primary);
    font-weight: 600;
    cursor: pointer;
  }
  td button.link {
    justify-content: flex-start;
    text-align: start;
    min-height: 1.5rem;
  }
  td .actions {
    gap: 0.5rem;
  }
  td .actions button {
    min-height: 2.25rem;
    padding: 0.25em 0.6em;
  }
  .choice.inline {
    display: inline-flex;
    margin-inline-end: 1rem;
  }
  /* A confirmation asked before a decision that cannot be undone. */
  .confirm {
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin: var(--_space) 0;
  }
`;
