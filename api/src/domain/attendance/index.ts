/** Attendance: the roll call's marks and the kitchen's meal counts. Pure. */

export * from './day-list-view.js';
export * from './meal-counts.js';
export * from './roll-call.js';
export * from './site-access.js';
