/** A rulebook that cannot be used, with the reason in both languages and the field at fault. */
import type { Message } from '../../i18n';

export class RulebookError extends Error {
  constructor(
    readonly reason: Message,
    readonly field?: string,
  ) {
    super(reason.en);
  }
}
