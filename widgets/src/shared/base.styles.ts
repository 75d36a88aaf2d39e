import { css } from 'lit';

/**
 * What every Foyer element shares: the theme's custom properties with their defaults, and
 * form controls, buttons and messages that look right in any page. Inherited properties are
 * set on the host so that a page's text styles do not leak in beyond the font family.
 */
export const baseStyles = css`
  :host {
    --_primary: var(--foyer-color-primary, #2447a8);
    --_on-primary: var(--foyer-color-on-primary, #ffffff);
    --_text: var(--foyer-color-text, #1e1e1e);
    --_muted: var(--foyer-color-muted, #555555);
    --_surface: var(--foyer-color-surface, #ffffff);
    --_surface-alt: var(--foyer-color-surface-alt, #f2f3f7);
    --_border: var(--foyer-color-border, #767676);
    --_danger: var(--foyer-color-danger, #b3261e);
    --_success: var(--foyer-color-success, #18753c);
    --_pending: var(--foyer-color-pending, #a94400);
    --_focus: var(--foyer-color-focus, #0a5fd0);
    --_radius: var(--foyer-radius, 0.375rem);
    --_space: var(--foyer-spacing, 1rem);

    display: block;
    box-sizing: border-box;
    /* Shrinks as a grid or flex item of the page instead of pushing its neighbours. */
    min-width: 0;
    max-width: 100%;
    color: var(--_text);
    font-family: var(--foyer-font-family, inherit);
    font-size: var(--foyer-font-size, 1rem);
    font-weight: normal;
    font-style: normal;
    line-height: 1.5;
    letter-spacing: normal;
    text-align: start;
    text-transform: none;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  p {
    margin: 0 0 calc(var(--_space) / 2);
  }
  .heading {
    margin: 0 0 calc(var(--_space) / 2);
    line-height: 1.25;
    font-family: var(--foyer-heading-font-family, inherit);
    font-weight: 700;
    font-size: 1.25em;
    color: var(--foyer-color-heading, inherit);
  }
  .heading.h3,
  .heading.h4 {
    font-size: 1.05em;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--_focus);
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: 2.75rem;
    padding: 0.5em 1em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_primary);
    font-weight: 600;
    cursor: pointer;
    text-align: center;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button.link {
    min-height: 2.75rem;
    padding: 0.25em 0;
    border: 0;
    background: none;
    text-decoration: underline;
    font-weight: normal;
  }
  button[disabled],
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.65;
  }
  label {
    display: block;
    font-weight: 600;
  }
  .hint {
    display: block;
    color: var(--_muted);
    font-size: 0.9em;
    font-weight: normal;
  }
  input:not([type='checkbox']):not([type='radio']),
  select {
    display: block;
    width: 100%;
    max-width: 24rem;
    min-height: 2.75rem;
    margin-top: 0.25rem;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  input[type='checkbox'] {
    width: 1.25rem;
    height: 1.25rem;
    accent-color: var(--_primary);
  }
  .field {
    margin-bottom: var(--_space);
  }
  .field-error {
    color: var(--_danger);
    font-weight: 600;
    margin-top: 0.25rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
  }
  .message {
    margin: 0 0 var(--_space);
    padding: 0.75em 1em;
    border-left: 4px solid var(--_primary);
    background: var(--_surface-alt);
  }
  .message.error {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .message.success {
    border-color: var(--_success);
  }
  .muted {
    color: var(--_muted);
  }
`;
