/**
 * The `foyer` command line: finds the command named by the first words, checks its options and
 * arguments, runs it and prints its result for people or, with `--json`, for scripts.
 */
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.js';
import { DataDirBusyError } from '../db/data-dir-lock.js';
import { type OpenDatabase, openDatabase, withoutRequestTimeouts } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { type CliContext, CliError, type Command, EXIT, type ExitCode } from './command.js';
import { commandHelp, listHelp } from './help.js';

/** Where the CLI reads and writes: the real process in `main.ts`, captured streams in tests. */
export interface CliIo {
  env: Record<string, string | undefined>;
  cwd: string;
  clock: Clock;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Error codes of the network and of PostgreSQL meaning "no database to talk to". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'CONNECT_TIMEOUT',
  '3D000', // database does not exist
  '28P01', // wrong password
  '28000', // no such role / not allowed
  '57P03', // the server is starting up
]);

/** Names a failure by walking its causes: a busy data folder or an unreachable server is exit 3, not a crash. */
function classify(err: unknown): CliError {
  if (err instanceof CliError) return err;
  for (let cause: unknown = err; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof DataDirBusyError) {
      return new CliError(EXIT.databaseUnavailable, 'database_busy', cause.message, { holder: cause.holder });
    }
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) {
      return new CliError(EXIT.databaseUnavailable, 'database_unavailable', `the database is unavailable: ${cause.message}`, {
        cause: code,
      });
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return new CliError(EXIT.failure, 'failure', `${message}${cause}`);
}

/** The command whose name the first words of `argv` spell, and the rest; or the longest group prefix matched. */
function findCommand(commands: readonly Command[], argv: string[]): { command?: Command; prefix: string[]; rest: string[] } {
  const words: string[] = [];
  for (const word of argv) {
    if (word.startsWith('-')) break;
    const candidate = [...words, word];
    if (!commands.some((c) => candidate.every((w, i) => c.name[i] === w))) break;
    words.push(word);
    const exact = commands.find((c) => c.name.length === words.length && words.every((w, i) => c.name[i] === w));
    if (exact) return { command: exact, prefix: words, rest: argv.slice(words.length) };
  }
  return { prefix: words, rest: argv.slice(words.length) };
}

function parse(command: Command, rest: string[]) {
  const options = Object.fromEntries(
    Object.entries(command.options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
  );
  try {
    return parseArgs({
      args: rest,
      options: { ...options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new CliError(EXIT.usage, 'usage', `${(err as Error).message}\nRun \`foyer ${command.name.join(' ')} --help\`.`);
  }
}

function write(io: CliIo, json: boolean, result: { data: unknown; lines: string[] }): void {
  if (json) io.stdout(`${JSON.stringify({ ok: true, ...(result.data as object) }, null, 2)}\n`);
  else if (result.lines.length > 0) io.stdout(`${result.lines.join('\n')}\n`);
}

function fail(io: CliIo, json: boolean, error: CliError): ExitCode {
  if (json) {
    const body = {
      ok: false,
      error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
    };
    io.stdout(`${JSON.stringify(body, null, 2)}\n`);
  } else {
    io.stderr(`foyer: ${error.message}\n`);
  }
  return error.exitCode;
}

/** Runs `foyer ARGV…` and returns the exit code; never throws. */
export async function runCli(commands: readonly Command[], argv: string[], io: CliIo): Promise<ExitCode> {
  const json = argv.includes('--json');
  const { command, prefix, rest } = findCommand(commands, argv);
  if (!command) {
    const wantsHelp = rest.length === 0 || rest[0] === '--help' || rest[0] === '-h' || rest[0] === 'help';
    if (wantsHelp && (prefix.length > 0 || rest.length > 0)) {
      io.stdout(listHelp(commands, prefix));
      return EXIT.ok;
    }
    if (prefix.length === 0 && rest.length === 0) {
      io.stderr(listHelp(commands));
      return EXIT.usage;
    }
    const unknown = [...prefix, ...rest.filter((w) => !w.startsWith('-')).slice(0, 1)].join(' ');
    return fail(io, json, new CliError(EXIT.usage, 'unknown_command', `unknown command "${unknown}"; run \`foyer --help\``));
  }

  let opened: OpenDatabase | undefined;
  let config: Config | undefined;
  try {
    const parsed = parse(command, rest);
    if (parsed.values.help) {
      io.stdout(commandHelp(command));
      return EXIT.ok;
    }
    if (parsed.positionals.length !== command.args.length) {
      const expected = command.args.map((a) => a.name).join(' ') || 'no argument';
      throw new CliError(
        EXIT.usage,
        'usage',
        `expected ${expected}, got ${parsed.positionals.length} argument(s)\nRun \`foyer ${command.name.join(' ')} --help\`.`,
      );
    }
    const context: CliContext = {
      clock: io.clock,
      cwd: io.cwd,
      config() {
        try {
          config ??= loadConfig(io.env);
        } catch (err) {
          throw new CliError(EXIT.usage, 'invalid_configuration', (err as Error).message);
        }
        return config;
      },
      async database() {
        // An operator's command is not a request: it may wait for a lock and run long statements.
        opened ??= await openDatabase(withoutRequestTimeouts(this.config().database), {
          role: `\`foyer ${command.name.join(' ')}\``,
          since: io.clock.now(),
        });
        return opened;
      },
      progress(line) {
        if (!json) io.stderr(`${line}\n`);
      },
    };
    const { help: _help, json: _json, ...options } = parsed.values;
    write(io, json, await command.run({ args: parsed.positionals, options }, context));
    return EXIT.ok;
  } catch (err) {
    return fail(io, json, classify(err));
  } finally {
    await opened?.close().catch(() => {});
  }
}
