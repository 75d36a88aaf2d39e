import { css } from 'lit';

export const requestFormStyles = css`
  form,
  .message {
    max-width: 44rem;
  }
  .help {
    color: var(--_muted);
  }
  .category > .heading {
    margin-top: var(--_space);
  }
  .attachment .upload-status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    margin-top: 0.25rem;
  }
  .attachment .upload-status:empty {
    display: none;
  }
  .attachment .done {
    color: var(--_success);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .requests {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .request {
    margin-bottom: var(--_space);
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .request > .heading {
    margin-bottom: 0.25rem;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.95em;
  }
  .status {
    display: inline-block;
    padding: 0.1em 0.6em;
    border: 2px solid currentColor;
    border-radius: 1em;
    font-weight: 600;
    font-size: 0.9em;
  }
  .status.accepted {
    color: var(--_success);
  }
  .status.rejected {
    color: var(--_danger);
  }
  .status.needs_info {
    color: var(--_pending);
  }
  .status.submitted,
  .status.in_progress {
    color: var(--_primary);
  }
  .detail {
    margin-top: 0.5rem;
  }
  .body {
    white-space: pre-line;
  }
  .label {
    margin-bottom: 0.25rem;
    font-weight: 600;
  }
  .documents,
  .thread {
    margin: 0 0 var(--_space);
    padding-inline-start: 1.25rem;
  }
  .thread li {
    margin-bottom: 0.5rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 4px solid var(--_surface-alt);
  }
  .thread li.agent {
    border-color: var(--_primary);
  }
  .thread .meta,
  .thread .body {
    margin: 0;
  }
  .reply {
    margin-top: var(--_space);
  }
  .history-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .empty {
    color: var(--_muted);
  }
`;
