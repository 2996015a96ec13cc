/**
 * `scorecard`: the command line. Exit codes: 0 no error-level issues; 1 error-level issues;
 * 2 bad usage or unreadable input, always with a one-line reason in both languages and no stack trace.
 * The commands are listed in commands.ts; only the one that runs is loaded.
 */
import { bilingual, msg, t } from '../i18n';
import { closest } from './args';
import { commands } from './commands';
import { CliError } from './errors';
import type { Io } from './io';

export { commands } from './commands';
export type { Io } from './io';

const processIo: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  progress: process.stderr,
};

const TITLE = 'scorecard — đánh giá, xếp hạng ứng dụng CNTT / IT-application assessment';
const EXIT_CODES = `Mã thoát / exit codes: 0 không lỗi / no errors; 1 có lỗi trong số liệu / error-level issues;
2 sai cách dùng hoặc tệp không đọc được / bad usage or unreadable input.
Cách dùng từng lệnh / each command's usage: scorecard <lệnh / command> --help`;

/** A command's lines of the help: its usages, each followed by what it does. */
const usageLines = (command: string): string[] =>
  commands[command].usage.flatMap(([usage, what]) => [`  ${usage}`, `      ${what}`]);

const HELP = [TITLE, '', ...Object.keys(commands).flatMap(usageLines), '', EXIT_CODES].join('\n');

/** `scorecard <command> --help`: the command's lines of the help, and an example. */
export function commandHelp(command: string): string {
  const example = commands[command].examples.map((e) => `  ${e}`);
  return [
    `scorecard ${command}`,
    '',
    ...usageLines(command),
    '',
    'Ví dụ / example:',
    ...example,
    '',
    ...EXIT_CODES.split('\n'),
  ].join('\n');
}

const wantsHelp = (args: string[]) => args.some((a) => a === '--help' || a === '-h');

function unknownCommand(command: string): CliError {
  const unknown = msg('cliUnknownCommand', { command });
  const suggestion = closest(command, Object.keys(commands));
  return new CliError(
    suggestion
      ? {
          vi: t('vi', 'cliDidYouMean', { problem: unknown.vi, suggestion }),
          en: t('en', 'cliDidYouMean', { problem: unknown.en, suggestion }),
        }
      : unknown,
  );
}

/** The one line a failure ends in, and its exit code. */
async function reportFailure(e: unknown, io: Io): Promise<number> {
  if (e instanceof CliError) {
    io.err(bilingual(e.reason));
    return e.exitCode;
  }
  // Loaded here, not at start-up: a RulebookError was thrown by code that already loaded the module.
  const { RulebookError } = await import('../core/rulebook/load');
  if (e instanceof RulebookError) {
    io.err(bilingual(e.reason));
    return 2;
  }
  // An unexpected failure still ends in one line, not a stack trace (SCORECARD_DEBUG=1 shows it).
  if (process.env.SCORECARD_DEBUG) io.err(String((e as Error).stack));
  io.err(`Lỗi không mong đợi / Unexpected error: ${(e as Error).message ?? e}`);
  return 2;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(HELP);
      return command ? 0 : 2;
    }
    if (!Object.hasOwn(commands, command)) throw unknownCommand(command);
    if (wantsHelp(rest)) {
      io.out(commandHelp(command));
      return 0;
    }
    const run = await commands[command].load();
    return await run(rest, io);
  } catch (e) {
    return reportFailure(e, io);
  }
}
