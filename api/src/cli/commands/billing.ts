import { adminBilling, type EndpointOutput } from '@foyer/sdk/contract';
import * as v from 'valibot';
import { ApiError } from '../../lib/api-error.js';
import { previewBillingMonth } from '../../modules/billing/billing-preview.js';
import { issueBillingRun } from '../../modules/billing/issue-billing-run.js';
import { CollectivityAdminError, findCollectivity } from '../../modules/collectivities/collectivity-admin.js';
import { type CliContext, CliError, type Command, type CommandInput, EXIT } from '../command.js';

type BillingRun = EndpointOutput<typeof adminBilling.runBilling>;

const options = {
  month: { type: 'string', valueName: 'YYYY-MM', description: 'the month to bill (required)' },
  collectivity: { type: 'string', valueName: 'SLUG', description: 'the collectivity (required)' },
} as const;

const euros = (cents: number) => `${(cents / 100).toFixed(2)} €`;

/** The month and collectivity of the command, checked: exit 1 when missing or malformed. */
async function target(input: CommandInput, context: CliContext) {
  const month = input.options.month;
  const slug = input.options.collectivity;
  if (typeof month !== 'string' || typeof slug !== 'string') {
    throw new CliError(EXIT.usage, 'usage', 'give the month and the collectivity: --month 2027-01 --collectivity SLUG');
  }
  if (!v.is(adminBilling.BillingMonth, month)) throw new CliError(EXIT.usage, 'usage', `--month must be YYYY-MM, not "${month}"`);
  const { db } = await context.database();
  try {
    return { db, month, collectivity: await findCollectivity(db, slug) };
  } catch (err) {
    if (err instanceof CollectivityAdminError) throw new CliError(EXIT.badInput, err.code, err.message);
    throw err;
  }
}

function summary(run: BillingRun): string[] {
  const blocking = run.anomalies.filter((a) => a.blocking).length;
  return [
    `${run.month}: ${run.invoiceCount} invoice(s), ${run.lineCount} day(s), ${euros(run.totalCents)}${run.alreadyIssued ? ' (already issued: nothing issued again)' : ''}`,
    ...run.activities.map((a) => `  ${a.activity.name}: ${a.days} day(s), ${euros(a.totalCents)}`),
    ...(run.anomalies.length
      ? [`${run.anomalies.length} anomal${run.anomalies.length > 1 ? 'ies' : 'y'} (${blocking} blocking):`]
      : []),
    ...run.anomalies
      .slice(0, 50)
      .map((a) => `  ${a.date} ${a.kind} — ${a.household.name}, ${a.child.firstName} ${a.child.lastName}, ${a.activity.name}`),
  ];
}

export const billingPreview: Command = {
  name: ['billing', 'preview'],
  summary: 'Show what a month of postpaid activities would bill, writing nothing',
  description:
    'Totals per activity and the anomalies to settle before issuing (undecided late cancellations, days without a price).',
  args: [],
  options,
  examples: [
    'foyer billing preview --month 2027-01 --collectivity ville-exemple',
    'foyer billing preview --month 2027-01 --collectivity ville-exemple --json',
  ],
  async run(input, context) {
    const { db, month, collectivity } = await target(input, context);
    const run = await previewBillingMonth(db, collectivity.id, month);
    return { data: run, lines: summary(run) };
  },
};

export const billingIssue: Command = {
  name: ['billing', 'issue'],
  summary: 'Issue a month’s invoices (once; all or nothing) and queue the families’ notices',
  description:
    'The month must be over. A month already issued answers its run and issues nothing again. ' +
    'Blocking anomalies stop the run (exit 5) unless --leave-anomalies-unbilled.',
  args: [],
  options: {
    ...options,
    'leave-anomalies-unbilled': { type: 'boolean', description: 'issue anyway: the anomalous days stay unbilled for good' },
  },
  examples: ['foyer billing issue --month 2027-01 --collectivity ville-exemple --json'],
  async run(input, context) {
    const { db, month, collectivity } = await target(input, context);
    try {
      const run = await issueBillingRun(
        { db, clock: context.clock },
        { collectivity, accountId: null, month, leaveAnomaliesUnbilled: input.options['leave-anomalies-unbilled'] === true },
      );
      return { data: run, lines: summary(run) };
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'month_not_over' || err.code === 'billing_anomalies')) {
        const detail = typeof err.detail === 'string' ? err.detail : err.detail.en;
        throw new CliError(EXIT.blocked, err.code, detail, err.extra);
      }
      throw err;
    }
  },
};
