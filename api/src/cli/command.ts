/**
 * The shape of a `foyer` command. A command is a plain object in the registry
 * (`commands/index.ts`): adding one is writing its file and listing it there.
 */
import type { Config } from '../config.js';
import type { OpenDatabase } from '../db/database.js';
import type { Clock } from '../lib/clock.js';

/** Exit codes scripts can rely on; documented in `foyer --help` and docs/operators.md. */
export const EXIT = Object.freeze({
  ok: 0,
  /** Wrong command, option or argument: nothing was done. */
  usage: 1,
  /** The input (a file, a value) is invalid: nothing was written. */
  badInput: 2,
  /** The database cannot be reached, or the embedded one is held by a running server. */
  databaseUnavailable: 3,
  /** Anything else: a bug or an unexpected failure, with its message. */
  failure: 4,
  /** The work waits for a person (a month's anomalies to settle, a month not over): nothing was written. */
  blocked: 5,
});
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the command explains itself: a stable `code` for scripts, a message for people. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  short?: string;
  /** Shown in the help as `--name VALUE`. */
  valueName?: string;
}

export interface ArgumentSpec {
  name: string;
  description: string;
}

/** What a command receives: its positional arguments (all required) and its options. */
export interface CommandInput {
  args: string[];
  options: Record<string, string | boolean | undefined>;
}

/** What the CLI gives every command: the server's settings, its clock, the database on demand. */
export interface CliContext {
  /** The server's configuration, read from the same environment variables. */
  config(): Config;
  /** Opens the database of `config()`, locked against a running server for the embedded one; closed by the CLI. */
  database(): Promise<OpenDatabase>;
  clock: Clock;
  /** The folder relative paths are read from. */
  cwd: string;
  /** Progress for people (stderr, never in `--json` output). */
  progress(line: string): void;
}

/** A command's result: `data` is printed with `--json`, `lines` otherwise. */
export interface CommandResult {
  data: unknown;
  lines: string[];
}

export interface Command {
  /** The words naming it: `['school-calendar', 'import']` is `foyer school-calendar import`. */
  name: readonly string[];
  /** One line, shown in the command list. */
  summary: string;
  /** More help, shown by `--help` under the usage line. */
  description?: string;
  args: readonly ArgumentSpec[];
  options: Readonly<Record<string, OptionSpec>>;
  examples?: readonly string[];
  run(input: CommandInput, context: CliContext): Promise<CommandResult>;
}
