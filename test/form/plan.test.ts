import {
  builtinRulebooks,
  contentHash,
  formAnnex,
  ruleInputs,
  annexCriteria,
  RulebookError,
  assumptionsFor,
  reconstructionNotice,
  type Rulebook,
} from '../../src/core/rulebook';
import { annexDeadline, dataWindow, formatDate, vietnamHolidays } from '../../src/core/ranking';
import { planForm, COL } from '../../src/form/plan';
import { annexNames, formName, LAYOUT_VERSION, META_SHEET } from '../../src/form/names';
import { metaFromRows, layoutFromRows } from '../../src/form/read';
import { a1 } from '../../src/sheet/a1';
import type { SheetPlan } from '../../src/form/types';
import { t } from '../../src/i18n';
import { makeRulebook, everyRule } from '../helpers/rulebooks';

const rulebooks: Rulebook[] = [...builtinRulebooks(), makeRulebook()];
const annexes = rulebooks.flatMap((rb) => rb.annexes.map((annex) => ({ rb, annex })));
const unit = { id: 'so-noi-vu', name: 'Sở Nội vụ' };

const cellAt = (plan: SheetPlan, row: number, col: number) =>
  plan.cells.find(
    (c) => c.row === row && c.col === col && (c.value !== undefined || c.formula !== undefined),
  );
const nameCell = (plan: SheetPlan, name: string) => {
  const n = plan.names.find((x) => x.name === name);
  if (!n) throw new Error(`no name ${name}`);
  return {
    ...n,
    cell: cellAt(plan, n.row, n.col),
    style: plan.cells.find((c) => c.row === n.row && c.col === n.col)?.style,
  };
};
const texts = (plan: SheetPlan) =>
  plan.cells.filter((c) => typeof c.value === 'string').map((c) => c.value as string);

