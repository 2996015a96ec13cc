/** The one error type of the command line. */
import type { Message } from '../i18n';

/** A failure the user can act on: printed as one line in both languages, exit code 2 by default. */
export class CliError extends Error {
  constructor(
    readonly reason: Message,
    readonly exitCode = 2,
  ) {
    super(reason.en);
  }
}
