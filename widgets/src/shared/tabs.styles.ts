import { css } from 'lit';

/** A row of tabs over a panel, wrapping on narrow screens; the selected tab underlined. */
export const tabStyles = css`
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-bottom: var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  .tab {
    min-height: 2.75rem;
    margin-bottom: -1px;
    border: 1px solid transparent;
    border-bottom: 0;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: none;
    color: var(--_primary);
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }
  .tab[aria-selected='true'] {
    border-color: var(--_border);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: inset 0 3px 0 var(--_primary);
  }
  .tabpanel:focus-visible {
    outline-offset: 4px;
  }
`;
