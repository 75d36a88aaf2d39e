import { css } from 'lit';

export const profileStyles = css`
  form,
  .message,
  .intro {
    max-width: 44rem;
  }
  form {
    margin: var(--_space) 0;
  }
  section + section,
  form + section {
    margin-top: calc(var(--_space) * 1.5);
  }
  .tabpanel > .heading ~ .heading {
    margin-top: calc(var(--_space) * 1.5);
  }
  .cards {
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .card {
    margin-bottom: var(--_space);
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .card .heading {
    margin-top: 0.5rem;
  }
  .card > .heading:first-child {
    margin-top: 0;
  }
  .list {
    margin: 0 0 var(--_space);
    padding-inline-start: 1.25rem;
  }
  .label {
    display: block;
    font-weight: 600;
  }
  .address {
    margin-bottom: 0.5rem;
  }
  .empty {
    color: var(--_muted);
  }
  #request-back {
    margin-bottom: var(--_space);
  }
`;
