/**
 * `scorecard packets`: review packets by criteria group (the Sở Nội vụ proposal, docs/review-packets.md).
 *
 *   packets export <files or folders...> [--rulebook] [--year] [--received] [--reviewer <group>=<agency>]...
 *                  [--reference <figures.csv|xlsx> [--tolerance <n%>]] -o <folder>
 *     reads the submitted forms as `scorecard rank` does and writes one workbook per (annex, criteria
 *     group), thamdinh_<annex>_nhom<code>.xlsx, for the council member of that field to appraise.
 *   packets import <packets...> --forms <files or folders...> [rank's options] [-o ranking.xlsx] [--json]
 *     reads the returned packets, merges their appraisals into the forms (in memory: the submitted
 *     files are never written) and runs the very pipeline of `scorecard rank` (rankPaths) on the result.
 *
 * Exit codes as `scorecard rank`: 0 packets written / forms ranked; 1 no form to work on; 2 bad usage
 * (also: no returned packet could be used), each with a one-line reason in both languages.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { RankingInput } from '../core/ranking';
import type { Rulebook } from '../core/rulebook';
import { bilingual, msg, t, type Message } from '../i18n';
import { readWorkbook } from '../xlsx/read';
import {
  applyPacketAppraisals,
  buildPackets,
  isPacketWorkbook,
  packetFileName,
  readPacketXlsx,
  writePacketXlsx,
  type PacketAppraisal,
  type PacketRead,
} from '../packets';
import { cannotRead, cannotWrite, CliError, resolveRulebook, warning, type Io } from './io';
import { parseOptions, parseYear } from './args';
import { crossCheckRanking, referenceInput } from './reference';
import { collectFiles, type UnreadableFolder } from './files';
import { RANK_OPTIONS, rankFiles, rankPaths, readManifest } from './rank';

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** --reviewer 3="Sở Nội vụ" --reviewer 5="Sở Kế hoạch và Đầu tư" → { '3': 'Sở Nội vụ', '5': … }. */
export function parseReviewers(values: string[]): Record<string, string> {
  const reviewers: Record<string, string> = {};
  for (const v of values) {
    const m = /^\s*([A-Za-z0-9_]+)\s*=\s*(.*\S)\s*$/.exec(v);
    if (!m) throw new CliError(msg('packetsBadReviewer', { value: v }));
    reviewers[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  }
  return reviewers;
}

function holdsForm(file: string): boolean {
  try {
    return readWorkbook(readFileSync(file)).ok;
  } catch {
    return false;
  }
}

const writeFile = (file: string, bytes: Uint8Array) => {
  try {
    writeFileSync(file, bytes);
  } catch (e) {
    throw new CliError(cannotWrite(file, e));
  }
};

/** Review packets found among the forms are not broken forms: left out, each with a warning. */
function withoutPackets(inputs: RankingInput[], io: Io): RankingInput[] {
  return inputs.filter((i) => {
    if (!('failure' in i)) return true;
    let packet = false;
    try {
      packet = isPacketWorkbook(readFileSync(i.file));
    } catch {
      // Unreadable: it stays an invalid input with its own reason.
    }
    if (packet) io.err(warning(msg('packetsSkippedAmongForms', { file: i.file })));
    return !packet;
  });
}

async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    rulebook: { type: 'string' },
    year: { type: 'string' },
    received: { type: 'string' },
    reviewer: { type: 'string', multiple: true },
    output: { type: 'string', short: 'o' },
    reference: { type: 'string' },
    tolerance: { type: 'string' },
  });
  if (!positionals.length) throw new CliError(msg('cliMissingOption', { option: '<files or folders…>' }));
  const folder = str(values.output);
  if (!folder) throw new CliError(msg('cliMissingOption', { option: '-o <folder>' }));
  const given = str(values.rulebook) ? resolveRulebook(str(values.rulebook)!) : undefined;
  const year = str(values.year) ? parseYear(str(values.year)) : undefined;
  const reviewers = parseReviewers((values.reviewer as unknown as string[] | undefined) ?? []);
  const received = str(values.received);
  const manifest = received ? readManifest(received, io) : undefined;
  const reference = referenceInput(values);

  // Packets of an earlier export in the output folder are not forms: leave them out of the inputs.
  const earlier = existsSync(folder)
    ? safeList(folder)
        .filter((n) => /^thamdinh_.*\.xlsx$/i.test(n))
        .map((n) => resolve(folder, n))
    : [];
  const unreadable: UnreadableFolder[] = [];
  const files = collectFiles(positionals, new Set(earlier), unreadable);
  if (!files.length && !unreadable.length)
    throw new CliError(msg('rankNoFiles', { paths: positionals.join(', ') }));
  const result = await rankFiles(files, {
    rulebook: given,
    manifest,
    year,
    unreadable,
    prepare: (_, inputs) => withoutPackets(inputs, io),
  });
  for (const w of result.warnings) io.err(warning(w));
  for (const i of result.inputs)
    if ('failure' in i)
      io.err(warning({ vi: `${i.file}: ${i.failure.vi}`, en: `${i.file}: ${i.failure.en}` }));
  if (!result.rulebook) {
    io.err(bilingual(msg('rankNoRulebook')));
    return 1;
  }
  // The differences from the specialised agencies' figures go on the rows the council appraises.
  const cross =
    reference && result.ranking
      ? crossCheckRanking(reference, result.rulebook, result.ranking, result.inputs)
      : undefined;
  for (const w of cross?.warnings ?? []) io.err(warning(w));
  const crossChecks = cross?.result.checks ?? [];
  const packets = buildPackets(result.rulebook, result.inputs, {
    ...(year !== undefined ? { year } : {}),
    reviewers,
    crossChecks,
  });
  if (!packets.length) {
    io.err(bilingual(msg('packetsNone')));
    return 1;
  }

  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw new CliError(cannotWrite(folder, e));
  }
  // Never write over a submission: checked for every target before the first file is written.
  const inputs = new Set(files.map((f) => resolve(f)));
  const targets = packets.map((p) => ({ packet: p, file: join(folder, packetFileName(p.identity)) }));
  for (const { file } of targets)
    if (inputs.has(resolve(file)) || (existsSync(file) && holdsForm(file)))
      throw new CliError(msg('packetsOverwriteForm', { file }));

  const written = [];
  for (const { packet, file } of targets) {
    writeFile(file, await writePacketXlsx(packet));
    const rows = packet.units.reduce((n, u) => n + u.entries.length, 0);
    const { annex, group } = packet.identity;
    written.push({
      file,
      annex,
      group,
      title: packet.groupTitle,
      reviewer: packet.reviewer ?? null,
      units: packet.units.length,
      rows,
    });
    if (!values.json)
      io.out(
        bilingual(
          msg('packetsWritten', {
            file,
            group,
            title: packet.groupTitle,
            annex,
            units: packet.units.length,
            rows,
          }),
        ),
      );
  }
  if (values.json)
    io.out(
      JSON.stringify(
        {
          rulebook: result.rulebook.id,
          year: packets[0].identity.year,
          folder,
          packets: written,
          invalid: (result.ranking?.invalid ?? []).map((i) => ({
            file: i.file,
            reason: i.reason.vi,
            reasonEn: i.reason.en,
          })),
        },
        null,
        2,
      ),
    );
  return 0;
}

