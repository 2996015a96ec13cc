import { builtinRulebook } from '../../src/core/rulebook/builtin';
import {
  annexHasReconstructed,
  chosenUnit,
  failureReason,
  freeUnit,
  initialInsertState,
  insertProblems,
  insertReducer,
  parseYear,
  type InsertAction,
  type InsertState,
} from '../../src/taskpane/state/insert';

const bt = builtinRulebook('binh-thuan-2019')!;
const annexes = bt.annexes.map((a) => a.code);
const run = (s: InsertState, ...actions: InsertAction[]) => actions.reduce(insertReducer, s);

describe('insert form state machine', () => {
  const start = initialInsertState(2025, 'binh-thuan-2019@1867/2019', annexes);

  test('starts editing with the first annex and the current year', () => {
    expect(start).toMatchObject({ annex: 'I', year: '2025', unitText: '', phase: { kind: 'editing' } });
  });

  test('editing → inserting → done, and any edit afterwards returns to editing', () => {
    const chosen = run(start, { type: 'unitChosen', id: 'so-noi-vu', name: 'Sở Nội vụ' });
    const inserting = run(chosen, { type: 'submitted', valid: true });
    expect(inserting.phase).toEqual({ kind: 'inserting' });
    // a second submit while inserting changes nothing
    expect(run(inserting, { type: 'submitted', valid: true })).toBe(inserting);
    const done = run(inserting, { type: 'inserted', sheetName: 'Phụ lục I', upgraded: false });
    expect(done.phase).toEqual({ kind: 'done', sheetName: 'Phụ lục I', upgraded: false });
    expect(run(done, { type: 'yearTyped', text: '2026' }).phase).toEqual({ kind: 'editing' });
  });

  test('an invalid submit shows the problems and stays editing', () => {
    const s = run(start, { type: 'submitted', valid: false });
    expect(s).toMatchObject({ showProblems: true, phase: { kind: 'editing' } });
  });

  test('a failure keeps the choices and carries the reason', () => {
    const s = run(
      start,
      { type: 'unitTyped', text: 'Sở Y tế' },
      { type: 'submitted', valid: true },
      { type: 'failed', reason: { vi: 'lỗi', en: 'error' } },
    );
    expect(s).toMatchObject({
      unitText: 'Sở Y tế',
      phase: { kind: 'failed', reason: { vi: 'lỗi', en: 'error' } },
    });
  });

  test('changing annex clears the unit; typing clears a picked unit', () => {
    const picked = run(start, { type: 'unitChosen', id: 'so-noi-vu', name: 'Sở Nội vụ' });
    expect(run(picked, { type: 'unitTyped', text: 'Sở Nội' })).toMatchObject({
      unitText: 'Sở Nội',
      unitId: undefined,
    });
    expect(run(picked, { type: 'annexChosen', annex: 'IV' })).toMatchObject({
      annex: 'IV',
      unitText: '',
      unitId: undefined,
    });
  });

  test('choosing another rulebook keeps the annex when it exists there, else takes the first', () => {
    const onIII = run(start, { type: 'annexChosen', annex: 'III' });
    expect(run(onIII, { type: 'rulebookChosen', key: 'other@1', annexes: ['I', 'III'] }).annex).toBe('III');
    expect(run(onIII, { type: 'rulebookChosen', key: 'dong-nai@1', annexes: ['1', '2', '3'] }).annex).toBe(
      '1',
    );
  });

  test('a refused file is remembered until a rulebook is chosen', () => {
    const refused = run(start, { type: 'fileRejected', reason: { vi: 'x', en: 'x' } });
    expect(refused.fileError).toEqual({ vi: 'x', en: 'x' });
    expect(run(refused, { type: 'rulebookChosen', key: 'a@1', annexes: ['I'] }).fileError).toBeUndefined();
  });
});

describe('insert form checks', () => {
  test('problems: rulebook, unit and year', () => {
    const s = initialInsertState(2025, undefined, []);
    expect(insertProblems(s, undefined)).toEqual({
      rulebook: 'paneChooseRulebook',
      unit: 'paneUnitRequired',
    });
    const filled = { ...initialInsertState(2025, 'k', annexes), unitText: 'Sở Y tế' };
    expect(insertProblems(filled, bt)).toEqual({});
    expect(insertProblems({ ...filled, year: '19' }, bt)).toEqual({ year: 'paneYearInvalid' });
    expect(insertProblems({ ...filled, annex: 'IX' }, bt)).toEqual({ annex: 'paneChooseAnnex' });
  });

  test('years', () => {
    expect(parseYear(' 2024 ')).toBe(2024);
    expect(parseYear('1999')).toBeUndefined();
    expect(parseYear('20x4')).toBeUndefined();
  });

  test('the unit: picked, matched from the list by name or alias, or typed freely', () => {
    const base = initialInsertState(2025, 'k', annexes);
    expect(chosenUnit({ ...base, unitId: 'so-noi-vu', unitText: 'Sở Nội vụ' }, bt, 'I')).toEqual({
      id: 'so-noi-vu',
      name: 'Sở Nội vụ',
      listed: true,
    });
    expect(chosenUnit({ ...base, unitText: '  sở nội vụ ' }, bt, 'I')).toEqual({
      id: 'so-noi-vu',
      name: 'Sở Nội vụ',
      listed: true,
    });
    expect(chosenUnit({ ...base, unitText: 'SNV' }, bt, 'I')).toMatchObject({
      id: 'so-noi-vu',
      listed: true,
    });
    expect(chosenUnit({ ...base, unitText: 'Ban Quản lý Khu công nghiệp' }, bt, 'I')).toEqual({
      id: 'ban-quan-ly-khu-cong-nghiep',
      name: 'Ban Quản lý Khu công nghiệp',
      listed: false,
    });
  });

  test('free unit ids drop Vietnamese marks (đ → d)', () => {
    expect(freeUnit('  Đài Phát thanh  và Truyền hình ').id).toBe('dai-phat-thanh-va-truyen-hinh');
    expect(freeUnit('Đài Phát thanh  và Truyền hình').name).toBe('Đài Phát thanh và Truyền hình');
    expect(freeUnit('!!!').id).toBe('don-vi');
  });

  test('reconstructed notice follows the annex', () => {
    expect(annexHasReconstructed(bt.annexes[0])).toBe(true);
    expect(annexHasReconstructed(undefined)).toBe(false);
    const official = {
      ...bt.annexes[0],
      groups: bt.annexes[0].groups.map((g) => ({
        ...g,
        criteria: g.criteria.map((c) => ({ ...c, provenance: 'official' as const })),
      })),
    };
    expect(annexHasReconstructed(official)).toBe(false);
  });

  test('failures become bilingual messages', () => {
    expect(failureReason({ reason: { vi: 'a', en: 'b' } })).toEqual({ vi: 'a', en: 'b' });
    // the Excel host's errors carry their text in both languages
    const hostError = Object.assign(new Error('Cần ExcelApi 1.8 / Needs ExcelApi 1.8'), {
      text: { vi: 'Cần ExcelApi 1.8', en: 'Needs ExcelApi 1.8' },
    });
    expect(failureReason(hostError)).toEqual({ vi: 'Cần ExcelApi 1.8', en: 'Needs ExcelApi 1.8' });
    const m = failureReason(new Error('RichApi.Error: busy'));
    expect(m.vi).toBe('Không chèn được phiếu: RichApi.Error: busy');
    expect(m.en).toBe('The form could not be inserted: RichApi.Error: busy');
  });
});
