import { css } from 'lit';

export const calendarStyles = css`
  :host {
    --_booked: var(--foyer-color-booked, #18753c);
    --_unavailable: var(--foyer-color-unavailable, #6a6a6a);
    --_cell: var(--foyer-cell-size, 2.75rem);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.75rem 1.5rem;
    margin-bottom: var(--_space);
  }
  .pickers {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1rem;
    flex: 1 1 16rem;
  }
  .pickers .field {
    flex: 1 1 12rem;
    margin-bottom: 0;
  }
  .views,
  .nav {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  .views button[aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .nav button {
    min-width: 2.75rem;
  }
  .scroller {
    max-width: 100%;
    overflow-x: auto;
  }
  .grid {
    width: 100%;
    max-width: 36rem;
    table-layout: fixed;
    border-collapse: collapse;
    margin-bottom: 0.5rem;
    background: var(--_surface);
  }
  .week thead th:first-child {
    width: 32%;
  }
  .grid caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: 0.5rem;
  }
  .grid th,
  .grid td {
    padding: 2px;
    text-align: center;
    vertical-align: middle;
  }
  .grid thead th {
    font-weight: 700;
    color: var(--_muted);
  }
  .row-head {
    text-align: start !important;
    padding-inline-end: 0.5rem !important;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .week-head th,
  .week-head td {
    padding-top: 0.75rem;
    border-bottom: 1px solid var(--_border);
    font-size: 0.9em;
  }
  .week-head .range {
    display: block;
    font-weight: normal;
    color: var(--_muted);
  }
  .day-number {
    color: var(--_muted);
  }
  .activity {
    font-weight: normal;
  }
  button.cell {
    position: relative;
    flex-direction: column;
    gap: 0;
    width: 100%;
    max-width: var(--_cell);
    min-width: 0;
    height: var(--_cell);
    min-height: 2.25rem;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-weight: 700;
    opacity: 1;
  }
  .month {
    max-width: 28rem;
  }
  .month button.cell {
    max-width: calc(var(--_cell) + 0.5rem);
    height: calc(var(--_cell) + 0.75rem);
  }
  button.cell[aria-disabled='true'] {
    cursor: default;
  }
  .num {
    font-size: 0.8em;
    font-weight: normal;
  }
  .mark {
    font-size: 1.1em;
    line-height: 1;
  }
  .cell.booked,
  .mark.booked {
    background: var(--_booked);
    border-color: var(--_booked);
    color: #ffffff;
  }
  .cell.pending-book,
  .cell.pending-cancel {
    border: 2px dashed var(--_pending);
    color: var(--_pending);
    background: var(--_surface);
  }
  .mark.pending-book,
  .mark.pending-cancel {
    color: var(--_pending);
  }
  .cell.pending-payment,
  .cell.waitlisted,
  .cell.cancel-requested {
    border: 2px solid var(--_booked);
    color: var(--_booked);
  }
  .cell.bookable,
  .cell.waitlist {
    color: var(--_primary);
    border-color: var(--_primary);
  }
  .cell.closed,
  .cell.deadline,
  .cell.full,
  .cell.none {
    background: var(--_surface-alt);
    color: var(--_unavailable);
    border-color: transparent;
  }
  .cell.none .mark {
    visibility: hidden;
  }
  .cell.present,
  .cell.absent,
  .cell.absent-justified {
    background: var(--_surface-alt);
    border-color: transparent;
  }
  .cell.absent {
    color: var(--_danger);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0.5rem 0 var(--_space);
    padding: 0;
    list-style: none;
    font-size: 0.9em;
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: 0.35rem;
  }
  .legend .mark {
    display: inline-grid;
    place-items: center;
    width: 1.5rem;
    height: 1.5rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    font-size: 0.9em;
  }
  .mark.closed,
  .mark.deadline,
  .mark.full {
    color: var(--_unavailable);
    background: var(--_surface-alt);
  }
  .mark.bookable,
  .mark.waitlist {
    color: var(--_primary);
  }
  .mark.absent {
    color: var(--_danger);
  }
  .status:empty {
    display: none;
  }
  .status {
    margin-top: 0.75rem;
    font-weight: 600;
  }
  .bulk {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 1rem 2rem;
    padding-top: var(--_space);
    border-top: 1px solid var(--_surface-alt);
  }
  .bulk .repeat label {
    font-weight: normal;
  }
  .bulk input {
    width: auto;
    margin-top: 0;
  }
  .period .period-dates {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1rem;
  }
  .period .period-dates .field {
    flex: 1 1 10rem;
  }
  fieldset {
    border: 0;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
  }
  .weekdays {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .weekdays legend {
    width: 100%;
  }
  label.check {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    min-height: 2.75rem;
    font-weight: normal;
  }
  dialog#absence {
    max-width: min(32rem, calc(100vw - 2rem));
    border: 1px solid var(--_border, #767676);
    border-radius: 0.5rem;
    padding: 1rem 1.25rem;
    color: inherit;
    background: var(--_surface, #fff);
  }
  dialog#absence::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  dialog#absence h2 {
    margin-top: 0;
    font-size: 1.2em;
  }
  dialog#absence .timing.late {
    font-weight: 600;
  }
  label.choice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    font-weight: normal;
  }
  label.choice input {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
  }
  @media (max-width: 30rem) {
    .row-head {
      font-size: 0.85em;
    }
  }
`;
