/** @jest-environment jsdom */
/**
 * The ranking view's round documents: the round's next milestone (state/roundMilestone.ts and the card),
 * the documents of a stage written through the host (state/stageDocuments.ts) and each unit's result
 * files offered for download (state/unitResults.ts, the lazily loaded chunk). Real forms, the real
 * ranking, the real .xlsx writer; the host is the scripted double.
 */
import './setup';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { builtinRulebook, builtinRulebooks } from '../../src/core/rulebook/builtin';
import { rank } from '../../src/core/ranking';
import { formatPoints } from '../../src/core/numbers';
import { t } from '../../src/i18n';
import { planForm } from '../../src/form/plan';
import { writeFormXlsx } from '../../src/xlsx/write';
import { APPENDIX_SHEET, AWARDS_SHEET, SUMMARY_SHEET } from '../../src/report';
import { RESULT_SHEET } from '../../src/report/result';
import { resultFileNames } from '../../src/report/resultFiles';
import { LangContext } from '../../src/taskpane/state/lang';
import { RulebookLibrary } from '../../src/taskpane/state/rulebooks';
import { memoryStore } from '../../src/taskpane/state/storage';
import { milestoneRulebook, roundStatus } from '../../src/taskpane/state/roundMilestone';
import { writeStageDocuments } from '../../src/taskpane/state/stageDocuments';
import { resultDownload, XLSX_TYPE } from '../../src/taskpane/state/unitResults';
import RankingView from '../../src/taskpane/views/RankingView';
import { HostDouble } from '../browser/fixtures/host-double';
import { annexOf, entriesWorth, form } from '../core/ranking/fixtures';

const bt = builtinRulebook('binh-thuan-2019')!;
const dti = builtinRulebook('dti-2025')!;
const library = () => new RulebookLibrary(memoryStore(), builtinRulebooks());
afterEach(cleanup);

const PRELIMINARY = bt.schedule.milestones!.find((m) => m.id === 'preliminary')!;
const SUBMISSION = bt.schedule.milestones!.find((m) => m.id === 'submission')!;

describe('the next milestone', () => {
  test('on Monday 23/09/2019 the preliminary report is next, due 30/09 in 5 working days', () => {
    const s = roundStatus(bt, '2019-09-23');
    expect(s?.kind).toBe('next');
    if (s?.kind !== 'next') return;
    expect(s.next.id).toBe('preliminary');
    expect(s.next.due).toBe('2019-09-30');
    expect(s.next.workingDaysLeft).toBe(5); // Tue 24 … Fri 27, Mon 30
    expect(s.timeline.milestones.filter((m) => m.state === 'past').map((m) => m.id)).toEqual(['submission']);
  });

  test('counted across a weekend and National Day (Monday 02/09/2019)', () => {
    const s = roundStatus(bt, '2019-08-28');
    if (s?.kind !== 'next') throw new Error(`expected a next milestone, got ${s?.kind}`);
    expect(s.next.id).toBe('submission');
    expect(s.next.due).toBe('2019-09-20'); // 15/09 (a Sunday) + 5 working days
    // Thu 29, Fri 30 Aug; Tue 3 … Fri 6; 9 … 13; 16 … 20 Sep: 2 + 4 + 5 + 5
    expect(s.next.workingDaysLeft).toBe(16);
  });

  test('on the day of the last milestone it is due today; the day after, every one has passed; no milestones, no timeline', () => {
    const dn = builtinRulebook('dong-nai-2022')!;
    const today = roundStatus(dn, '2022-11-25');
    if (today?.kind !== 'next') throw new Error(`expected a next milestone, got ${today?.kind}`);
    expect([today.next.id, today.next.workingDaysLeft]).toEqual(['publication', 0]);
    const after = roundStatus(dn, '2022-11-26');
    expect(after?.kind).toBe('allPassed');
    if (after?.kind === 'allPassed') expect(after.timeline.year).toBe(2022);
    expect(roundStatus(dti, '2025-09-01')).toEqual({ kind: 'none', rulebook: 'dti-2025' });
    expect(roundStatus(bt, '')).toBeUndefined(); // the as-of field holds no date yet
  });

  test('the card follows the ranking’s rulebook until the user picks one', () => {
    const choices = library().choices();
    const first = milestoneRulebook(choices, undefined, undefined)!;
    expect(first.rulebook.schedule.milestones?.length).toBeGreaterThan(0);
    expect(milestoneRulebook(choices, undefined, dti)!.rulebook.id).toBe('dti-2025');
    const gl = choices.find((c) => c.rulebook.id === 'gia-lai-2019')!;
    expect(milestoneRulebook(choices, gl.key, dti)!.rulebook.id).toBe('gia-lai-2019');
  });
});

const REMARK = 'Hội đồng: chưa có minh chứng cho số liệu này';