describe.each(annexes.map(({ rb, annex }) => [`${rb.id} ${annex.code}`, rb, annex.code] as const))(
  'planForm %s',
  (_, rb, code) => {
    const plan = planForm(rb, code, unit, 2024);
    // The unit's own annex: the criteria that apply to it (all of them unless the rulebook says otherwise).
    const annex = formAnnex(
      rb,
      rb.annexes.find((a) => a.code === code)!,
      unit.id,
    );

    it('carries every name of the contract exactly once, and no other', () => {
      const expected = annexNames(annex).map((n) => n.name);
      const actual = plan.names.map((n) => n.name);
      expect(new Set(actual).size).toBe(actual.length);
      expect([...actual].sort()).toEqual([...expected].sort());
      for (const { criterion } of annexCriteria(annex))
        for (const spec of ruleInputs(criterion))
          expect(actual).toContain(formName.input(criterion.id, spec.key));
    });

    it('names point at distinct cells of the right columns', () => {
      const cells = plan.names.map((n) => `${n.row},${n.col}`);
      expect(new Set(cells).size).toBe(cells.length);
      for (const n of plan.names) {
        const col = /^IN_/.test(n.name)
          ? COL.value
          : /^(PT|GR)_|^TOTAL$|^INDEX$|^BAND$/.test(n.name)
            ? COL.points
            : /^EVIDENCE_/.test(n.name) || n.name === 'STATUS'
              ? COL.evidence
              : /^REASON_/.test(n.name)
                ? COL.reason
                : /^APPR_/.test(n.name)
                  ? COL.appraisal
                  : COL.appraisalNote;
        expect([n.name, n.col]).toEqual([n.name, col]);
      }
    });

    it('computes every PT_, GR_, TOTAL and BAND by a formula of the plain Excel subset', () => {
      for (const n of plan.names.filter((x) => /^(PT|GR)_|^TOTAL$|^INDEX$|^BAND$/.test(x.name))) {
        const { cell } = nameCell(plan, n.name);
        expect(cell?.formula).toMatch(/^=/);
        expect(cell?.value).toBeUndefined();
      }
      const formulas = [
        ...plan.cells.map((c) => c.formula ?? ''),
        ...plan.conditionalFormats.map((c) => c.formula),
      ].join('\n');
      expect(formulas).not.toMatch(
        /\b(LET|LAMBDA|XLOOKUP|FILTER|UNIQUE|SEQUENCE|SORT|IFS|SWITCH|TEXTJOIN|CONCAT|MAXIFS|MINIFS|COUNTIF|SUMIF)\(|@/,
      );
      expect(formulas).not.toMatch(/;/); // invariant syntax: commas only
      expect(Math.max(...formulas.split('\n').map((f) => f.length))).toBeLessThanOrEqual(8192); // Excel's limit per formula
    });

    it('gives every input a data validation with a Vietnamese prompt and error alert', () => {
      for (const n of plan.names.filter((x) => /^(IN|APPR)_/.test(x.name))) {
        const v = plan.validations.filter((x) => x.row === n.row && x.col === n.col);
        expect([n.name, v.length]).toEqual([n.name, 1]);
        expect(v[0].prompt.title.length).toBeLessThanOrEqual(32);
        expect(v[0].error.title.length).toBeLessThanOrEqual(32);
        expect(v[0].prompt.message.length).toBeLessThanOrEqual(255);
        expect(v[0].error.message.length).toBeLessThanOrEqual(255);
        expect(v[0].prompt.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
      }
      for (const { criterion: c } of annexCriteria(annex)) {
        for (const spec of ruleInputs(c)) {
          const n = nameCell(plan, formName.input(c.id, spec.key));
          const rule = plan.validations.find((x) => x.row === n.row && x.col === n.col)!.rule;
          if (spec.kind === 'yesNo') expect(rule).toEqual({ type: 'list', values: ['Có', 'Không'] });
          else if (spec.kind === 'choice')
            expect(rule).toEqual({ type: 'list', values: spec.choices!.map((ch) => String(ch.value)) });
          else if (spec.kind === 'count') expect(rule).toEqual({ type: 'whole', min: 0 });
          else if (spec.kind === 'percent') expect(rule).toEqual({ type: 'decimal', min: 0, max: 1 });
          else if (spec.kind === 'points') expect(rule).toEqual({ type: 'decimal', min: 0, max: spec.max });
          else expect(rule).toEqual({ type: 'decimal', min: 0 });
          if (spec.kind === 'percent') expect(plan.styles[n.style!].numberFormat).toBe('0%');
        }
        if (c.notApplicableAllowed) {
          const n = nameCell(plan, formName.notApplicable(c.id));
          expect(plan.validations.find((x) => x.row === n.row && x.col === n.col)!.rule).toEqual({
            type: 'list',
            values: ['Có', 'Không'],
          });
        }
        const appr = nameCell(plan, formName.appraisal(c.id));
        expect(plan.validations.find((x) => x.row === appr.row && x.col === appr.col)!.rule).toEqual({
          type: 'decimal',
          min: 0,
          max: c.max,
        });
      }
    });

    it('unlocks exactly the input cells (and the cells merged into them); everything else is protected', () => {
      const inputs = new Set(
        plan.names
          .filter((n) => /^(IN|REASON|EVIDENCE|APPR|APPRNOTE)_/.test(n.name))
          .map((n) => `${n.row},${n.col}`),
      );
      for (const m of plan.merges)
        if (inputs.has(`${m.row},${m.col}`))
          for (let r = m.row; r < m.row + m.rows; r++) inputs.add(`${r},${m.col}`);
      const unlocked = new Set(
        plan.cells.filter((c) => c.style && plan.styles[c.style].unlocked).map((c) => `${c.row},${c.col}`),
      );
      expect([...unlocked].sort()).toEqual([...inputs].sort());
      expect(plan.protect).toEqual({});
    });

    it('marks missing inputs, invalid entries and missing reasons with conditional formats', () => {
      for (const { criterion: c } of annexCriteria(annex)) {
        const first = nameCell(plan, formName.input(c.id, ruleInputs(c)[0].key));
        const at = a1(first.row, first.col);
        expect(
          plan.conditionalFormats.some(
            (cf) => cf.range.startsWith(at) && /TRIM\(.+\)=""/.test(cf.formula) && !/<>""/.test(cf.formula),
          ),
        ).toBe(true);
        for (const spec of ruleInputs(c)) {
          const n = nameCell(plan, formName.input(c.id, spec.key));
          expect(
            plan.conditionalFormats.some(
              (cf) =>
                cf.range === a1(n.row, n.col) &&
                (cf.formula.startsWith('AND(TRIM(') || cf.formula.startsWith('OR(AND(TRIM(')),
            ),
          ).toBe(true);
        }
        const reason = nameCell(plan, formName.reason(c.id));
        const hasReasonRule = plan.conditionalFormats.some((cf) => cf.range === a1(reason.row, reason.col));
        expect([c.id, hasReasonRule]).toEqual([
          c.id,
          c.reasonRequiredBelowMax && c.rule.type !== 'relativeToBest',
        ]);
      }
    });

    it('looks like the official form: header, title, annex, decision, unit, year, signature', () => {
      const all = texts(plan).join('\n');
      for (const s of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        rb.formTitle
          ? `${rb.formTitle} NĂM 2024`
          : 'PHIẾU ĐÁNH GIÁ KẾT QUẢ HOẠT ĐỘNG TRIỂN KHAI ỨNG DỤNG CNTT NĂM 2024',
        rb.decision.number,
        'SỞ NỘI VỤ',
        'Cơ quan, đơn vị: Sở Nội vụ',
        'Năm đánh giá: 2024',
        'THỦ TRƯỞNG CƠ QUAN',
        '(Ký tên, đóng dấu)',
        'STT',
        'Tiêu chí',
        'Điểm tối đa',
        'Số liệu',
        'Điểm tự chấm',
        'Tài liệu kiểm chứng',
        'Lý do chưa đạt điểm tối đa',
        'Điểm thẩm định',
        'Ý kiến thẩm định',
        'XẾP LOẠI',
      ])
        expect(all).toContain(s);
      // Each form carries its own decision's title and the annex's real name ("Cấp sở", not "Phụ lục so").
      if (annex.label) {
        expect(all).not.toMatch(new RegExp(`Phụ lục ${annex.code}\\b`));
        expect(plan.sheetName).toBe(annex.label);
      } else expect(all).toMatch(new RegExp(`Phụ lục ${annex.code}\\b`));
      if (rb.id === 'gia-lai-2019' || rb.id === 'dong-nai-2022')
        expect(all).not.toContain('TRIỂN KHAI ỨNG DỤNG');
      const nation = plan.cells.find((c) => c.value === 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')!;
      const agency = plan.cells.find((c) => c.value === 'SỞ NỘI VỤ')!;
      expect(nation.row).toBe(0);
      expect(agency.row).toBe(0);
      expect(nation.col).toBeGreaterThan(agency.col);
      // a row per group, with its subtotal and its maximum
      for (const g of annex.groups) {
        const n = nameCell(plan, formName.group(g.code));
        expect(cellAt(plan, n.row, COL.criterion)?.value).toBe(
          g.title.toLocaleUpperCase('vi') + (g.scored === false ? ` (${t('vi', 'formNotScored')})` : ''),
        );
      }
    });

    it('prints the data window, the due date and the rulebook’s assumptions for this annex under the title', () => {
      const all = texts(plan).join('\n');
      const window = dataWindow(rb, 2024)!;
      const due = annexDeadline(rb, annex, 2024, vietnamHolidays())!;
      expect(all).toContain(`Số liệu từ ${formatDate(window.start)} đến ${formatDate(window.end)}.`);
      expect(all).toContain(`Hạn gửi phiếu: ${formatDate(due.date)}`);
      const mine = assumptionsFor(rb, annex);
      expect(mine.length > 0).toBe(rb.assumptions.length > 0);
      for (const a of mine) expect(all).toContain(a.what.vi);
      for (const a of rb.assumptions.filter((x) => !mine.includes(x))) expect(all).not.toContain(a.what.vi);
    });

    it('shows the reconstructed notice and marks each reconstructed criterion', () => {
      const all = texts(plan);
      const reconstructed = annexCriteria(annex).filter(
        ({ criterion }) => criterion.provenance === 'reconstructed',
      );
      // The notice names what this rulebook's reconstruction follows (not the ministry's method for Đồng Nai).
      expect(all.includes(reconstructionNotice(rb).vi)).toBe(reconstructed.length > 0);
      expect(reconstructionNotice(rb).vi).toContain(rb.reconstructedFrom?.vi ?? 'phương pháp của Bộ TT&TT');
      for (const { criterion: c } of annexCriteria(annex)) {
        const n = nameCell(plan, formName.points(c.id));
        const title = String(cellAt(plan, n.row, COL.criterion)?.value);
        expect(title.startsWith(c.title)).toBe(true);
        expect([c.id, title.includes('(tái dựng)')]).toEqual([c.id, c.provenance === 'reconstructed']);
      }
    });

    it('says that criteria compared with the best unit are completed at consolidation, with 0 points on the form', () => {
      const relative = annexCriteria(annex).filter(
        ({ criterion }) => criterion.rule.type === 'relativeToBest',
      );
      const notice = texts(plan).find(
        (s) => s.includes('so sánh với đơn vị cao nhất') && s.includes('hoàn thiện khi tổng hợp'),
      );
      expect(Boolean(notice)).toBe(relative.length > 0);
      for (const { criterion: c } of relative) {
        expect(notice).toContain(c.id);
        expect(nameCell(plan, formName.points(c.id)).cell?.formula).toBe('=0');
      }
    });

    it('prints on A4 landscape, fit to width, with the header rows repeated and frozen, margins of Nghị định 30', () => {
      expect(plan.print.paper).toBe('A4');
      expect(plan.print.fitToWidth).toBe(true);
      const { top, bottom, left, right } = plan.print.margins;
      expect(top).toBeGreaterThanOrEqual(20);
      expect(top).toBeLessThanOrEqual(25);
      expect(bottom).toBeGreaterThanOrEqual(20);
      expect(bottom).toBeLessThanOrEqual(25);
      expect(left).toBeGreaterThanOrEqual(30);
      expect(left).toBeLessThanOrEqual(35);
      expect(right).toBeGreaterThanOrEqual(15);
      expect(right).toBeLessThanOrEqual(20);
      expect(cellAt(plan, plan.print.titleRows.first, COL.no)?.value).toBe('STT');
      expect(plan.freezeRows).toBe(plan.print.titleRows.last + 1);
      expect(plan.font.name).toBe('Times New Roman');
      expect(plan.columns).toHaveLength(10);
    });

    it('records its identity in the metadata rows, with the address of every name', () => {
      expect(plan.meta).toEqual({
        rulebookId: rb.id,
        rulebookVersion: rb.version,
        rulebookHash: contentHash(rb),
        annex: annex.code,
        unitId: unit.id,
        unitName: unit.name,
        year: 2024,
        layoutVersion: LAYOUT_VERSION,
      });
      expect(plan.metaSheet.name).toBe(META_SHEET);
      expect(metaFromRows(plan.metaSheet.rows)).toEqual(plan.meta);
      const layout = layoutFromRows(plan.metaSheet.rows);
      expect(layout.sheetName).toBe(plan.sheetName);
      expect(layout.addresses).toEqual(Object.fromEntries(plan.names.map((n) => [n.name, a1(n.row, n.col)])));
    });
  },
);

describe('planForm prefill and edges', () => {
  const rb = makeRulebook();

  it('writes prefilled entries and appraisals into the input cells; text is never a formula', () => {
    const plan = planForm(rb, 'A', unit, 2024, {
      entries: {
        '1.1': { points: '7,5', reason: '=HYPERLINK("x")', evidence: 'BC 1' },
        '1.2': { value: true },
        '1.4': { percent: '85%' },
        '2.3': { tslcd: 'x', na: 'Không' },
      },
      appraisals: { '1.1': { points: 6, note: '+ghi chú' } },
    });
    const v = (name: string) => nameCell(plan, name).cell;
    expect(v('IN_1_1_points')?.value).toBe(7.5);
    expect(v('REASON_1_1')).toMatchObject({ value: '=HYPERLINK("x")' });
    expect(v('REASON_1_1')?.formula).toBeUndefined();
    expect(v('EVIDENCE_1_1')?.value).toBe('BC 1');
    expect(v('IN_1_2_value')?.value).toBe('Có');
    expect(v('IN_1_4_percent')?.value).toBe(0.85);
    expect(v('IN_2_3_tslcd')?.value).toBe('x');
    expect(v('IN_2_3_na')?.value).toBe('Không');
    expect(v('APPR_1_1')?.value).toBe(6);
    expect(v('APPRNOTE_1_1')?.value).toBe('+ghi chú');
    expect(v('IN_1_3_numerator')).toBeUndefined();
  });

  it('leaves the unit blank for a form made without a unit', () => {
    const plan = planForm(rb, 'A', { id: '', name: '' }, 2025);
    // The header shows the placeholder until a unit is chosen in the unit cell (UNIT).
    expect(plan.cells.find((c) => c.row === 0 && c.col === 0)?.formula).toContain('"TÊN CƠ QUAN, ĐƠN VỊ"');
    expect(plan.names.some((n) => n.name === 'UNIT')).toBe(true);
    expect(plan.meta.unitName).toBe('');
  });

  it('refuses a rulebook whose ids collide once made name-safe', () => {
    const clash = makeRulebook({}, [
      { ...everyRule[0], id: '1.a.b' },
      { ...everyRule[0], id: '1.a_b' },
    ]);
    expect(() => planForm(clash, 'A', unit, 2024)).toThrow(RulebookError);
  });

  it('refuses an unknown annex with the rulebook error', () => {
    expect(() => planForm(rb, 'ZZ', unit, 2024)).toThrow(RulebookError);
  });
});
