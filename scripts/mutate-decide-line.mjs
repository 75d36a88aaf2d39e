// The mutation check of the booking engine's one rule: removes each rule of `decideLine` in
// turn (a line of api/src/domain/booking/decide-line.ts) and runs the tests that guard it.
// Every mutant must fail a test; the file is restored whatever happens.
// Usage: node scripts/mutate-decide-line.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = 'api/src/domain/booking/decide-line.ts';
const TESTS = ['api/src/domain/booking/decide-line.test.ts', 'api/test/booking-agreement.test.ts'];

/** Each mutant: a rule's line, and what it becomes without the rule. */
const MUTANTS = [
  ['already booked', "  (state, _rules, _day, _date, now) => (holding(state, now) ? 'already_booked' : null),\n", ''],
  ['enrolment', "  (state) => (state.enrolled ? null : 'not_enrolled'),\n", ''],
  ['opening day', '  (_state, _rules, day) => (day.opening.open ? null : day.opening.reason),\n', ''],
  ['booking deadline and window', '  (_state, _rules, day) => (day.booking.allowed ? null : day.booking.reason),\n', ''],
  [
    'session cap',
    "  (state, rules, _day, date) => (sessionCapReached(rules, date, state.heldDays) ? 'session_limit' : null),\n",
    '',
  ],
  ['full without waiting list', "  (state, rules) => (isFull(state, rules) && !rules.waitlist ? 'full' : null),\n", ''],
  ['waiting list', "isFull(state, rules) ? 'waitlisted' : ", ''],
  ['prepaid hold', "rules.paymentMode === 'prepaid' ? 'pending_payment' : 'booked'", "'booked'"],
  ['lapsed hold closed', 'closesExpiredHold: state.current !== null', 'closesExpiredHold: false'],
  ['archived activity', "  if (!rules) return refused('activity_closed');\n", "  if (!rules) return refused('not_booked');\n"],
  ['lapsed hold holds nothing', 'const current = holding(state, now) ? state.current : null;', 'const current = state.current;'],
  ['payment pending', "  if (current?.status === 'pending_payment') return refused('payment_pending');\n", ''],
  [
    'nothing to cancel',
    "  if (current?.status !== 'booked' && current?.status !== 'waitlisted') return refused('not_booked');\n",
    "  if (!current) return refused('not_booked');\n",
  ],
  ['day passed', "  if (date < state.today) return refused('day_passed');\n", ''],
  [
    'waiting list left any time',
    "  if (current.status === 'waitlisted') return { outcome: 'cancelled', freesPlace: false, credit: false };\n",
    '',
  ],
  [
    'cancellation deadline',
    "  if (!day.cancellation.allowed) return { outcome: 'cancel_requested', reason: 'deadline_passed' };\n",
    '',
  ],
  ['place freed', 'freesPlace: rules.capacity !== null,', 'freesPlace: false,'],
  [
    'credit',
    "credit: rules.paymentMode === 'prepaid' && rules.refundOnCancel && current.priceCents > 0,",
    'credit: rules.refundOnCancel,',
  ],
];

const original = readFileSync(FILE, 'utf8');
let survived = 0;
try {
  for (const [name, from, to] of MUTANTS) {
    if (!original.includes(from)) throw new Error(`mutant "${name}": its line is not in ${FILE}`);
    writeFileSync(FILE, original.replace(from, to));
    let killed = false;
    try {
      execFileSync('npx', ['vitest', 'run', ...TESTS], { stdio: 'ignore' });
    } catch {
      killed = true;
    }
    if (!killed) survived++;
    process.stdout.write(`${killed ? 'killed  ' : 'SURVIVED'}  without ${name}\n`);
  }
} finally {
  writeFileSync(FILE, original);
}
process.stdout.write(`${MUTANTS.length - survived} of ${MUTANTS.length} mutants killed\n`);
if (survived > 0) process.exitCode = 1;
