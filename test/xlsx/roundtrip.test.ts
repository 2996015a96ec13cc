/**
 * The .xlsx round trip: plan with prefill → write → read → the same entries, meta and
 * names; when the names are lost or the sheet renamed, the metadata sheet still finds the form. Also
 * the reader's answers for damaged and hostile files (submitted files come from outside): a reason,
 * never a throw.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { builtinRulebook, builtinRulebooks, type Rulebook } from '../../src/core/rulebook';
import { score, validate } from '../../src/core/scoring';
import { parseYesNo } from '../../src/core/numbers';
import type { Entries } from '../../src/core/scoring/types';
import { planForm } from '../../src/form/plan';
import { readSubmission } from '../../src/form/read';
import { a1 } from '../../src/form/a1';
import type { SheetPlan } from '../../src/form/types';
import { ruleInputs, annexCriteria } from '../../src/core/rulebook';
import { buildWorkbook, writeFormXlsx } from '../../src/xlsx/write';
import { readWorkbook, parseNameRef } from '../../src/xlsx/read';
import { readSubmissionFromXlsx, readSubmissionsFromXlsx } from '../../src/xlsx/submission';
import { ZIP_LIMITS } from '../../src/xlsx/zip';
import { makeRulebook } from '../helpers/rulebooks';
import { randomEntries, rng } from '../form/random-entries';

/** What a prefilled entry reads back as: yes/no booleans were written as Có/Không. */
function asWritten(rb: Rulebook, annexCode: string, entries: Entries): Entries {
  const annex = rb.annexes.find((a) => a.code === annexCode)!;
  const out: Entries = {};
  for (const { criterion: c } of annexCriteria(annex)) {
    const e = entries[c.id];
    if (!e) continue;
    const copy = { ...e };
    for (const key of [
      ...ruleInputs(c)
        .filter((s) => s.kind === 'yesNo')
        .map((s) => s.key),
      'na',
    ])
      if (typeof copy[key] === 'boolean') copy[key] = copy[key] ? 'Có' : 'Không';
    out[c.id] = copy;
  }
  return out;
}

function editZip(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  edit(files);
  return zipSync(files);
}
const editXml = (bytes: Uint8Array, part: string, f: (xml: string) => string) =>
  editZip(bytes, (files) => (files[part] = strToU8(f(strFromU8(files[part])))));
const dropNames = (xml: string) => xml.replace(/<definedNames>[\s\S]*?<\/definedNames>/, '');

const resolve = (rb: Rulebook) => () => rb;

