/**
 * `scorecard`: the command line. Exit codes: 0 no error-level issues; 1 error-level issues;
 * 2 bad usage or unreadable input, always with a one-line reason in both languages and no stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { builtinRulebooks, latePolicy, RulebookError, unsentPolicy } from '../core/rulebook';
import { assumptionLines } from '../report/text';
import { bilingual, msg } from '../i18n';
import { CliError, resolveRulebook } from './io';
import { formatReport, runScore } from './score';
import { templateCommand } from './template';
import { checkCommand } from './check';
import { rankCommand } from './rank';
import { packetsCommand } from './packets';
import type { ProgressStream } from './progress';
import { rulebookCommand } from './rulebook';
import { formCommand } from './form';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where a batch shows its progress line when it is a terminal (process.stderr); absent: no progress. */
  progress?: ProgressStream;
}
const processIo: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n'), progress: process.stderr };

const HELP = `scorecard — đánh giá, xếp hạng ứng dụng CNTT / IT-application assessment

  scorecard rulebooks [--json]
      Các bộ tiêu chí có sẵn và phụ lục / built-in rulebooks and their annexes
  scorecard score --rulebook <id|path> --annex <code> --entries <file.json> [--json]
      Chấm điểm một phiếu từ tệp số liệu / score one annex from an entries file
  scorecard template --rulebook <id|path> --annex <code> [--unit <id|name>] [--year <yyyy>] -o <file.xlsx>
      Ghi phiếu đánh giá .xlsx tự tính điểm / write the self-computing .xlsx form of an annex
  scorecard check <file.xlsx | files or folders...> [--rulebook <id|path>] [--json]
      Đọc và chấm phiếu đã điền / read and score filled forms (JSON as score, plus unit, year, rulebookVersion; several files: an array with "file")
  scorecard rank <files or folders...> [--rulebook <id|path>] [--received <manifest.csv|json>] [--as-of <yyyy-mm-dd>] [--year <yyyy>] [--district <unit>] [-o <ranking.xlsx>] [--json]
      Tổng hợp, xếp hạng các phiếu đã nộp theo từng nhóm / rank submitted forms per group (exit 0 when forms were ranked, 1 when none)
  scorecard packets export <files or folders...> [--rulebook <id|path>] [--year <yyyy>] [--received <manifest>] [--reviewer <group>=<agency>]... -o <folder>
      Phiếu thẩm định theo nhóm tiêu chí, thamdinh_<phụ lục>_nhom<mã>.xlsx / one review packet per annex and criteria group
  scorecard packets import <packets...> --forms <files or folders...> [rank's options] [-o <ranking.xlsx>] [--json]
      Đưa điểm thẩm định của các phiếu gửi lại vào xếp hạng / rank the forms with the returned packets' appraised points
  scorecard rulebook export --rulebook <id|path> -o <file.xlsx>   |   rulebook export --blank -o <file.xlsx>
      Bộ tiêu chí thành sổ tính soạn thảo (hoặc mẫu trống) / a rulebook as an authoring workbook (or the blank one)
  scorecard rulebook import <file.xlsx> -o <rulebook.json>
      Biên dịch sổ tính soạn thảo; mỗi lỗi nêu trang, dòng, cột / compile an authoring workbook; every error names sheet, row, column
  scorecard rulebook import <table.csv|table.xlsx> --province <name> --decision <number> --decision-date <yyyy-mm-dd> [--id <id>] [--title <text>] [--issuer <text>] [--provenance official|reconstructed] -o <rulebook.json>
      Dựng bộ tiêu chí từ bảng tiêu chí (Mã, Chỉ tiêu, Nhóm, Điểm tối đa) / a rulebook from a flat criteria table
  scorecard form import <table.csv|table.xlsx> --rulebook <id|path> --unit <name> [--annex <code>] [--year <yyyy>] -o <form.xlsx> [--json]
      Phiếu tự tính điểm đã điền từ bảng của đơn vị (Tự đánh giá, Thẩm định, Minh chứng) / a filled form from a unit's filled table
  scorecard rulebook diff <a> <b> [--json] [--lang vi|en] [-o <diff.xlsx>]
      Những nội dung điều chỉnh, bổ sung giữa hai phiên bản (mã, .json hoặc .xlsx) / what changed between two versions

Mã thoát / exit codes: 0 không lỗi / no errors; 1 có lỗi trong số liệu / error-level issues;
2 sai cách dùng hoặc tệp không đọc được / bad usage or unreadable input.`;

type Options = NonNullable<ParseArgsConfig['options']>;

function parse(args: string[], options: Options) {
  try {
    return parseArgs({ args, options: { ...options, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    const option = /'([^']+)'/.exec((e as Error).message)?.[1] ?? (e as Error).message;
    throw new CliError(msg('cliUnknownOption', { option }));
  }
}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v) throw new CliError(msg('cliMissingOption', { option: `--${name}` }));
  return v;
}

function rulebooksCommand(args: string[], io: Io): number {
  const { values } = parse(args, {});
  const list = builtinRulebooks().map((rb) => ({
    id: rb.id,
    version: rb.version,
    title: rb.title,
    annexes: rb.annexes.map((a) => ({ code: a.code, title: a.title, max: a.max, bands: a.bands.map((b) => ({ label: b.label, min: b.min })) })),
    policies: { late: latePolicy(rb), unsent: unsentPolicy(rb), incomplete: rb.policies.incomplete, reasonsAfterConsolidation: rb.policies.reasonsAfterConsolidation },
    awards: rb.awards.map((a) => ({ annexes: a.annexes, topN: a.topN, band: a.band, ties: a.ties })),
    assumptions: rb.assumptions,
  }));
  if (values.json) io.out(JSON.stringify(list, null, 2));
  else
    for (const rb of list) {
      io.out(`${rb.id} (${rb.version}) — ${rb.title}`);
      for (const a of rb.annexes) io.out(`  ${a.code}: ${a.title} — max ${a.max}; ${a.bands.map((b) => `${b.label} ≥ ${b.min}`).join(', ')}`);
      for (const line of assumptionLines({ rulebook: rb })) io.out(`  ${line}`);
      io.out('');
    }
  return 0;
}

function scoreCommand(args: string[], io: Io): number {
  const { values } = parse(args, { rulebook: { type: 'string' }, annex: { type: 'string' }, entries: { type: 'string' } });
  const rb = resolveRulebook(required(values, 'rulebook'));
  const { report, annex, failed } = runScore(rb, required(values, 'annex'), required(values, 'entries'));
  io.out(values.json ? JSON.stringify(report, null, 2) : formatReport(report, annex));
  return failed ? 1 : 0;
}

export const commands: Record<string, (args: string[], io: Io) => number | Promise<number>> = {
  rulebooks: rulebooksCommand,
  score: scoreCommand,
  template: templateCommand,
  check: checkCommand,
  rank: rankCommand,
  packets: packetsCommand,
  rulebook: rulebookCommand,
  form: formCommand,
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(HELP);
      return command ? 0 : 2;
    }
    const run = commands[command];
    if (!run) throw new CliError(msg('cliUnknownCommand', { command }));
    return await run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(bilingual(e.reason));
      return e.exitCode;
    }
    if (e instanceof RulebookError) {
      io.err(bilingual(e.reason));
      return 2;
    }
    // An unexpected failure still ends in one line, not a stack trace (SCORECARD_DEBUG=1 shows it).
    if (process.env.SCORECARD_DEBUG) io.err(String((e as Error).stack));
    io.err(`Lỗi không mong đợi / Unexpected error: ${(e as Error).message ?? e}`);
    return 2;
  }
}
