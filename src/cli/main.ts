/**
 * `scorecard`: the command line. Exit codes: 0 no error-level issues; 1 error-level issues;
 * 2 bad usage or unreadable input, always with a one-line reason in both languages and no stack trace.
 */
import { builtinRulebooks, latePolicy, RulebookError, unsentPolicy } from '../core/rulebook';
import { assumptionLines } from '../report/text';
import { bilingual, msg, t } from '../i18n';
import { CliError, resolveRulebook } from './io';
import { formatReport, runScore } from './score';
import { templateCommand } from './template';
import { checkCommand } from './check';
import { rankCommand } from './rank';
import { packetsCommand } from './packets';
import type { ProgressStream } from './progress';
import { rulebookCommand } from './rulebook';
import { roundCommand } from './round';
import { resultsCommand } from './results';
import { formCommand } from './form';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where a batch shows its progress line when it is a terminal (process.stderr); absent: no progress. */
  progress?: ProgressStream;
}
const processIo: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  progress: process.stderr,
};

const HELP = `scorecard — đánh giá, xếp hạng ứng dụng CNTT / IT-application assessment

  scorecard rulebooks [--json]
      Các bộ tiêu chí có sẵn và phụ lục / built-in rulebooks and their annexes
  scorecard score --rulebook <id|path> --annex <code> --entries <file.json> [--json]
      Chấm điểm một phiếu từ tệp số liệu / score one annex from an entries file
  scorecard template --rulebook <id|path> --annex <code> [--unit <id|name>] [--year <yyyy>] -o <file.xlsx>
      Ghi phiếu đánh giá .xlsx tự tính điểm / write the self-computing .xlsx form of an annex
  scorecard template --rulebook <id|path> [--annex <code>] --all-units [--year <yyyy>] -o <folder>
      Một phiếu cho mỗi đơn vị, đặt tên theo đơn vị / one form per unit, named after the unit
  scorecard check <file.xlsx | files or folders...> [--rulebook <id|path>] [--json]
      Đọc và chấm phiếu đã điền / read and score filled forms (JSON as score, plus unit, year, rulebookVersion; several files: an array with "file")
  scorecard rank <files or folders...> [--rulebook <id|path>] [--received <manifest.csv|json>] [--received-from-file-times] [--as-of <yyyy-mm-dd>] [--year <yyyy>] [--district <unit>] [--reference <figures.csv|xlsx>] [--tolerance <n%>] [--previous <last-year.json> [--unit-map <old-to-new.csv>]] [-o <ranking.xlsx> [--stage preliminary|final]] [--json]
      Tổng hợp, xếp hạng các phiếu đã nộp theo từng nhóm / rank submitted forms per group (exit 0 when forms were ranked, 1 when none)
  scorecard packets export <files or folders...> [--rulebook <id|path>] [--year <yyyy>] [--received <manifest>] [--reviewer <group>=<agency>]... [--reference <figures.csv|xlsx> [--tolerance <n%>]] -o <folder>
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
  scorecard results <files or folders...> [rank's options] -o <folder> [--json]
      Mỗi đơn vị một tệp kết quả (ketqua_<phụ lục>_<đơn vị>.xlsx) / one result workbook per unit
  scorecard round --rulebook <id|path> [--year <yyyy>] [--as-of <date>] [--json]
      Các mốc của đợt đánh giá và mốc tiếp theo / the round's milestones with their dates, and what is due next

Mã thoát / exit codes: 0 không lỗi / no errors; 1 có lỗi trong số liệu / error-level issues;
2 sai cách dùng hoặc tệp không đọc được / bad usage or unreadable input.
Cách dùng từng lệnh / each command's usage: scorecard <lệnh / command> --help`;

