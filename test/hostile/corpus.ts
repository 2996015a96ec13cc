/**
 * The hostile-input corpus: bad, damaged, hand-edited and malicious workbooks, each built
 * here from a real form (planForm + writeFormXlsx) or from nothing, with what must happen to it.
 * Listed in docs/hostile-inputs.md. Used by reader.test.ts, cli.test.ts and libreoffice.test.ts.
 *
 * Outcomes:
 *  - refused: readWorkbook says why (a message key of src/i18n) — `check` exits 2, `rank` lists the
 *    file as invalid with that reason;
 *  - problem: the workbook is read, but its form cannot be identified against a rulebook — the same;
 *  - read: the form is read; `check` exits 0 or 1, `rank` ranks it or lists it as invalid because of
 *    error-level issues in its entries.
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { builtinRulebook, type Rulebook } from '../../src/core/rulebook';
import type { Entries } from '../../src/core/scoring/types';
import type { MessageKey } from '../../src/i18n';
import { planForm } from '../../src/form/plan';
import type { SheetPlan } from '../../src/form/types';
import { buildWorkbook, writeFormXlsx } from '../../src/xlsx/write';
import type { FormRead } from '../../src/xlsx/read';
import type { SubmissionRead } from '../../src/xlsx/submission';
import { ZIP_LIMITS } from '../../src/xlsx/zip';
import { annexOf, fullEntries } from '../core/ranking/fixtures';
import { rng } from '../form/random-entries';
import {
  deflatedZeros,
  editPart,
  editZip,
  encryptedWorkbook,
  forgeEntry,
  insertRows,
  legacyXls,
  storedEntries,
  writeZip,
} from './build';

export const rb: Rulebook = builtinRulebook('binh-thuan-2019')!;
export const YEAR = 2019;
export const FORM_SHEET = 'xl/worksheets/sheet1.xml';
export const MIB = 1024 * 1024;

export type Outcome =
  | { kind: 'refused'; reason: MessageKey; /** matched against the English reason */ detail?: RegExp }
  | { kind: 'problem'; reason: MessageKey }
  | {
      kind: 'read';
      /** Exit code of `scorecard check`. */
      check: 0 | 1;
      /** What `scorecard rank` makes of it. */
      rank: 'ranked' | 'invalid';
      /** `check` prints a bilingual warning on stderr (another rulebook version). */
      warns?: boolean;
      verify?: (s: SubmissionRead, form: FormRead) => void;
    };

export interface HostileCase {
  /** The file name in the corpus folder. */
  file: string;
  /** What the file is, for docs/hostile-inputs.md. */
  what: string;
  bytes: Uint8Array;
  outcome: Outcome;
  /** A good form's bytes this case was made from (to compare entries). */
  entries?: Entries;
}

/** Text a spreadsheet would take for a formula if it were typed, not stored as text. */
export const FORMULA_LIKE = {
  reason: '=HYPERLINK("http://example.invalid/x","Bấm vào đây")',
  evidence: '+84 912 345 678',
  reason2: '-chưa có kinh phí',
  evidence2: '@SUM(1,2)',
  unitName: "=cmd|' /C calc'!A0",
} as const;

export interface BuiltForm {
  plan: SheetPlan;
  bytes: Uint8Array;
  entries: Entries;
}

/** A complete form (every criterion at its maximum, reasons and evidence given) of `unitId`. */
export async function goodForm(
  annex: string,
  unitId: string,
  edit: (e: Entries) => void = () => {},
  unitName?: string,
): Promise<BuiltForm> {
  const entries = fullEntries(annexOf(rb, annex));
  edit(entries);
  const unit = unitId ? rb.units.find((u) => u.id === unitId)! : { id: '', name: unitName! };
  const plan = planForm(rb, annex, { id: unit.id, name: unitName ?? unit.name }, YEAR, { entries });
  return { plan, bytes: await writeFormXlsx(plan), entries };
}

const at = (plan: SheetPlan, name: string) => {
  const n = plan.names.find((x) => x.name === name);
  if (!n) throw new Error(`no name ${name}`);
  return { row: n.row + 1, col: n.col + 1 };
};