function safeList(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/** `--forms a b c` takes every following argument up to the next option (node's parseArgs takes one). */
function splitForms(args: string[]): { forms: string[]; rest: string[]; named: boolean } {
  const forms: string[] = [];
  const rest: string[] = [];
  let named = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--forms') {
      named = true;
      while (i + 1 < args.length && !args[i + 1].startsWith('-')) forms.push(args[++i]);
    } else if (a.startsWith('--forms=')) {
      named = true;
      if (a.length > 8) forms.push(a.slice(8));
    } else rest.push(a);
  }
  return { forms, rest, named };
}

/** The assessment year most forms of this rulebook carry (as rank() infers it; ties: the later year). */
function formsYear(rb: Rulebook, inputs: RankingInput[]): number | undefined {
  const counts = new Map<number, number>();
  for (const i of inputs)
    if (
      'submission' in i &&
      i.submission.meta.rulebookId === rb.id &&
      Number.isInteger(i.submission.meta.year)
    )
      counts.set(i.submission.meta.year, (counts.get(i.submission.meta.year) ?? 0) + 1);
  let best: number | undefined;
  for (const [y, n] of counts)
    if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && y > best)) best = y;
  return best;
}

async function importCommand(args: string[], io: Io): Promise<number> {
  const { forms, rest } = splitForms(args);
  const { values, positionals } = parseOptions(rest, RANK_OPTIONS);
  if (!positionals.length) throw new CliError(msg('cliMissingOption', { option: '<packets…>' }));
  if (!forms.length) throw new CliError(msg('cliMissingOption', { option: '--forms <files or folders…>' }));
  const packetFiles = collectFiles(positionals);
  const output = str(values.output);
  if (output && packetFiles.some((f) => resolve(f) === resolve(output)))
    throw new CliError(msg('packetsOutputIsPacket', { file: output }));
  const given = str(values.rulebook) ? resolveRulebook(str(values.rulebook)!) : undefined;
  const year = str(values.year) ? parseYear(str(values.year)) : undefined;

  const problem = (file: string, m: Message): Message => ({
    vi: t('vi', 'packetsFileProblem', { file: basename(file), problem: m.vi }),
    en: t('en', 'packetsFileProblem', { file: basename(file), problem: m.en }),
  });
  const reads: { file: string; read: Extract<PacketRead, { ok: true }> }[] = [];
  for (const file of packetFiles) {
    let read: PacketRead;
    try {
      read = await readPacketXlsx(readFileSync(file), {
        ...(given ? { rulebook: given } : {}),
        ...(year !== undefined ? { year } : {}),
      });
    } catch (e) {
      read = { ok: false, reason: cannotRead(file, e) };
    }
    if (!read.ok) {
      io.err(warning(problem(file, read.reason)));
      continue;
    }
    for (const p of read.problems) io.err(warning(problem(file, p)));
    reads.push({ file, read });
  }
  if (!reads.length) throw new CliError(msg('packetsNoPacket'));

  // Once the forms are read and the rulebook chosen: keep the packets of that rulebook and year, and
  // merge their appraisals (command-line order: a later packet wins a conflict).
  const prepare = (rb: Rulebook, all: RankingInput[]): RankingInput[] => {
    const inputs = withoutPackets(all, io);
    const y = year ?? formsYear(rb, inputs);
    const usable = reads.filter(({ file, read }) => {
      if (read.packet.rulebookId !== rb.id)
        io.err(
          warning(
            problem(
              file,
              msg('packetWrongRulebook', { packetRulebook: read.packet.rulebookId, rulebook: rb.id }),
            ),
          ),
        );
      else if (y !== undefined && read.packet.year !== y)
        io.err(warning(problem(file, msg('packetWrongYear', { packetYear: read.packet.year, year: y }))));
      else return true;
      return false;
    });
    if (!usable.length) throw new CliError(msg('packetsNoPacket'));
    const appraisals: PacketAppraisal[] = usable.flatMap(({ file, read }) =>
      read.appraisals.map((a) => ({ ...a, source: basename(file) })),
    );
    const merged = applyPacketAppraisals(rb, inputs, appraisals, y !== undefined ? { year: y } : {});
    for (const p of merged.problems) io.err(warning(p));
    const summary = bilingual(
      msg('packetsImported', {
        packets: usable.length,
        applied: merged.applied.length,
        forms: new Set(merged.applied.map((a) => a.file)).size,
      }),
    );
    // stdout stays the ranking's JSON with --json.
    if (values.json) io.err(summary);
    else io.out(summary);
    return merged.inputs;
  };
  return rankPaths(forms, values, io, { prepare, exclude: packetFiles });
}

export async function packetsCommand(args: string[], io: Io): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'export') return exportCommand(rest, io);
  if (command === 'import') return importCommand(rest, io);
  if (!command) throw new CliError(msg('cliMissingOption', { option: 'export | import' }));
  throw new CliError(msg('cliPacketsUsage', { command }));
}
