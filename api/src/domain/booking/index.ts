/**
 * The booking engine's rules: an activity's rules as a plain value, how a day is judged, the
 * per-session cap, a booking's status transitions, and the one decision about a cart line that
 * the calendar, the cart and the checkout share. Pure: plain values and a time in, no I/O.
 */
export * from './decide-line.js';
export * from './judge-day.js';
export * from './promotion.js';
export * from './rules.js';
export * from './session-cap.js';
export * from './status.js';
