/**
 * The one argument parser of the command line: a command's options with answers a person can act
 * on (a misspelt option gets "did you mean", an option without its value says which one needs a
 * value and shows an example), and the option values every command reads the same way.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { msg, t, type Message } from '../i18n';
import { CliError } from './errors';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Levenshtein distance: how many single-letter edits turn a into b. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The candidate a typo most likely meant: one it begins, or within two edits (a third of a long name). */
export function closest(word: string, candidates: string[]): string | undefined {
  const w = word.toLowerCase();
  const prefixed = candidates.filter((c) => w.length > 3 && c.startsWith(w));
  if (prefixed.length === 1) return prefixed[0];
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(w, c);
    if (d <= Math.max(2, Math.floor(c.length / 3)) && (!best || d < best.d)) best = { c, d };
  }
  return best?.c;
}

/** An example value for an option, shown when its value is missing. */
const EXAMPLES: Record<string, string> = {
  rulebook: 'binh-thuan-2019',
  annex: 'I',
  unit: '"Sở Nội vụ"',
  year: '2019',
  output: 'ket-qua.xlsx',
  entries: 'so-lieu.json',
  received: 'ngay-nhan.csv',
  'as-of': '2019-09-30',
  district: '"Chư Sê"',
  reviewer: '1="Tổ thẩm định 1"',
  forms: 'phieu-da-nop/',
  lang: 'vi',
};

function problem(e: unknown, options: Options): Message {
  const text = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code;
  const quoted = /'([^']+)'/.exec(text)?.[1] ?? text;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument missing|ambiguous/.test(text)) {
    const option = quoted.split(/[ ,]/)[0];
    const name = /--([\w-]+)/.exec(quoted)?.[1] ?? option.replace(/^-+/, '');
    return msg('cliMissingValue', { option, example: `${option} ${EXAMPLES[name] ?? '…'}` });
  }
  const names = [
    '--help',
    ...Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]),
  ];
  const option = quoted.split('=')[0];
  const unknown = msg('cliUnknownOption', { option: quoted });
  const suggestion = option.startsWith('--') ? closest(option, names) : undefined;
  if (!suggestion) return unknown;
  return {
    vi: t('vi', 'cliDidYouMean', { problem: unknown.vi, suggestion }),
    en: t('en', 'cliDidYouMean', { problem: unknown.en, suggestion }),
  };
}

/** node's parseArgs, strict, with positionals and (unless told) --json; a usage problem is a CliError. */
export function parseOptions(
  args: string[],
  options: Options,
  withJson = true,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const all: Options = withJson ? { ...options, json: { type: 'boolean' } } : options;
  try {
    return parseArgs({ args, options: all, allowPositionals: true, strict: true }) as {
      values: Record<string, string | boolean | undefined>;
      positionals: string[];
    };
  } catch (e) {
    throw new CliError(problem(e, all));
  }
}

/** The value of an option that must be given (`shown` is how the help names it, e.g. `-o`). */
export function requiredOption(values: Record<string, unknown>, name: string, shown = `--${name}`): string {
  const v = values[name];
  if (typeof v !== 'string' || !v) throw new CliError(msg('cliMissingOption', { option: shown }));
  return v;
}

/** --year: four digits between 2000 and 2100; not given, the current year. */
export function parseYear(text: string | undefined): number {
  if (text === undefined) return new Date().getFullYear();
  const year = Number(text);
  if (!/^\d{4}$/.test(text.trim()) || year < 2000 || year > 2100)
    throw new CliError(msg('cliBadYear', { year: text }));
  return year;
}
