/**
 * The form's defined names: which broken name a reason names, and the parsed names kept for workbooks
 * with the same names block (src/xlsx/defined-names.ts) never carry one workbook's sheets to another.
 */
import { editPart, partText } from '../hostile/build';
import { goodForm, rb, type BuiltForm } from '../hostile/corpus';
import { readWorkbook } from '../../src/xlsx/read';

const WORKBOOK = 'xl/workbook.xml';
let form: BuiltForm;
beforeAll(async () => {
  form = await goodForm('I', rb.units.find((u) => u.annex === 'I')!.id);
});

/** The form with the targets of `edits` (name → new target text) changed in the workbook part. */
function retarget(edits: Record<string, string>): Uint8Array {
  return editPart(form.bytes, WORKBOOK, (xml) => {
    let out = xml;
    for (const [name, target] of Object.entries(edits)) {
      const re = new RegExp(`(<definedName name="${name}"[^>]*>)[^<]*`);
      if (!re.test(out)) throw new Error(`no name ${name}`);
      out = out.replace(re, (_, open: string) => `${open}${target}`);
    }
    return out;
  });
}

const refusedFor = (bytes: Uint8Array) => {
  const r = readWorkbook(bytes);
  if (r.ok) throw new Error('read, not refused');
  return r.reason.en;
};

describe('a form name that points nowhere', () => {
  test('the names come in the order the test relies on: PT_1_1 before PT_1_2', () => {
    const xml = partText(form.bytes, WORKBOOK);
    expect(xml.indexOf('name="PT_1_1"')).toBeGreaterThan(0);
    expect(xml.indexOf('name="PT_1_1"')).toBeLessThan(xml.indexOf('name="PT_1_2"'));
  });

  test('a name on a sheet that is gone is damage, named in the reason', () => {
    const reason = refusedFor(retarget({ PT_1_2: "'Trang đã xoá'!$F$18" }));
    expect(reason).toMatch(/defined name PT_1_2 points outside the sheet \('Trang đã xoá'!\$F\$18\)/);
  });

  test('of a missing sheet and a #REF!, the reason names the one that comes first', () => {
    expect(refusedFor(retarget({ PT_1_1: "'Trang đã xoá'!$F$17", PT_1_2: '#REF!' }))).toMatch(
      /defined name PT_1_1 points/,
    );
    expect(refusedFor(retarget({ PT_1_1: '#REF!', PT_1_2: "'Trang đã xoá'!$F$18" }))).toMatch(
      /defined name PT_1_1 points/,
    );
  });
});

describe('workbooks with the same names block', () => {
  test('each is read against its own sheets, whichever was read first', () => {
    // The same names, but the form sheet renamed: the names point at a sheet that is not there, so
    // the form is found through the metadata sheet instead.
    const renamed = editPart(form.bytes, WORKBOOK, (xml) =>
      xml.replace(/(<sheet [^>]*name=")Phụ lục I"/, '$1Phiếu của đơn vị"'),
    );
    for (const order of [
      [form.bytes, renamed],
      [renamed, form.bytes],
    ]) {
      const [first, second] = order.map((bytes) => readWorkbook(bytes));
      for (const [r, bytes] of [
        [first, order[0]],
        [second, order[1]],
      ] as const) {
        if (!r.ok) throw new Error(r.reason.en);
        const [read] = r.forms;
        expect(read.source).toBe(bytes === renamed ? 'metadata' : 'names');
        expect(read.sheetName).toBe(bytes === renamed ? 'Phiếu của đơn vị' : 'Phụ lục I');
        expect(Object.values(read.values).filter((v) => v !== undefined).length).toBeGreaterThan(20);
      }
      expect(first.ok && second.ok && first.forms[0].values).toEqual(second.ok && second.forms[0].values);
    }
  });
});