/** A Bình Thuận ranking: three units of annex I (one with a remark of the council), one of annex IV. */
function btInputs() {
  return [
    form(bt, 'I', 'so-noi-vu', { entries: entriesWorth(annexOf(bt, 'I'), 480), received: '2019-09-13' }),
    form(bt, 'I', 'so-tu-phap', {
      entries: entriesWorth(annexOf(bt, 'I'), 430),
      received: '2019-09-13',
      appraisals: { [annexOf(bt, 'I').groups[0].criteria[0].id]: { note: REMARK } },
    }),
    form(bt, 'IV', 'tp-phan-thiet', {
      entries: entriesWorth(annexOf(bt, 'IV'), 455),
      received: '2019-09-13',
    }),
  ];
}

/** The bytes of a Blob (jsdom's Blob has no arrayBuffer()). */
const blobBytes = (blob: Blob) =>
  new Promise<Uint8Array>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => reject(r.error);
    r.readAsArrayBuffer(blob);
  });

async function resultCells(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(RESULT_SHEET)!;
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
  return out;
}

describe('the documents of a stage', () => {
  test('final: "Tổng hợp", the appendix and the award proposal in one write; preliminary replaces them with the council’s report', async () => {
    const host = new HostDouble();
    const ranking = rank(bt, btInputs(), { asOf: '2019-09-30' });
    const final = await writeStageDocuments(host, bt, ranking, 'final', { lang: 'vi' });
    expect(final).toEqual({ stage: 'final', sheetNames: [SUMMARY_SHEET, APPENDIX_SHEET, AWARDS_SHEET] });
    expect(host.reports).toHaveLength(1);
    const appendix = host.reports[0][1];
    expect(appendix.cells.some((c) => c.value === 'Sở Nội vụ')).toBe(true);

    const preliminary = await writeStageDocuments(host, bt, ranking, 'preliminary', { lang: 'en' });
    expect(preliminary).toEqual({ stage: 'preliminary', sheetNames: [SUMMARY_SHEET] });
    expect([...host.sheets.keys()]).toEqual([SUMMARY_SHEET]); // the final sheets are gone
    // the council's report carries no award column
    expect(host.reports[1][0].cells.some((c) => c.value === t('en', 'reportColAward'))).toBe(false);
    expect(host.reports[0][0].cells.some((c) => c.value === t('vi', 'reportColAward'))).toBe(true);
  });

  test('a failed write is reported with its reason; a host without a writer writes nothing', async () => {
    const ranking = rank(bt, btInputs(), { asOf: '2019-09-30' });
    const failing = {
      writeReport: async () => {
        throw new Error('RichApi.Error: the workbook is protected');
      },
    };
    const got = await writeStageDocuments(failing, bt, ranking, 'final', { lang: 'vi' });
    expect('error' in got && got.error.en).toContain('the workbook is protected');
    expect(await writeStageDocuments({}, bt, ranking, 'final', { lang: 'vi' })).toEqual({
      stage: 'final',
      unavailable: true,
    });
  });
});

describe('each unit’s result', () => {
  test('one .xlsx per unit, named as scorecard results names them, in one .zip; the figures are the ranking’s', async () => {
    const inputs = btInputs();
    const ranking = rank(bt, inputs, { asOf: '2019-09-30' });
    let yields = 0;
    const got = (await resultDownload(bt, ranking, {
      lang: 'vi',
      inputs,
      yieldToUi: async () => void yields++,
    }))!;
    const names = resultFileNames(ranking).map((r) => `${r.name}.xlsx`);
    expect(names).toEqual([
      'ketqua_I_so-noi-vu.xlsx',
      'ketqua_I_so-tu-phap.xlsx',
      'ketqua_IV_tp-phan-thiet.xlsx',
    ]);
    expect(got.files).toEqual(names);
    expect(got.file).toBe('ketqua_binh-thuan-2019_2019-09-30.zip');
    expect(got.type).toBe('application/zip');
    expect(yields).toBe(3); // the pane is given the hand back after each workbook
    const zip = unzipSync(got.bytes);
    expect(Object.keys(zip)).toEqual(names);
    const cells = await resultCells(zip['ketqua_I_so-tu-phap.xlsx']);
    expect(cells).toContain('Sở Tư pháp');
    expect(cells).toContain(REMARK); // the council's remark, from the form read
    const table = ranking.tables.find((tb) => tb.annex === 'I')!;
    const entry = table.entries.find((e) => e.unitId === 'so-tu-phap')!;
    const pts = (x: number) => formatPoints(x, 'vi');
    expect(cells).toContain(
      t('vi', 'resultTotal', { total: pts(entry.total), max: pts(table.max), self: pts(entry.selfTotal) }),
    );
    expect(entry.total).toBe(430);
  });

  test('a single unit gets its .xlsx itself; no readable form, nothing', async () => {
    const one = rank(bt, btInputs().slice(0, 1), { asOf: '2019-09-30' });
    const got = (await resultDownload(bt, one, { lang: 'en' }))!;
    expect([got.file, got.type, got.files.length]).toEqual(['ketqua_I_so-noi-vu.xlsx', XLSX_TYPE, 1]);
    expect(await resultCells(got.bytes)).toContain('Sở Nội vụ');
    expect(await resultDownload(bt, rank(bt, [], { asOf: '2019-09-30' }), { lang: 'vi' })).toBeUndefined();
  });
});