/** `scorecard <command> --help`: the command's lines of HELP, and an example. */
const EXAMPLES: Record<string, string[]> = {
  rulebooks: ['npx scorecard rulebooks'],
  score: ['npx scorecard score --rulebook binh-thuan-2019 --annex I --entries so-lieu.json'],
  template: [
    'npx scorecard template --rulebook binh-thuan-2019 --annex I --unit "Sở Nội vụ" --year 2019 -o "Sở Nội vụ.xlsx"',
    'npx scorecard template --rulebook binh-thuan-2019 --all-units --year 2019 -o phieu-gui-don-vi/',
  ],
  check: ['npx scorecard check "Sở Nội vụ.xlsx"', 'npx scorecard check phieu-da-nop/ --json'],
  rank: [
    'npx scorecard rank phieu-da-nop/ --received ngay-nhan.csv -o xep-hang.xlsx',
    '# ngay-nhan.csv: "Tên tệp;Ngày nhận" — một dòng mỗi tệp, ngày trên sổ văn bản đến / one line per file, the date in the incoming-documents register',
  ],
  packets: [
    'npx scorecard packets export phieu-da-nop/ -o phieu-tham-dinh/',
    'npx scorecard packets import phieu-tham-dinh/ --forms phieu-da-nop/ -o xep-hang.xlsx',
  ],
  rulebook: [
    'npx scorecard rulebook export --rulebook binh-thuan-2019 -o bo-tieu-chi.xlsx',
    'npx scorecard rulebook diff binh-thuan-2019 bo-tieu-chi-moi.xlsx',
  ],
  form: [
    'npx scorecard form import "Sở Nội vụ.csv" --rulebook bo-tieu-chi.json --unit "Sở Nội vụ" --year 2025 -o "Sở Nội vụ.xlsx"',
  ],
  results: ['npx scorecard results phieu-da-nop/ --received ngay-nhan.csv -o ket-qua-tung-don-vi/'],
  round: ['npx scorecard round --rulebook binh-thuan-2019 --year 2019 --as-of 30/09/2019'],
};

export function commandHelp(command: string): string {
  const lines = HELP.split('\n');
  const own: string[] = [];
  lines.forEach((line, i) => {
    if (line.startsWith(`  scorecard ${command} `) || line === `  scorecard ${command}`)
      own.push(line, lines[i + 1]);
  });
  const example = (EXAMPLES[command] ?? []).map((e) => `  ${e}`);
  return [
    `scorecard ${command}`,
    '',
    ...own,
    '',
    'Ví dụ / example:',
    ...example,
    '',
    ...lines.slice(lines.findIndex((l) => l.startsWith('Mã thoát'))),
  ].join('\n');
}

const wantsHelp = (args: string[]) => args.some((a) => a === '--help' || a === '-h');

import { closest, parseCommandArgs, type Options } from './args';

function parse(args: string[], options: Options) {
  return parseCommandArgs(args, options);
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
    annexes: rb.annexes.map((a) => ({
      code: a.code,
      title: a.title,
      max: a.max,
      bands: a.bands.map((b) => ({ label: b.label, min: b.min })),
    })),
    policies: {
      late: latePolicy(rb),
      unsent: unsentPolicy(rb),
      incomplete: rb.policies.incomplete,
      reasonsAfterConsolidation: rb.policies.reasonsAfterConsolidation,
    },
    awards: rb.awards.map((a) => ({ annexes: a.annexes, topN: a.topN, band: a.band, ties: a.ties })),
    assumptions: rb.assumptions,
  }));
  if (values.json) io.out(JSON.stringify(list, null, 2));
  else
    for (const rb of list) {
      io.out(`${rb.id} (${rb.version}) — ${rb.title}`);
      for (const a of rb.annexes)
        io.out(
          `  ${a.code}: ${a.title} — max ${a.max}; ${a.bands.map((b) => `${b.label} ≥ ${b.min}`).join(', ')}`,
        );
      for (const line of assumptionLines({ rulebook: rb })) io.out(`  ${line}`);
      io.out('');
    }
  return 0;
}

function scoreCommand(args: string[], io: Io): number {
  const { values } = parse(args, {
    rulebook: { type: 'string' },
    annex: { type: 'string' },
    entries: { type: 'string' },
  });
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
  round: roundCommand,
  results: resultsCommand,
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
    if (!run) {
      const unknown = msg('cliUnknownCommand', { command });
      const suggestion = closest(command, Object.keys(commands));
      throw new CliError(
        suggestion
          ? {
              vi: t('vi', 'cliDidYouMean', { problem: unknown.vi, suggestion }),
              en: t('en', 'cliDidYouMean', { problem: unknown.en, suggestion }),
            }
          : unknown,
      );
    }
    if (wantsHelp(rest)) {
      io.out(commandHelp(command));
      return 0;
    }
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
