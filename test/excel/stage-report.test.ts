/**
 * The documents of a stage from the ranking button, written through the Office.js host on the recording
 * double (the pane's state/stageDocuments.ts → host.writeReport → src/excel/report.ts): the final
 * stage's three sheets in one write of two syncs, whatever the number of units; the preliminary stage
 * replaces them (and the button's "Tổng hợp"), and the user's own sheets stay.
 */
import { rank, type RankingInput } from '../../src/core/ranking';
import { t } from '../../src/i18n';
import { APPENDIX_SHEET, AWARDS_SHEET, SUMMARY_SHEET, stageSheets, summarySheet } from '../../src/report';
import { writeStageDocuments } from '../../src/taskpane/state/stageDocuments';
import { annexOf, entriesWorth, form } from '../core/ranking/fixtures';
import { bt } from '../report/fixtures';
import type { ExcelDouble } from './double';
import { countSyncs, setup } from './fixtures';

/** A Bình Thuận ranking of `n` units over annexes I, III and IV. */
function ranking(n: number) {
  const annexes = ['I', 'III', 'IV'];
  const inputs: RankingInput[] = Array.from({ length: n }, (_, i) => {
    const annex = annexes[i % 3];
    return form(bt, annex, '', {
      unitName: `Đơn vị thử nghiệm số ${i + 1}`,
      entries: entriesWorth(annexOf(bt, annex), 300 + ((i * 7) % 190)),
      received: '2019-09-13',
      file: `nop/${i + 1}.xlsx`,
    });
  });
  return rank(bt, inputs, { asOf: '2019-11-20' });
}

const markers = (d: ExcelDouble) => d.names().filter((n) => /^SCORECARD_REPORT/.test(n.name));
/** Every text value of a sheet, as Range.values would read it. */
const texts = (d: ExcelDouble, sheet: string) =>
  [...d.sheet(sheet).cells.values()].map((c) => c.value).filter((v): v is string => typeof v === 'string');

describe('the documents of a stage on the recording double', () => {
  test('final: "Tổng hợp", "Phụ lục Quyết định" and "Đề nghị khen thưởng" replace the button’s sheet in 2 syncs', async () => {
    const { d, host } = setup();
    d.type('Sheet1', 'A1', [['sổ theo dõi của phòng']]);
    const r = ranking(12);
    await host.writeReport([summarySheet(bt, r, { asOf: '2019-11-20' })]); // the ranking button's own write
    const { result, syncs } = await countSyncs(d, () =>
      writeStageDocuments(host, bt, r, 'final', { lang: 'vi' }),
    );
    expect(result).toEqual({ stage: 'final', sheetNames: [SUMMARY_SHEET, APPENDIX_SHEET, AWARDS_SHEET] });
    expect(syncs).toBe(2);
    expect(d.sheetNames()).toEqual(['Sheet1', SUMMARY_SHEET, APPENDIX_SHEET, AWARDS_SHEET]);
    expect(markers(d).map((m) => m.sheet)).toEqual([SUMMARY_SHEET, APPENDIX_SHEET, AWARDS_SHEET]);
    // the appendix lists every ranked unit, as the pure sheet has it
    const appendix = stageSheets(bt, r, 'final', { lang: 'vi' })[1];
    const names = appendix.cells.filter((c) => typeof c.value === 'string' && /^Đơn vị thử/.test(c.value));
    expect(names).toHaveLength(12);
    for (const c of names) expect(texts(d, APPENDIX_SHEET)).toContain(c.value);
    expect(d.value('Sheet1', 'A1')).toBe('sổ theo dõi của phòng');
  });

  test('preliminary after final: the three sheets give way to the council’s report, still 2 syncs', async () => {
    const { d, host } = setup();
    const r = ranking(30);
    await writeStageDocuments(host, bt, r, 'final', { lang: 'en' });
    expect(texts(d, SUMMARY_SHEET)).toContain(t('en', 'reportColAward'));
    const { result, syncs } = await countSyncs(d, () =>
      writeStageDocuments(host, bt, r, 'preliminary', { lang: 'en' }),
    );
    expect(result).toEqual({ stage: 'preliminary', sheetNames: [SUMMARY_SHEET] });
    expect(syncs).toBe(2);
    expect(d.sheetNames()).toEqual(['Sheet1', SUMMARY_SHEET]);
    expect(markers(d)).toHaveLength(1);
    expect(texts(d, SUMMARY_SHEET)).not.toContain(t('en', 'reportColAward')); // no awards before appraisal
  });

  test('the syncs do not grow with the units: 6, 60 and 300 units, final stage, 2 each', async () => {
    for (const n of [6, 60, 300]) {
      const { d, host } = setup();
      const r = ranking(n);
      const { syncs } = await countSyncs(d, () => writeStageDocuments(host, bt, r, 'final', { lang: 'vi' }));
      expect({ n, syncs }).toEqual({ n, syncs: 2 });
    }
  });
});
