import type { Message } from '../../i18n';

/** A rulebook file that could not be used, with the reason in both languages. */
export class RulebookFileError extends Error {
  constructor(readonly reason: Message) {
    super(reason.en);
  }
}
