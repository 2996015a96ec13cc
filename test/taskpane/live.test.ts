import { builtinRulebook, builtinRulebooks } from '../../src/core/rulebook/builtin';
import { contentHash, findAnnex } from '../../src/core/rulebook/load';
import { formName } from '../../src/form/names';
import type { FormMeta } from '../../src/form/types';
import type { ActiveSheet } from '../../src/host/types';
import {
  bandColor,
  computeLive,
  groupIssues,
  issueCellName,
  selectableName,
  type FormView,
} from '../../src/taskpane/state/live';
import { RulebookLibrary } from '../../src/taskpane/state/rulebooks';
import { memoryStore } from '../../src/taskpane/state/storage';
import { fullValues, lowerParts } from '../browser/fixtures/entries';

const bt = builtinRulebook('binh-thuan-2019')!;
const annexI = findAnnex(bt, 'I');
const meta: FormMeta = {
  rulebookId: bt.id,
  rulebookVersion: bt.version,
  rulebookHash: contentHash(bt),
  annex: 'I',
  unitId: 'so-noi-vu',
  unitName: 'Sở Nội vụ',
  year: 2024,
  layoutVersion: 1,
};
const library = () => new RulebookLibrary(memoryStore(), builtinRulebooks());
const addresses = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(values).map((k, i) => [k, `E${i + 1}`]));
const formSheet = (values: Record<string, unknown>, m: FormMeta = meta): ActiveSheet => ({
  kind: 'form',
  sheetName: 'Phụ lục I',
  meta: m,
  values,
  addresses: addresses(values),
});

describe('computeLive', () => {
  const manual = formName.input('4.10', 'points');
  const full = { ...fullValues(annexI), [manual]: 0 };

  test('449.99 is Khá with 0.01 still needed; 450 is Tốt with nothing above', () => {
    const below = lowerParts(annexI, full, 455 - 449.99);
    const v = computeLive(formSheet(below), library()) as FormView;
    expect(v.kind).toBe('form');
    expect(v.score.total).toBe(449.99);
    expect(v.score.band.label).toBe('Khá');
    expect(v.bandIndex).toBe(1);
    expect(v.next).toMatchObject({ band: { label: 'Tốt' }, needed: 0.01 });

    const at = computeLive(formSheet({ ...below, [manual]: 0.01 }), library()) as FormView;
    expect(at.score.total).toBe(450);
    expect(at.score.band.label).toBe('Tốt');
    expect(at.bandIndex).toBe(0);
    expect(at.next).toBeUndefined();
  });

  test('group bars, pending criteria and the reconstructed flag', () => {
    const v = computeLive(formSheet(full), library()) as FormView;
    expect(v.score.groups.map((g) => g.code)).toEqual(['1', '2', '3', '4', '5']);
    expect(v.pending).toEqual(['4.7']);
    expect(v.reconstructed).toBe(true);
    expect(v.issues).toEqual([]);
  });

  test('issues are grouped by criteria group and point at their cells', () => {
    const values = { ...full, [formName.input('1.4', 'value')]: 'mười', [formName.evidence('2.1')]: '' };
    const v = computeLive(formSheet(values), library()) as FormView;
    expect(v.issueGroups.map((g) => [g.code, g.issues.map((i) => i.code)])).toEqual([
      ['1', ['notANumber']],
      ['2', ['evidenceRequired']],
    ]);
    expect(v.issueGroups[0].issues[0].message.vi).toContain('"mười"');
    expect(selectableName(v, v.issueGroups[0].issues[0])).toBe('IN_1_4_value');
    expect(selectableName(v, v.issueGroups[1].issues[0])).toBe('EVIDENCE_2_1');
  });

  test('sheets that are not forms, and forms of unknown rulebooks, are explained', () => {
    expect(computeLive({ kind: 'none' }, library())).toEqual({ kind: 'none' });
    expect(computeLive({ kind: 'notForm', sheetName: 'Sheet1', reason: 'noMetadata' }, library())).toEqual({
      kind: 'notForm',
      sheetName: 'Sheet1',
      reason: 'noMetadata',
    });
    expect(computeLive(formSheet({}, { ...meta, rulebookId: 'ha-noi-2030' }), library())).toMatchObject({
      kind: 'unknownRulebook',
      meta: { rulebookId: 'ha-noi-2030' },
    });
    expect(computeLive(formSheet({}, { ...meta, annex: 'IX' }), library())).toMatchObject({
      kind: 'notForm',
      reason: 'damaged',
      detail: expect.stringContaining('IX'),
    });
  });

  test('a form made with another version of a known rulebook is scored, with a note', () => {
    const v = computeLive(formSheet(full, { ...meta, rulebookVersion: '1588/2016' }), library()) as FormView;
    expect(v.kind).toBe('form');
    expect(v.otherVersion).toBe('1588/2016');
  });

  test('a computed cell typed over is reported', () => {
    const v = computeLive(formSheet({ ...full, [formName.total]: 500 }), library()) as FormView;
    expect(v.altered.map((a) => a.name)).toEqual(['TOTAL']);
  });
});

describe('issue cells and band colours', () => {
  test('defined names of the issue cells', () => {
    expect(issueCellName({ criterion: '1.2', field: 'qlvb' })).toBe('IN_1_2_qlvb');
    expect(issueCellName({ criterion: '1.2', field: 'reason' })).toBe('REASON_1_2');
    expect(issueCellName({ criterion: '1.2', field: 'evidence' })).toBe('EVIDENCE_1_2');
    expect(issueCellName({ criterion: '4.3a', field: 'na' })).toBe('IN_4_3a_na');
    expect(issueCellName({ criterion: '9.9', field: '' })).toBeUndefined();
  });

  test('an issue about a cell the form does not have is not offered for selection', () => {
    const issue = {
      criterion: '1.4',
      field: 'value',
      severity: 'error' as const,
      code: 'missing' as const,
      message: { vi: '', en: '' },
    };
    expect(selectableName({ names: new Set(['IN_1_4_value']) }, issue)).toBe('IN_1_4_value');
    expect(selectableName({ names: new Set() }, issue)).toBeUndefined();
  });

  test('issues about unknown criteria go to a last group', () => {
    const issues = [
      {
        criterion: '9.9',
        field: '',
        severity: 'warning' as const,
        code: 'unknownCriterion' as const,
        message: { vi: '', en: '' },
      },
      {
        criterion: '3.1',
        field: 'reason',
        severity: 'error' as const,
        code: 'reasonRequired' as const,
        message: { vi: '', en: '' },
      },
    ];
    expect(groupIssues(annexI, issues).map((g) => g.code)).toEqual(['3', '']);
  });

  test('band colours: top green, bottom red', () => {
    expect([0, 1, 2, 3].map((i) => bandColor(i, 4))).toEqual(['success', 'brand', 'warning', 'danger']);
    expect([0, 1].map((i) => bandColor(i, 2))).toEqual(['success', 'danger']);
  });
});
