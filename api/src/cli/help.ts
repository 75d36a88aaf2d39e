import type { Command } from './command.js';

const EXIT_CODES = [
  '  0  done',
  '  1  usage: unknown command, option or missing argument (nothing done)',
  '  2  bad input: the file or a value is invalid (nothing written)',
  '  3  database unavailable, or the embedded database is held by a running server',
  '  4  unexpected failure',
  '  5  blocked: the work waits for a person (billing anomalies, a month not over; nothing written)',
];

const ENVIRONMENT = [
  '  DATABASE_URL     postgres://… to use a PostgreSQL server (as the server does)',
  '  FOYER_DATA_DIR   the embedded database folder when DATABASE_URL is not set (default ./.foyer-data)',
];

function usageOf(command: Command): string {
  const args = command.args.map((a) => ` ${a.name}`).join('');
  return `foyer ${command.name.join(' ')}${args} [options]`;
}

function optionLines(command: Command): string[] {
  const entries = Object.entries(command.options).map(([name, option]) => {
    const short = option.short ? `-${option.short}, ` : '';
    const value = option.type === 'string' ? ` ${option.valueName ?? 'VALUE'}` : '';
    return [`${short}--${name}${value}`, option.description] as const;
  });
  entries.push(['--json', 'print one JSON document on stdout (also for errors), for scripts']);
  entries.push(['-h, --help', 'show this help']);
  const width = Math.max(...entries.map(([left]) => left.length));
  return entries.map(([left, description]) => `  ${left.padEnd(width)}  ${description}`);
}

/** `foyer COMMAND --help`. */
export function commandHelp(command: Command): string {
  const lines = [`Usage: ${usageOf(command)}`, '', command.summary];
  if (command.description) lines.push('', command.description);
  if (command.args.length > 0) {
    const width = Math.max(...command.args.map((a) => a.name.length));
    lines.push('', 'Arguments:', ...command.args.map((a) => `  ${a.name.padEnd(width)}  ${a.description}`));
  }
  lines.push('', 'Options:', ...optionLines(command));
  if (command.examples && command.examples.length > 0) lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  lines.push('', 'Exit codes:', ...EXIT_CODES);
  return `${lines.join('\n')}\n`;
}

/** `foyer --help`, or `foyer GROUP --help` with only the commands under `prefix`. */
export function listHelp(commands: readonly Command[], prefix: readonly string[] = []): string {
  const shown = commands.filter((c) => prefix.every((word, i) => c.name[i] === word));
  const names = shown.map((c) => c.name.join(' '));
  const width = Math.max(...names.map((n) => n.length));
  const lines = [
    `Usage: foyer ${prefix.length > 0 ? `${prefix.join(' ')} ` : ''}COMMAND [options]`,
    '',
    "Foyer's operator commands. They use the same settings as the server:",
    ...ENVIRONMENT,
    '',
    'Commands:',
    ...shown.map((c, i) => `  ${(names[i] ?? '').padEnd(width)}  ${c.summary}`),
    '',
    'Run `foyer COMMAND --help` for the arguments and options of one command.',
    'Every command accepts --json (one JSON document on stdout, for scripts) and --help.',
    '',
    'Exit codes:',
    ...EXIT_CODES,
  ];
  return `${lines.join('\n')}\n`;
}