describe('xlsx round trip', () => {
  const cases = [...builtinRulebooks(), makeRulebook()].flatMap((rb) =>
    rb.annexes.map((a) => [`${rb.id} ${a.code}`, rb, a.code] as const),
  );

  it.each(cases)('%s: entries, appraisals, meta and names come back', async (_, rb, code) => {
    const annex = rb.annexes.find((a) => a.code === code)!;
    const { entries, appraisals } = randomEntries(annex, rng(code.length * 31 + rb.id.length));
    const plan = planForm(rb, code, { id: 'u-1', name: 'Sở Thử nghiệm' }, 2023, { entries, appraisals });
    const read = readWorkbook(await writeFormXlsx(plan));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.forms).toHaveLength(1);
    const form = read.forms[0];
    expect(form.sheetName).toBe(plan.sheetName);
    expect(form.source).toBe('names');
    expect(form.meta).toEqual(plan.meta);
    expect(form.addresses).toEqual(Object.fromEntries(plan.names.map((n) => [n.name, a1(n.row, n.col)])));
    for (const n of plan.names)
      expect([n.name, form.hasFormula[n.name]]).toEqual([
        n.name,
        /^(PT|GR)_|^TOTAL$|^BAND$|^STATUS$/.test(n.name),
      ]);
    const sub = readSubmission(rb, form.meta, form.values, form.hasFormula);
    expect(sub.entries).toEqual(asWritten(rb, code, entries));
    expect(sub.appraisals).toEqual(appraisals);
    expect(sub.altered).toEqual([]);
    expect(score(annex, sub.entries)).toEqual(score(annex, entries));
  });

  const rb = builtinRulebook('binh-thuan-2019')!;
  const annex = rb.annexes[0];
  const { entries, appraisals } = randomEntries(annex, rng(2024));
  let plan: SheetPlan;
  let bytes: Uint8Array;
  beforeAll(async () => {
    plan = planForm(rb, annex.code, { id: 'so-noi-vu', name: 'Sở Nội vụ' }, 2024, { entries, appraisals });
    bytes = await writeFormXlsx(plan);
  });
  const expectSameForm = (b: Uint8Array, source: 'names' | 'metadata', sheetName = plan.sheetName) => {
    const r = readSubmissionFromXlsx(b, resolve(rb));
    if (!r.ok) throw new Error(r.reason.en);
    expect(r.sheetName).toBe(sheetName);
    expect(r.source).toBe(source);
    expect(r.submission.meta).toEqual(plan.meta);
    expect(r.submission.entries).toEqual(asWritten(rb, annex.code, entries));
    expect(r.submission.appraisals).toEqual(appraisals);
  };

  it('reads the form through the metadata sheet when the defined names were removed', () => {
    const noNames = editXml(bytes, 'xl/workbook.xml', dropNames);
    expect(strFromU8(unzipSync(noNames)['xl/workbook.xml'])).not.toContain('IN_');
    expectSameForm(noNames, 'metadata');
  });

  it('follows the names to a renamed sheet, and the metadata finds it when the names are gone too', () => {
    const rename = (xml: string) =>
      xml
        .split(`'${plan.sheetName}'`)
        .join(`'Biểu mẫu đã đổi tên'`)
        .split(`&apos;${plan.sheetName}&apos;`)
        .join(`&apos;Biểu mẫu đã đổi tên&apos;`)
        .replace(`name="${plan.sheetName}"`, 'name="Biểu mẫu đã đổi tên"');
    const renamed = editXml(bytes, 'xl/workbook.xml', rename);
    expectSameForm(renamed, 'names', 'Biểu mẫu đã đổi tên');
    expectSameForm(editXml(renamed, 'xl/workbook.xml', dropNames), 'metadata', 'Biểu mẫu đã đổi tên');
  });

  it('reports a computed cell overwritten by a typed constant as altered, and uses the engine', async () => {
    const wb = await buildWorkbook(plan);
    const ws = wb.getWorksheet(plan.sheetName)!;
    const at = (name: string) => plan.names.find((n) => n.name === name)!;
    const engine = score(annex, asWritten(rb, annex.code, entries));
    ws.getCell(at('TOTAL').row + 1, at('TOTAL').col + 1).value = 499;
    ws.getCell(at('BAND').row + 1, at('BAND').col + 1).value = 'Tốt';
    ws.getCell(at('PT_1_1').row + 1, at('PT_1_1').col + 1).value = engine.criteria[0].points; // same value: not an alteration
    const b = new Uint8Array((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer);
    const r = readSubmissionFromXlsx(b, resolve(rb));
    if (!r.ok) throw new Error(r.reason.en);
    expect(r.submission.altered.map((a) => a.name).sort()).toEqual(
      engine.band.label === 'Tốt' ? ['TOTAL'] : ['BAND', 'TOTAL'],
    );
    expect(r.submission.altered.find((a) => a.name === 'TOTAL')).toEqual({
      name: 'TOTAL',
      cellValue: 499,
      expected: engine.total,
    });
  });

  it('reads text typed into number cells as the sheet does (0, an error naming the cell), without calling the sheet altered', () => {
    const values = { IN_1_4_value: '2,5', PT_1_4: 0, TOTAL: 0, BAND: 'Yếu', STATUS: 1 };
    const sub = readSubmission(rb, plan.meta, values, undefined, { IN_1_4_value: 'E31' });
    expect(sub.entries['1.4']).toEqual({ value: { sheetText: '2,5', cell: 'E31' } });
    expect(sub.altered).toEqual([]);
    expect(validate(rb.annexes[0], sub.entries).find((i) => i.criterion === '1.4')).toMatchObject({
      code: 'numberAsText',
      severity: 'error',
    });
  });

  it('a form made with the earlier formulas (a blank deduction gave full points) is not called altered', () => {
    const rb = makeRulebook();
    const plan = planForm(rb, 'A', { id: 'x', name: 'X' }, 2024);
    // The earlier formulas: 3.2 (deduction, max 10) blank → 10 points; total 10, band Yếu, no STATUS cell.
    const sub = readSubmission(rb, plan.meta, {
      PT_3_2: 10,
      GR_3: 10,
      TOTAL: 10,
      BAND: rb.annexes[0].bands.at(-1)!.label,
    });
    expect(sub.altered).toEqual([]);
    expect(readSubmission(rb, plan.meta, { PT_3_2: 7 }).altered.map((a) => a.name)).toEqual(['PT_3_2']);
  });

  it('a form of an unknown rulebook is a reason, not a crash', () => {
    const r = readSubmissionsFromXlsx(bytes, () => undefined);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.en).toContain(rb.id);
  });

  it('reads two forms of one workbook as the Office.js host keeps them (sheet-scoped names, metadata blocks, link formula)', async () => {
    const other = randomEntries(rb.annexes[1], rng(77));
    const plan2 = planForm(rb, rb.annexes[1].code, { id: 'so-tu-phap', name: 'Sở Tư pháp' }, 2024, {
      entries: other.entries,
    });
    const wb = await buildWorkbook(plan);
    wb.addWorksheet('Ghi chú').getCell('A1').value = 'a sheet of the user, before form 2';
    const ws2 = wb.addWorksheet(plan2.sheetName);
    for (const c of plan2.cells)
      if (c.formula) ws2.getCell(c.row + 1, c.col + 1).value = { formula: c.formula.slice(1) } as never;
      else if (c.value !== undefined) ws2.getCell(c.row + 1, c.col + 1).value = c.value;
    const meta = wb.getWorksheet('_scorecard_meta')!;
    plan2.metaSheet.rows.forEach(([k, v], i) => {
      meta.getCell(i + 1, 5).value = k;
      meta.getCell(i + 1, 6).value = v;
      if (k === 'sheet') meta.getCell(i + 1, 7).value = { formula: `'${plan2.sheetName}'!$A$1` } as never;
    });
    const base = new Uint8Array((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer);
    // Form 2's names on its own sheet's scope (sheet index 3), as Excel keeps a second form's names.
    const scoped = plan2.names
      .map(
        (n) =>
          `<definedName name="${n.name}" localSheetId="3">&apos;${plan2.sheetName}&apos;!$${a1(n.row, n.col).replace(/(\d+)/, '$$$1')}</definedName>`,
      )
      .join('');
    const metaName = `<definedName name="SCORECARD_META" localSheetId="3">&apos;_scorecard_meta&apos;!$E$1:$F$${plan2.metaSheet.rows.length}</definedName>`;
    const two = editXml(base, 'xl/workbook.xml', (xml) =>
      xml.replace('</definedNames>', `${scoped}${metaName}</definedNames>`),
    );
    const read = readWorkbook(two);
    if (!read.ok) throw new Error(read.reason.en);
    expect(read.forms.map((f) => [f.sheetName, f.meta.unitId, f.source])).toEqual([
      [plan.sheetName, 'so-noi-vu', 'names'],
      [plan2.sheetName, 'so-tu-phap', 'names'],
    ]);
    const sub2 = readSubmission(rb, read.forms[1].meta, read.forms[1].values);
    expect(sub2.entries).toEqual(asWritten(rb, plan2.meta.annex, other.entries));

    // The user renames form 2's sheet (Excel rewrites names and the link formula) and a tool drops
    // every defined name: the link still ties the block to the renamed sheet.
    const renamed = editZip(two, (files) => {
      const swap = (xml: string) =>
        xml
          .split(`&apos;${plan2.sheetName}&apos;`)
          .join('&apos;Tư pháp&apos;')
          .split(`'${plan2.sheetName}'`)
          .join("'Tư pháp'");
      files['xl/workbook.xml'] = strToU8(
        dropNames(
          swap(strFromU8(files['xl/workbook.xml'])).replace(`name="${plan2.sheetName}"`, 'name="Tư pháp"'),
        ),
      );
      files['xl/worksheets/sheet2.xml'] = strToU8(swap(strFromU8(files['xl/worksheets/sheet2.xml'])));
    });
    const again = readWorkbook(renamed);
    if (!again.ok) throw new Error(again.reason.en);
    expect(again.forms.map((f) => [f.sheetName, f.meta.unitId, f.source]).sort()).toEqual([
      [plan.sheetName, 'so-noi-vu', 'metadata'],
      ['Tư pháp', 'so-tu-phap', 'metadata'],
    ]);
    expect(
      readSubmission(
        rb,
        again.forms.find((f) => f.sheetName === 'Tư pháp')!.meta,
        again.forms.find((f) => f.sheetName === 'Tư pháp')!.values,
      ).entries,
    ).toEqual(asWritten(rb, plan2.meta.annex, other.entries));
  });

  it('parses name references as Excel and LibreOffice write them', () => {
    expect(parseNameRef("'Phụ lục I'!$E$15")).toEqual({ sheet: 'Phụ lục I', address: 'E15' });
    expect(parseNameRef("'It''s'!$E$15:$E$16")).toEqual({ sheet: "It's", address: 'E15' });
    expect(parseNameRef('Sheet1!B2')).toEqual({ sheet: 'Sheet1', address: 'B2' });
    expect(parseNameRef('#REF!')).toBeUndefined();
    expect(parseNameRef("'Phụ lục I'!#REF!")).toBeUndefined();
  });
});

