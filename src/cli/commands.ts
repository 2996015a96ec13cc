/**
 * The commands of `scorecard`: each is a module of its own, listed here with its lines of the help and
 * its examples. A command's module is loaded only when that command runs, so `scorecard rank` does not
 * load the authoring, packets or template code (nor ExcelJS) at start-up.
 *
 * A new command: a module exporting `(args, io) => number | Promise<number>`, one entry here.
 */
import type { Io } from './io';

/** A command's run: exit code 0 no error-level issues, 1 error-level issues, 2 bad usage. */
export type CommandRun = (args: string[], io: Io) => number | Promise<number>;

export interface Command {
  /** Its lines of the help: the usage (after "scorecard ") and what it does, in both languages. */
  usage: [string, string][];
  /** Shown by `scorecard <command> --help`. */
  examples: string[];
  /** Its module, loaded on demand. */
  load: () => Promise<CommandRun>;
}

export const commands: Record<string, Command> = {
  rulebooks: {
    usage: [
      [
        'scorecard rulebooks [--json]',
        'Các bộ tiêu chí có sẵn và phụ lục / built-in rulebooks and their annexes',
      ],
    ],
    examples: ['npx scorecard rulebooks'],
    load: async () => (await import('./rulebooks')).rulebooksCommand,
  },
  score: {
    usage: [
      [
        'scorecard score --rulebook <id|path> --annex <code> --entries <file.json> [--json]',
        'Chấm điểm một phiếu từ tệp số liệu / score one annex from an entries file',
      ],
    ],
    examples: ['npx scorecard score --rulebook binh-thuan-2019 --annex I --entries so-lieu.json'],
    load: async () => (await import('./score')).scoreCommand,
  },
  template: {
    usage: [
      [
        'scorecard template --rulebook <id|path> --annex <code> [--unit <id|name>] [--year <yyyy>] -o <file.xlsx>',
        'Ghi phiếu đánh giá .xlsx tự tính điểm / write the self-computing .xlsx form of an annex',
      ],
      [
        'scorecard template --rulebook <id|path> [--annex <code>] --all-units [--year <yyyy>] -o <folder>',
        'Một phiếu cho mỗi đơn vị, đặt tên theo đơn vị / one form per unit, named after the unit',
      ],
    ],
    examples: [
      'npx scorecard template --rulebook binh-thuan-2019 --annex I --unit "Sở Nội vụ" --year 2019 -o "Sở Nội vụ.xlsx"',
      'npx scorecard template --rulebook binh-thuan-2019 --all-units --year 2019 -o phieu-gui-don-vi/',
    ],
    load: async () => (await import('./template')).templateCommand,
  },
  check: {
    usage: [
      [
        'scorecard check <file.xlsx | files or folders...> [--rulebook <id|path>] [--json]',
        'Đọc và chấm phiếu đã điền / read and score filled forms (JSON as score, plus unit, year, rulebookVersion; several files: an array with "file")',
      ],
    ],
    examples: ['npx scorecard check "Sở Nội vụ.xlsx"', 'npx scorecard check phieu-da-nop/ --json'],
    load: async () => (await import('./check')).checkCommand,
  },
  rank: {
    usage: [
      [
        'scorecard rank <files or folders...> [--rulebook <id|path>] [--received <manifest.csv|json>] [--received-from-file-times] [--as-of <yyyy-mm-dd>] [--year <yyyy>] [--district <unit>] [--reference <figures.csv|xlsx>] [--tolerance <n%>] [--previous <last-year.json|xlsx> [--unit-map <old-to-new.csv>]] [-o <ranking.xlsx> [--stage preliminary|final]] [--json]',
        'Tổng hợp, xếp hạng các phiếu đã nộp theo từng nhóm / rank submitted forms per group (exit 0 when forms were ranked, 1 when none)',
      ],
    ],
    examples: [
      'npx scorecard rank phieu-da-nop/ --received ngay-nhan.csv -o xep-hang.xlsx',
      '# ngay-nhan.csv: "Tên tệp;Ngày nhận" — một dòng mỗi tệp, ngày trên sổ văn bản đến / one line per file, the date in the incoming-documents register',
    ],
    load: async () => (await import('./rank')).rankCommand,
  },
  packets: {
    usage: [
      [
        'scorecard packets export <files or folders...> [--rulebook <id|path>] [--year <yyyy>] [--received <manifest>] [--reviewer <group>=<agency>]... [--reference <figures.csv|xlsx> [--tolerance <n%>]] -o <folder>',
        'Phiếu thẩm định theo nhóm tiêu chí, thamdinh_<phụ lục>_nhom<mã>.xlsx / one review packet per annex and criteria group',
      ],
      [
        "scorecard packets import <packets...> --forms <files or folders...> [rank's options] [-o <ranking.xlsx>] [--json]",
        "Đưa điểm thẩm định của các phiếu gửi lại vào xếp hạng / rank the forms with the returned packets' appraised points",
      ],
    ],
    examples: [
      'npx scorecard packets export phieu-da-nop/ -o phieu-tham-dinh/',
      'npx scorecard packets import phieu-tham-dinh/ --forms phieu-da-nop/ -o xep-hang.xlsx',
    ],
    load: async () => (await import('./packets')).packetsCommand,
  },
  rulebook: {
    usage: [
      [
        'scorecard rulebook export --rulebook <id|path> -o <file.xlsx>   |   rulebook export --blank -o <file.xlsx>',
        'Bộ tiêu chí thành sổ tính soạn thảo (hoặc mẫu trống) / a rulebook as an authoring workbook (or the blank one)',
      ],
      [
        'scorecard rulebook import <file.xlsx> -o <rulebook.json>',
        'Biên dịch sổ tính soạn thảo; mỗi lỗi nêu trang, dòng, cột / compile an authoring workbook; every error names sheet, row, column',
      ],
      [
        'scorecard rulebook import <table.csv|table.xlsx> --province <name> --decision <number> --decision-date <yyyy-mm-dd> [--id <id>] [--title <text>] [--issuer <text>] [--provenance official|reconstructed] -o <rulebook.json>',
        'Dựng bộ tiêu chí từ bảng tiêu chí (Mã, Chỉ tiêu, Nhóm, Điểm tối đa) / a rulebook from a flat criteria table',
      ],
      [
        'scorecard rulebook diff <a> <b> [--json] [--lang vi|en] [-o <diff.xlsx>]',
        'Những nội dung điều chỉnh, bổ sung giữa hai phiên bản (mã, .json hoặc .xlsx) / what changed between two versions',
      ],
    ],
    examples: [
      'npx scorecard rulebook export --rulebook binh-thuan-2019 -o bo-tieu-chi.xlsx',
      'npx scorecard rulebook diff binh-thuan-2019 bo-tieu-chi-moi.xlsx',
    ],
    load: async () => (await import('./rulebook')).rulebookCommand,
  },
  form: {
    usage: [
      [
        'scorecard form import <table.csv|table.xlsx> --rulebook <id|path> --unit <name> [--annex <code>] [--year <yyyy>] -o <form.xlsx> [--json]',
        "Phiếu tự tính điểm đã điền từ bảng của đơn vị (Tự đánh giá, Thẩm định, Minh chứng) / a filled form from a unit's filled table",
      ],
    ],
    examples: [
      'npx scorecard form import "Sở Nội vụ.csv" --rulebook bo-tieu-chi.json --unit "Sở Nội vụ" --year 2025 -o "Sở Nội vụ.xlsx"',
    ],
    load: async () => (await import('./form')).formCommand,
  },
  results: {
    usage: [
      [
        "scorecard results <files or folders...> [rank's options] -o <folder> [--json]",
        'Mỗi đơn vị một tệp kết quả (ketqua_<phụ lục>_<đơn vị>.xlsx) / one result workbook per unit',
      ],
    ],
    examples: ['npx scorecard results phieu-da-nop/ --received ngay-nhan.csv -o ket-qua-tung-don-vi/'],
    load: async () => (await import('./results')).resultsCommand,
  },
  round: {
    usage: [
      [
        'scorecard round --rulebook <id|path> [--year <yyyy>] [--as-of <date>] [--json]',
        "Các mốc của đợt đánh giá và mốc tiếp theo / the round's milestones with their dates, and what is due next",
      ],
    ],
    examples: ['npx scorecard round --rulebook binh-thuan-2019 --year 2019 --as-of 30/09/2019'],
    load: async () => (await import('./round')).roundCommand,
  },
};
