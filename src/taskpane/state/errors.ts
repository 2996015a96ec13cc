/** Errors from the host or the planner, as a message in both languages (a host error may carry one). */
import type { Message } from '../../i18n';

const isMessage = (m: unknown): m is Message =>
  !!m && typeof (m as Message).vi === 'string' && typeof (m as Message).en === 'string';

export function errorMessage(e: unknown): Message {
  // RulebookError carries `reason`, ExcelHostError carries `text`
  const carried = (e as { reason?: unknown })?.reason ?? (e as { text?: unknown })?.text;
  if (isMessage(carried)) return carried;
  const text = (e as Error)?.message ?? String(e);
  return { vi: text, en: text };
}