describe('xlsx reader on bad files', () => {
  let good: Uint8Array;
  beforeAll(async () => {
    good = await writeFormXlsx(planForm(makeRulebook(), 'A', { id: 'x', name: 'X' }, 2024));
  });
  const failsWith = (bytes: Uint8Array, pattern: RegExp) => {
    const r = readWorkbook(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason.vi).toBeTruthy();
    expect(r.reason.en).toMatch(pattern);
    expect(r.reason.vi).not.toBe(r.reason.en);
  };

  it('not a zip', () => failsWith(strToU8('Tên đơn vị,Điểm\nSở Nội vụ,450\n'), /not an \.xlsx/));
  it('empty', () => failsWith(new Uint8Array(0), /not an \.xlsx/));
  it('truncated', () => failsWith(good.subarray(0, Math.floor(good.length / 2)), /incomplete|damaged/));
  it('an old .xls or a password-protected workbook (OLE compound file)', () =>
    failsWith(
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]),
      /password|\.xls/,
    ));
  it('a zip without a workbook', () =>
    failsWith(zipSync({ 'readme.txt': strToU8('hello') }), /no Excel workbook/));
  it('a workbook without a form', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'hello';
    failsWith(new Uint8Array((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer), /no assessment form/);
  });
  it('a form whose metadata sheet was deleted', () => {
    const noMeta = editXml(good, 'xl/workbook.xml', (xml) =>
      xml.replace(/<sheet [^>]*name="_scorecard_meta"[^>]*\/>/, ''),
    );
    failsWith(noMeta, /no metadata/);
  });

  it('a zip bomb declaring more than the limit is refused before inflating', () => {
    // A small archive whose central directory declares a part far above the limit.
    const zip = zipSync({
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/media/big.bin': new Uint8Array(1000),
    });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let o = 0; o < zip.length - 4; o++)
      if (view.getUint32(o, true) === 0x02014b50) view.setUint32(o + 24, ZIP_LIMITS.totalUncompressed, true);
    failsWith(zip, /above the limit/);
  });

  it('a part that inflates beyond its declared size is stopped', () => {
    const zip = zipSync({ 'xl/workbook.xml': new Uint8Array(8 * 1024 * 1024).fill(60) }, { level: 9 });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let o = 0; o < zip.length - 4; o++)
      if (view.getUint32(o, true) === 0x02014b50) view.setUint32(o + 24, 4096, true);
    failsWith(zip, /beyond its declared size/);
  });

  it('a large part that inflates beyond its declared size is stopped by the chunked inflater', () => {
    const r = rng(3);
    const noise = new Uint8Array(600 * 1024).map(() => r.int(0, 255)); // incompressible: > 256 KB compressed
    const zip = zipSync({ 'xl/workbook.xml': noise }, { level: 1 });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let o = 0; o < zip.length - 4; o++)
      if (view.getUint32(o, true) === 0x02014b50) view.setUint32(o + 24, 100 * 1024, true);
    failsWith(zip, /beyond its declared size/);
  });

  it('the browser fallback of the scanner (TextDecoder latin1) keeps one char per byte', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const text = new TextDecoder('latin1').decode(all);
    expect(text.length).toBe(256);
    expect(text.slice(0, 128)).toBe(String.fromCharCode(...all.slice(0, 128)));
  });

  it('anything that is not bytes is a reason too', () => {
    expect(readWorkbook('PK' as unknown as Uint8Array)).toMatchObject({ ok: false });
    expect(
      readWorkbook(new DataView(good.buffer, good.byteOffset, good.byteLength) as unknown as Uint8Array),
    ).toMatchObject({ ok: true });
  });

  it('random byte flips never throw: a form or a bilingual reason', () => {
    const r = rng(7);
    for (let i = 0; i < 150; i++) {
      const bytes = good.slice();
      for (let k = 0; k < 1 + r.int(0, 5); k++) bytes[r.int(0, bytes.length - 1)] = r.int(0, 255);
      const res = readWorkbook(bytes);
      if (!res.ok) expect(res.reason.vi && res.reason.en).toBeTruthy();
      else expect(res.forms.length).toBeGreaterThan(0);
    }
  });

  it('readSubmission keeps yes/no answers as typed (the engine reads them)', () => {
    const rb = makeRulebook();
    const plan = planForm(rb, 'A', { id: 'x', name: 'X' }, 2024);
    const sub = readSubmission(rb, plan.meta, { IN_1_2_value: 'x', IN_2_3_na: true, REASON_1_1: '   ' });
    expect(sub.entries).toEqual({ '1.2': { value: 'x' }, '2.3': { na: true } });
    expect(parseYesNo(sub.entries['2.3'].na)).toBe(true);
  });
});