describe('the view', () => {
  const SEPT_13 = new Date(2019, 8, 13, 12).getTime();
  let files: File[];
  beforeAll(async () => {
    const make = async (annex: string, unitId: string, total: number) => {
      const unit = bt.units.find((u) => u.id === unitId)!;
      const bytes = await writeFormXlsx(
        planForm(bt, annex, { id: unit.id, name: unit.name }, 2019, {
          entries: entriesWorth(annexOf(bt, annex), total),
        }),
      );
      return new File([bytes as BlobPart], `${annex}-${unitId}.xlsx`, { lastModified: SEPT_13 });
    };
    files = [await make('I', 'so-noi-vu', 480), await make('IV', 'tp-phan-thiet', 455)];
  }, 60_000);

  let blobs: Blob[];
  beforeEach(() => {
    blobs = [];
    URL.createObjectURL = (b: Blob | MediaSource) => {
      blobs.push(b as Blob);
      return `blob:test/${blobs.length}`;
    };
    URL.revokeObjectURL = () => undefined;
  });

  const renderView = (host: HostDouble, lang: 'vi' | 'en') =>
    render(
      <FluentProvider theme={webLightTheme}>
        <LangContext.Provider value={lang}>
          <RankingView host={host} library={library()} />
        </LangContext.Provider>
      </FluentProvider>,
    );

  async function rankAt(asOf: string) {
    fireEvent.change(screen.getByTestId('as-of'), { target: { value: asOf } });
    act(() => {
      fireEvent.change(screen.getByTestId('files-input'), { target: { files } });
    });
    fireEvent.click(screen.getByTestId('start-ranking'));
    await screen.findByTestId('written', {}, { timeout: 10_000 });
  }

  test('Vietnamese: the next milestone and its timeline; final documents written; the result files offered', async () => {
    const host = new HostDouble();
    renderView(host, 'vi');
    await rankAt('23/09/2019');
    const card = screen.getByTestId('round-milestone');
    expect(within(card).getByTestId('round-next').textContent).toBe(
      t('vi', 'paneRoundNext', { title: PRELIMINARY.title, date: '30/09/2019', days: 5 }),
    );
    const items = within(card).getAllByTestId('round-item');
    expect(items.map((i) => i.getAttribute('data-state'))).toEqual([
      'past',
      'next',
      'upcoming',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    expect(items[0].textContent).toContain(`20/09/2019 — ${SUBMISSION.title}`);

    // the button's own "Tổng hợp", then the final stage (the default choice)
    expect(host.reports).toHaveLength(1);
    expect(screen.getByTestId('stage-final')).toHaveProperty('checked', true);
    fireEvent.click(screen.getByTestId('stage-write'));
    await screen.findByTestId('stage-written');
    expect(host.reports[1].map((s) => s.sheetName)).toEqual([SUMMARY_SHEET, APPENDIX_SHEET, AWARDS_SHEET]);
    expect(screen.getByTestId('stage-written').textContent).toBe(
      t('vi', 'paneStageWritten', { sheets: [SUMMARY_SHEET, APPENDIX_SHEET, AWARDS_SHEET].join(', ') }),
    );
    fireEvent.click(screen.getByTestId('stage-preliminary'));
    fireEvent.click(screen.getByTestId('stage-write'));
    await waitFor(() => expect(host.reports).toHaveLength(3));
    expect(host.reports[2].map((s) => s.sheetName)).toEqual([SUMMARY_SHEET]);

    fireEvent.click(screen.getByTestId('results-make'));
    const link = await screen.findByTestId('results-download', {}, { timeout: 20_000 });
    expect(link.getAttribute('download')).toBe('ketqua_binh-thuan-2019_2019-09-23.zip');
    expect(link.textContent).toBe(
      t('vi', 'paneResultsDownload', { file: 'ketqua_binh-thuan-2019_2019-09-23.zip' }),
    );
    const zip = unzipSync(await blobBytes(blobs[blobs.length - 1]));
    expect(Object.keys(zip)).toEqual(['ketqua_I_so-noi-vu.xlsx', 'ketqua_IV_tp-phan-thiet.xlsx']);
  }, 60_000);

  test('English; a rulebook without milestones says so in one line', async () => {
    renderView(new HostDouble(), 'en');
    await rankAt('23/09/2019');
    expect(screen.getByTestId('round-next').textContent).toBe(
      t('en', 'paneRoundNext', { title: PRELIMINARY.titleEn, date: '30/09/2019', days: 5 }),
    );
    const picker = screen.getByTestId('round-rulebook') as HTMLSelectElement;
    const dtiOption = [...picker.options].find((o) => o.value.startsWith('dti-2025@'))!;
    fireEvent.change(picker, { target: { value: dtiOption.value } });
    expect(screen.getByTestId('round-none').textContent).toBe(
      t('en', 'paneRoundNone', { rulebook: 'dti-2025' }),
    );
    expect(screen.queryByTestId('round-next')).toBeNull();
    expect(screen.queryByTestId('round-timeline')).toBeNull();
    expect(screen.getByTestId('results-make').textContent).toBe(t('en', 'paneResultsMake', { count: 2 }));
  }, 60_000);
});