async function save(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The plan with other metadata (rulebook version and hash, annex, rulebook id). */
function withMeta(plan: SheetPlan, meta: Partial<Record<string, string>>): SheetPlan {
  return {
    ...plan,
    meta: { ...plan.meta, ...meta },
    metaSheet: {
      ...plan.metaSheet,
      rows: plan.metaSheet.rows.map(([k, v]) => [k, k in meta ? meta[k]! : v]),
    },
  };
}

const dropNames = (xml: string) => xml.replace(/<definedNames>[\s\S]*?<\/definedNames>/, '');

/** Units of annex I and IV handed out in order, so that no two readable forms are duplicates. */
function unitPool(annex: string) {
  const ids = rb.units.filter((u) => u.annex === annex).map((u) => u.id);
  return () => {
    const id = ids.shift();
    if (!id) throw new Error(`no more units of annex ${annex}`);
    return id;
  };
}

/** Pathological markup: a part a regex-based scanner could take quadratic time on. */
const REPEAT = 300_000;

/**
 * The whole corpus. Deterministic (seeded). The zip bombs inflate to hundreds of MB but are built
 * from 1 MiB pushes of zeros, so building them holds nothing large.
 */
export async function buildCorpus(): Promise<HostileCase[]> {
  const unitI = unitPool('I');
  const unitIV = unitPool('IV');
  const random = rng(7001);
  const randomBytes = (n: number) => new Uint8Array(n).map(() => random.int(0, 255));
  const cases: HostileCase[] = [];
  const add = (c: HostileCase) => cases.push(c);

  const base = await goodForm('I', unitI());
  add({
    file: 'phieu-tot-1.xlsx',
    what: 'A complete, untouched form (control)',
    bytes: base.bytes,
    entries: base.entries,
    outcome: { kind: 'read', check: 0, rank: 'ranked' },
  });
  const good2 = await goodForm('IV', unitIV(), (e) => (e['1.5'] = { ...e['1.5'], count: 1 }));
  add({
    file: 'phieu-tot-2.xlsx',
    what: 'A complete form of annex IV, lower total (control)',
    bytes: good2.bytes,
    entries: good2.entries,
    outcome: { kind: 'read', check: 0, rank: 'ranked' },
  });

  // ——— Not a workbook at all ———
  add({
    file: 'van-ban.xlsx',
    what: 'Text (a CSV export) named .xlsx',
    bytes: strToU8('Tên đơn vị;Tổng điểm\nSở Nội vụ;450\n'),
    outcome: { kind: 'refused', reason: 'xlsxNotZip' },
  });
  add({
    file: 'tai-lieu-pdf.xlsx',
    what: 'A PDF named .xlsx',
    bytes: strToU8(
      '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    ),
    outcome: { kind: 'refused', reason: 'xlsxNotZip' },
  });
  add({
    file: 'trang-loi.xlsx',
    what: 'An HTML error page saved by a browser as .xlsx',
    bytes: strToU8(
      '<!DOCTYPE html><html><head><title>404</title></head><body>Không tìm thấy tệp</body></html>',
    ),
    outcome: { kind: 'refused', reason: 'xlsxNotZip' },
  });
  add({
    file: 'ngau-nhien.xlsx',
    what: '4 KB of random bytes',
    bytes: randomBytes(4096),
    outcome: { kind: 'refused', reason: 'xlsxNotZip' },
  });
  add({
    file: 'rong.xlsx',
    what: 'An empty file (0 bytes)',
    bytes: new Uint8Array(0),
    outcome: { kind: 'refused', reason: 'xlsxNotZip' },
  });
  add({
    file: 'tai-lieu-word.xlsx',
    what: 'A zip that is not a workbook (a Word document renamed)',
    bytes: editZip(base.bytes, (p) => {
      for (const k of Object.keys(p)) delete p[k];
      p['[Content_Types].xml'] = strToU8(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      );
      p['word/document.xml'] = strToU8(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
      );
    }),
    outcome: { kind: 'refused', reason: 'xlsxNoWorkbook' },
  });

  // ——— Truncated (a valid form cut short, as by an interrupted download or a full mailbox) ———
  const n = base.bytes.length;
  for (const [label, length] of [
    ['10-byte', 10],
    ['100-byte', 100],
    ['25pct', Math.floor(n / 4)],
    ['50pct', Math.floor(n / 2)],
    ['90pct', Math.floor((n * 9) / 10)],
    ['minus-30', n - 30],
    ['minus-1', n - 1],
  ] as const)
    add({
      file: `cat-cut-${label}.xlsx`,
      what: `A form cut to ${length} of ${n} bytes`,
      bytes: base.bytes.slice(0, length),
      outcome: { kind: 'refused', reason: 'xlsxTruncated' },
    });

  // ——— Zip bombs: refused above ZIP_LIMITS before anything is inflated, or stopped while inflating ———
  const parts = unzipSync(base.bytes);
  const zeros100 = await deflatedZeros(100 * MIB);
  add({
    file: 'bom-nen-tong.xlsx',
    what: `A form plus three media parts of 100 MiB of zeros each (${Math.round(zeros100.length / 1024)} KB compressed each): 300 MiB declared in total`,
    bytes: writeZip([
      ...storedEntries(parts),
      ...[1, 2, 3].map((i) => ({
        name: `xl/media/image${i}.bin`,
        data: zeros100,
        method: 8 as const,
        declaredSize: 100 * MIB,
      })),
    ]),
    outcome: { kind: 'refused', reason: 'xlsxTooLarge' },
  });
  add({
    file: 'bom-nen-trang.xlsx',
    what: 'The form sheet replaced by 100 MiB of zeros, declared truthfully (above the 64 MiB part limit)',
    bytes: writeZip([
      ...storedEntries(parts, (name) => name === FORM_SHEET),
      { name: FORM_SHEET, data: zeros100, method: 8, declaredSize: 100 * MIB },
    ]),
    outcome: { kind: 'refused', reason: 'xlsxTooLarge' },
  });
  const zeros50 = await deflatedZeros(50 * MIB);
  add({
    file: 'bom-nen-noi-doi.xlsx',
    what: `The form sheet replaced by 50 MiB of zeros (${Math.round(zeros50.length / 1024)} KB compressed: inflated in one call) declared as 1,000 bytes`,
    bytes: writeZip([
      ...storedEntries(parts, (name) => name === FORM_SHEET),
      { name: FORM_SHEET, data: zeros50, method: 8, declaredSize: 1000 },
    ]),
    outcome: { kind: 'refused', reason: 'xlsxDamaged', detail: /inflates beyond its declared size/ },
  });
  const zeros200 = await deflatedZeros(200 * MIB);
  add({
    file: 'bom-nen-noi-doi-lon.xlsx',
    what: `The form sheet replaced by 200 MiB of zeros (${Math.round(zeros200.length / 1024)} KB compressed: inflated in checked chunks) declared as 1,000 bytes`,
    bytes: writeZip([
      ...storedEntries(parts, (name) => name === FORM_SHEET),
      { name: FORM_SHEET, data: zeros200, method: 8, declaredSize: 1000 },
    ]),
    outcome: { kind: 'refused', reason: 'xlsxDamaged', detail: /inflates beyond its declared size/ },
  });
  add({
    file: 'bom-nen-4gb.xlsx',
    what: 'A form whose sheet declares 4 GiB (a forged size)',
    bytes: forgeEntry(base.bytes, FORM_SHEET, { size: 0xffffffff }),
    outcome: { kind: 'refused', reason: 'xlsxTooLarge' },
  });
  add({
    file: 'qua-nhieu-phan.xlsx',
    what: `A form plus ${ZIP_LIMITS.entries} empty parts`,
    bytes: writeZip([
      ...storedEntries(parts),
      ...Array.from({ length: ZIP_LIMITS.entries }, (_, i) => ({
        name: `customXml/item${i}.xml`,
        data: new Uint8Array(0),
        method: 0 as const,
        declaredSize: 0,
      })),
    ]),
    outcome: { kind: 'refused', reason: 'xlsxTooManyParts' },
  });

  {
    // One digit of an entry changed inside a stored (uncompressed) part: the part still has its
    // declared size, only its CRC-32 tells (the fuzzer's finding before the reader checked it).
    const stored = zipSync(unzipSync(base.bytes), { level: 0 });
    const text = strFromU8(stored, true);
    const cell = at(base.plan, 'IN_1_5_count');
    const from = text.indexOf(`<c r="${String.fromCharCode(64 + cell.col)}${cell.row}"`);
    const digit = text.indexOf('<v>', from) + 3;
    if (from < 0 || !/\d/.test(text[digit])) throw new Error('no stored count value');
    const damaged = stored.slice();
    damaged[digit] = text[digit] === '9' ? 0x38 : text.charCodeAt(digit) + 1;
    add({
      file: 'byte-hong.xlsx',
      what: 'One digit of an entry changed inside a stored part (the CRC-32 no longer matches)',
      bytes: damaged,
      outcome: { kind: 'refused', reason: 'xlsxDamaged', detail: /checksum mismatch/ },
    });
  }
  add({
    file: 'thieu-phan.xlsx',
    what: 'The shared strings part removed from the archive (the workbook still refers to it)',
    bytes: editZip(base.bytes, (p) => delete p['xl/sharedStrings.xml']),
    outcome: { kind: 'refused', reason: 'xlsxDamaged', detail: /sharedStrings\.xml missing/ },
  });
  add({
    file: 'thieu-trang.xlsx',
    what: 'The form sheet part removed from the archive (the workbook still lists the sheet)',
    bytes: editZip(base.bytes, (p) => delete p[FORM_SHEET]),
    outcome: { kind: 'refused', reason: 'xlsxDamaged', detail: /sheet1\.xml missing/ },
  });
  add({
    file: 'xml-hong.xlsx',
    what: 'The form sheet cut off in the middle of a cell and zipped again (a broken save: not well-formed XML)',
    bytes: editPart(
      base.bytes,
      FORM_SHEET,
      (xml) => xml.slice(0, Math.floor(xml.length * 0.6)) + '<c r="Z1"',
    ),
    outcome: { kind: 'refused', reason: 'xlsxDamagedPart', detail: /sheet1\.xml/ },
  });
  add({
    file: 'the-dong-sai.xlsx',
    what: 'A closing tag that does not match its opening in the workbook part',
    bytes: editPart(base.bytes, 'xl/workbook.xml', (xml) => xml.replace('</sheets>', '</sheet>')),
    outcome: { kind: 'refused', reason: 'xlsxDamagedPart', detail: /workbook\.xml/ },
  });
  add({
    file: 'ten-ngoai-trang.xlsx',
    what: 'One defined name of the form pointing outside the sheet ($XFE$1, beyond the last column), another at #REF!',
    bytes: editPart(base.bytes, 'xl/workbook.xml', (xml) =>
      xml
        .replace(
          /(<definedName name="IN_1_1_[^"]*"[^>]*>)([^<]*)/,
          (_, open: string, ref: string) => `${open}${ref.replace(/![^!]*$/, '!$XFE$1')}`,
        )
        .replace(/(<definedName name="PT_1_2"[^>]*>)[^<]*/, (_, open: string) => `${open}#REF!`),
    ),
    outcome: { kind: 'refused', reason: 'xlsxDamagedName' },
  });

  // ——— Encrypted, old formats ———
  add({
    file: 'mat-khau.xlsx',
    what: 'A workbook saved with a password to open (OLE compound file: EncryptionInfo, EncryptedPackage)',
    bytes: encryptedWorkbook(randomBytes),
    outcome: { kind: 'refused', reason: 'xlsxEncrypted' },
  });
  add({
    file: 'excel-cu.xlsx',
    what: 'An Excel 97–2003 workbook (.xls, a Workbook stream) renamed .xlsx',
    bytes: legacyXls(),
    outcome: { kind: 'refused', reason: 'xlsxLegacy' },
  });
  add({
    file: 'ole-khong-ro.xlsx',
    what: 'An OLE compound file header with nothing recognisable after it',
    bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(1016).fill(0)]),
    outcome: { kind: 'refused', reason: 'xlsxLegacyOrEncrypted' },
  });
  add({
    file: 'zip-ma-hoa.xlsx',
    what: 'A form zipped again with a zip password (entries flagged encrypted)',
    bytes: forgeEntry(base.bytes, 'xl/workbook.xml', { flags: 1 }),
    outcome: { kind: 'refused', reason: 'xlsxEncryptedPart' },
  });

  // ——— Workbooks that are not (or no longer) forms ———
  const plain = new ExcelJS.Workbook();
  plain.addWorksheet('Sheet1').getCell('A1').value = 'Báo cáo ứng dụng CNTT';
  add({
    file: 'khong-co-phieu.xlsx',
    what: 'A plain workbook (ExcelJS) without a form',
    bytes: await save(plain),
    outcome: { kind: 'refused', reason: 'xlsxNoForm' },
  });
  add({
    file: 'mat-trang-sieu-du-lieu.xlsx',
    what: 'A form whose metadata sheet was deleted (the names remain)',
    bytes: editPart(base.bytes, 'xl/workbook.xml', (xml) =>
      xml
        .replace(/<sheet [^>]*name="_scorecard_meta"[^>]*\/>/, '')
        .replace(/<definedName name="SCORECARD_META"[^<]*<\/definedName>/, ''),
    ),
    outcome: { kind: 'refused', reason: 'xlsxNoMeta' },
  });
  {
    const f = await goodForm('I', unitI());
    add({
      file: 'phu-luc-khong-co.xlsx',
      what: 'Metadata edited by hand: an annex the rulebook does not have',
      bytes: await writeFormXlsx(withMeta(f.plan, { annex: 'IX' })),
      outcome: { kind: 'problem', reason: 'unknownAnnex' },
    });
  }
  {
    const f = await goodForm('I', unitI());
    add({
      file: 'bo-tieu-chi-la.xlsx',
      what: 'A form of a rulebook this installation does not know',
      bytes: await writeFormXlsx(withMeta(f.plan, { rulebookId: 'ha-noi-2030' })),
      outcome: { kind: 'problem', reason: 'xlsxUnknownRulebook' },
    });
  }

  // ——— Forms edited by hand or by other programs: still read ———
  const sameEntries = (expected: Entries) => (s: SubmissionRead) => {
    for (const [id, e] of Object.entries(expected))
      for (const [k, v] of Object.entries(e))
        if (typeof v !== 'boolean') expect([id, k, s.submission.entries[id]?.[k]]).toEqual([id, k, v]);
  };
  {
    const f = await goodForm('I', unitI());
    const renamed = 'Biểu mẫu đã đổi tên';
    const bytes = editPart(f.bytes, 'xl/workbook.xml', (xml) =>
      xml
        .split(`&apos;${f.plan.sheetName}&apos;`)
        .join(`&apos;${renamed}&apos;`)
        .replace(`name="${f.plan.sheetName}"`, `name="${renamed}"`),
    );
    add({
      file: 'doi-ten-trang-excel.xlsx',
      what: 'Sheet renamed in Excel (the defined names follow the sheet)',
      bytes,
      entries: f.entries,
      outcome: {
        kind: 'read',
        check: 0,
        rank: 'ranked',
        verify: (s, form) => (
          expect([form.sheetName, form.source]).toEqual([renamed, 'names']),
          sameEntries(f.entries)(s)
        ),
      },
    });
  }
  {
    const f = await goodForm('I', unitI());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.bytes as unknown as ArrayBuffer);
    wb.getWorksheet(f.plan.sheetName)!.name = 'Sheet1';
    add({
      file: 'doi-ten-trang-cong-cu.xlsx',
      what: 'Sheet renamed by a tool that leaves the defined names pointing at the old name (ExcelJS)',
      bytes: await save(wb),
      entries: f.entries,
      outcome: {
        kind: 'read',
        check: 0,
        rank: 'ranked',
        verify: (s, form) => (
          expect([form.sheetName, form.source]).toEqual(['Sheet1', 'metadata']),
          sameEntries(f.entries)(s)
        ),
      },
    });
  }
  {
    const f = await goodForm('I', unitI());
    add({
      file: 'chen-dong.xlsx',
      what: 'Three rows inserted above the table, as Excel does (cells, formulas, merges, validations, names move down)',
      bytes: insertRows(f.bytes, f.plan.sheetName, 11, 3),
      entries: f.entries,
      outcome: {
        kind: 'read',
        check: 0,
        rank: 'ranked',
        verify: (s, form) => {
          expect(form.source).toBe('names');
          const n = at(f.plan, 'IN_1_1_value');
          expect(form.addresses.IN_1_1_value).toBe(`${String.fromCharCode(64 + n.col)}${n.row + 3}`);
          sameEntries(f.entries)(s);
        },
      },
    });
  }
  {
    const f = await goodForm('I', unitI());
    add({
      file: 'mat-ten.xlsx',
      what: 'All defined names deleted (the metadata sheet records where the cells are)',
      bytes: editPart(f.bytes, 'xl/workbook.xml', dropNames),
      entries: f.entries,
      outcome: {
        kind: 'read',
        check: 0,
        rank: 'ranked',
        verify: (s, form) => (expect(form.source).toBe('metadata'), sameEntries(f.entries)(s)),
      },
    });
  }
  {
    // Names lost after rows were inserted: the metadata's recorded addresses are stale; column A's
    // criterion codes show by how many rows the form moved.
    const f = await goodForm('I', unitI());
    add({
      file: 'chen-dong-mat-ten.xlsx',
      what: 'Three rows inserted above the table, then all defined names deleted (the recorded addresses are 3 rows off)',
      bytes: editPart(insertRows(f.bytes, f.plan.sheetName, 11, 3), 'xl/workbook.xml', dropNames),
      entries: f.entries,
      outcome: {
        kind: 'read',
        check: 0,
        rank: 'ranked',
        verify: (s, form) => (expect(form.source).toBe('metadata'), sameEntries(f.entries)(s)),
      },
    });
    add({
      file: 'chen-dong-giua-mat-ten.xlsx',
      what: 'Two rows inserted inside the table (before group 2), then all defined names deleted',
      bytes: editPart(
        insertRows(f.bytes, f.plan.sheetName, at(f.plan, 'GR_2').row, 2),
        'xl/workbook.xml',
        dropNames,
      ),
      outcome: { kind: 'refused', reason: 'xlsxFormMoved' },
    });
  }
  {
    const f = await goodForm('I', unitI(), (e) => (e['1.5'] = { ...e['1.5'], count: 'năm văn bản' }));
    add({
      file: 'chu-trong-o-so.xlsx',
      what: 'Text ("năm văn bản") in a count cell',
      bytes: f.bytes,
      outcome: {
        kind: 'read',
        check: 1,
        rank: 'invalid',
        verify: (s) =>
          expect(s.submission.entries['1.5'].count).toEqual({
            sheetText: 'năm văn bản',
            cell: expect.stringMatching(/^E\d+$/),
          }),
      },
    });
  }
  {
    // Pasted as text into number cells (the form's validation cannot stop a paste).
    const f = await goodForm('I', unitI());
    const wb = await buildWorkbook(f.plan);
    const ws = wb.getWorksheet(f.plan.sheetName)!;
    const value = at(f.plan, 'IN_1_4_value');
    const percent = at(f.plan, 'IN_2_2_percent');
    ws.getCell(value.row, value.col).value = '2,5';
    ws.getCell(percent.row, percent.col).value = '85%';
    add({
      file: 'so-dang-chu.xlsx',
      what: 'Numbers pasted as text: "2,5" (decimal comma) and "85%": the sheet counts them 0, so does the engine, and each is an error naming its cell',
      bytes: await save(wb),
      outcome: {
        kind: 'read',
        check: 1,
        rank: 'invalid',
        verify: (s) => {
          expect([s.submission.entries['1.4'].value, s.submission.entries['2.2'].percent]).toEqual([
            { sheetText: '2,5', cell: `E${value.row}` },
            { sheetText: '85%', cell: `E${percent.row}` },
          ]);
          expect(s.submission.altered).toEqual([]);
        },
      },
    });
  }
  {
    const f = await goodForm('I', unitI(), (e) => (e['1.5'] = { ...e['1.5'], count: -3 }));
    add({
      file: 'so-am.xlsx',
      what: 'A negative count (-3)',
      bytes: f.bytes,
      outcome: {
        kind: 'read',
        check: 1,
        rank: 'invalid',
        verify: (s) => expect(s.submission.entries['1.5'].count).toBe(-3),
      },
    });
  }
  {
    const f = await goodForm('I', unitI(), (e) => {
      e['2.2'] = { ...e['2.2'], percent: 1.5 };
      e['1.2'] = { ...e['1.2'], thuDienTu: 7 };
    });
    add({
      file: 'vuot-toi-da.xlsx',
      what: 'Numbers above the maximum: 150% and 7 points of 5',
      bytes: f.bytes,
      outcome: { kind: 'read', check: 1, rank: 'invalid' },
    });
  }
  {
    const f = await goodForm('I', unitI());
    const wb = await buildWorkbook(f.plan);
    const ws = wb.getWorksheet(f.plan.sheetName)!;
    const total = at(f.plan, 'TOTAL');
    const pt = at(f.plan, 'PT_1_1');
    ws.getCell(total.row, total.col).value = 499;
    ws.getCell(pt.row, pt.col).value = 0;
    add({
      file: 'ghi-de-cong-thuc.xlsx',
      what: 'Formulas overwritten with typed constants (TOTAL = 499, PT_1_1 = 0)',
      bytes: await save(wb),
      outcome: {
        kind: 'read',
        check: 0,
        rank: 'ranked',
        verify: (s) =>
          expect(s.submission.altered.map((a) => [a.name, a.cellValue]).sort()).toEqual([
            ['PT_1_1', 0],
            ['TOTAL', 499],
          ]),
      },
    });
  }
  {
    const f = await goodForm('I', unitI());
    add({
      file: 'phien-ban-khac.xlsx',
      what: 'A form made with another version of the rulebook (other version and content hash)',
      bytes: await writeFormXlsx(
        withMeta(f.plan, { rulebookVersion: '1000/QĐ-UBND (2018)', rulebookHash: '0123456789abcdef' }),
      ),
      outcome: {
        kind: 'read',
        check: 0,
        rank: 'ranked',
        warns: true,
        verify: (s) => expect(s.submission.meta.rulebookVersion).toBe('1000/QĐ-UBND (2018)'),
      },
    });
  }
  {
    const f = await goodForm('I', unitI());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(f.plan.sheetName)!;
    const last = ws.rowCount;
    for (let i = 1; i <= 5000; i++)
      ws.getRow(last + i).values = [i, `Dòng ghi chú thêm số ${i}`, i * 1.5, `=A${last + i}*2`];
    add({
      file: '5000-dong-them.xlsx',
      what: '5,000 extra rows below the form',
      bytes: await save(wb),
      entries: f.entries,
      outcome: { kind: 'read', check: 0, rank: 'ranked', verify: sameEntries(f.entries) },
    });
  }
  {
    const f = await goodForm('I', unitI());
    const wb = await buildWorkbook(f.plan);
    await wb.getWorksheet(f.plan.sheetName)!.protect('mat-khau-trang', {});
    add({
      file: 'bao-ve-trang.xlsx',
      what: 'The form sheet protected with a password (not a password to open)',
      bytes: await save(wb),
      outcome: { kind: 'read', check: 0, rank: 'ranked', verify: sameEntries(f.entries) },
    });
  }
  {
    const f = await goodForm(
      'IV',
      '',
      (e) => {
        e['1.1'] = { ...e['1.1'], reason: FORMULA_LIKE.reason, evidence: FORMULA_LIKE.evidence };
        e['1.2'] = { ...e['1.2'], reason: FORMULA_LIKE.reason2, evidence: FORMULA_LIKE.evidence2 };
      },
      FORMULA_LIKE.unitName,
    );
    add({
      file: '=1+2.xlsx',
      what: 'User text that starts with =, +, - or @ (reasons, evidence, the unit name, the file name)',
      bytes: f.bytes,
      outcome: {
        kind: 'read',
        check: 0,
        rank: 'ranked',
        verify: (s, form) => {
          expect(s.submission.entries['1.1']).toMatchObject({
            reason: FORMULA_LIKE.reason,
            evidence: FORMULA_LIKE.evidence,
          });
          expect(s.submission.entries['1.2']).toMatchObject({
            reason: FORMULA_LIKE.reason2,
            evidence: FORMULA_LIKE.evidence2,
          });
          expect(s.submission.meta.unitName).toBe(FORMULA_LIKE.unitName);
          expect([form.hasFormula.REASON_1_1, form.hasFormula.EVIDENCE_1_1]).toEqual([false, false]);
        },
      },
    });
  }
  {
    const f = await goodForm('IV', unitIV());
    add({
      file: 'chuoi-rat-dai.xlsx',
      what: 'A 5 MB text in an evidence cell',
      bytes: await (async () => {
        const wb = await buildWorkbook(f.plan);
        const ev = at(f.plan, 'EVIDENCE_1_1');
        wb.getWorksheet(f.plan.sheetName)!.getCell(ev.row, ev.col).value = 'Tài liệu '.repeat(600_000);
        return save(wb);
      })(),
      outcome: {
        kind: 'read',
        check: 0,
        rank: 'ranked',
        verify: (s) => expect(String(s.submission.entries['1.1'].evidence)).toHaveLength(9 * 600_000),
      },
    });
  }

  // ——— Hostile markup: parts built so that a backtracking scanner would take minutes (fixed in xml.ts/read.ts) ———
  {
    const f = await goodForm('IV', unitIV());
    let bytes = editPart(f.bytes, 'xl/workbook.xml', (xml) =>
      xml
        .replace('<sheet ', `<sheet ${'abc-'.repeat(REPEAT)} `)
        .replace('</sheets>', `${'<sheet '.repeat(REPEAT)}</sheets>`),
    );
    bytes = editPart(bytes, '_rels/.rels', (xml) =>
      xml.replace('<Relationship ', `<Relationship ${'x'.repeat(4 * REPEAT)} `),
    );
    add({
      file: 'the-dai-workbook.xlsx',
      what: `workbook.xml and _rels/.rels with ${(4 * REPEAT) / 1e6} MB runs of attribute-like text and ${REPEAT} stray "<sheet " openings`,
      bytes,
      outcome: { kind: 'refused', reason: 'xlsxDamagedPart', detail: /not closed/ },
    });
  }
  add({
    file: 'the-mo-khong-dong.xlsx',
    what: `workbook.xml whose <sheets> block never closes, followed by ${REPEAT} stray "<sheets " openings`,
    bytes: editPart(base.bytes, 'xl/workbook.xml', (xml) =>
      xml.replace('</sheets>', '').replace('</workbook>', `${'<sheets '.repeat(REPEAT)}</workbook>`),
    ),
    outcome: { kind: 'refused', reason: 'xlsxDamagedPart', detail: /workbook\.xml/ },
  });
  {
    const f = await goodForm('IV', unitIV());
    const input = at(f.plan, 'IN_1_4_value');
    const ref = `${String.fromCharCode(64 + input.col)}${input.row}`;
    add({
      file: 'the-dai-o.xlsx',
      what: `A form sheet whose input cell ${ref} holds ${REPEAT} unclosed "<v " and "<is>" tags`,
      bytes: editPart(f.bytes, FORM_SHEET, (xml) =>
        xml.replace(
          new RegExp(`<c r="${ref}"[^>]*?(/>|>[\\s\\S]*?</c>)`),
          `<c r="${ref}" t="inlineStr">${'<v <is>'.repeat(REPEAT)}</c>`,
        ),
      ),
      outcome: { kind: 'refused', reason: 'xlsxDamagedPart', detail: /sheet1\.xml/ },
    });
  }
  {
    const f = await goodForm('IV', unitIV());
    const laughs = `<!DOCTYPE sst [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>`;
    add({
      file: 'the-dai-chuoi.xlsx',
      what: `Shared strings with a DOCTYPE of nested entities ("billion laughs"), one used in an evidence text, and ${REPEAT} unclosed phonetic runs ("<rPh") in a string the reader needs`,
      bytes: editPart(f.bytes, 'xl/sharedStrings.xml', (xml) =>
        xml
          .replace('<sst ', `${laughs}<sst `)
          .replace('<si><t>rulebookId</t></si>', `<si>${'<rPh '.repeat(REPEAT)}<t>rulebookId</t></si>`)
          .replace(
            '<si><t>Tài liệu kiểm chứng</t></si>',
            '<si><t>Tài liệu kiểm chứng &amp;lol9; &lol9;</t></si>',
          ),
      ),
      outcome: { kind: 'refused', reason: 'xlsxDamagedPart', detail: /sharedStrings\.xml/ },
    });
  }
  return cases;
}
