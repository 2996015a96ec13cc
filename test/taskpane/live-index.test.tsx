/** @jest-environment jsdom */
/**
 * The live view's index beside the total: total ÷ the maximum of the criteria that apply to the form's
 * unit, 4 decimals with the Vietnamese comma; the band said to be on the index where the annex ranks on it.
 */
import './setup';
import { cleanup, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { builtinRulebook, builtinRulebooks } from '../../src/core/rulebook/builtin';
import { contentHash, findAnnex } from '../../src/core/rulebook/load';
import { formAnnex } from '../../src/core/rulebook/applies';
import type { Rulebook } from '../../src/core/rulebook/schema';
import type { FormMeta } from '../../src/form/types';
import type { ActiveSheet } from '../../src/host/types';
import { t } from '../../src/i18n';
import { computeLive, formatIndex, type FormView } from '../../src/taskpane/state/live';
import { LangContext } from '../../src/taskpane/state/lang';
import { RulebookLibrary } from '../../src/taskpane/state/rulebooks';
import { memoryStore } from '../../src/taskpane/state/storage';
import { LiveView } from '../../src/taskpane/views/LiveView';
import { fullInputs, fullValues } from '../browser/fixtures/entries';
import { formName } from '../../src/form/names';

afterEach(cleanup);
const dti = builtinRulebook('dti-2025')!;
const bt = builtinRulebook('binh-thuan-2019')!;
const library = () => new RulebookLibrary(memoryStore(), builtinRulebooks());

function sheet(
  rb: Rulebook,
  annexCode: string,
  unitId: string,
  values: Record<string, unknown>,
): ActiveSheet {
  const unit = rb.units.find((u) => u.id === unitId)!;
  const meta: FormMeta = {
    rulebookId: rb.id,
    rulebookVersion: rb.version,
    rulebookHash: contentHash(rb),
    annex: annexCode,
    unitId,
    unitName: unit.name,
    year: 2025,
    layoutVersion: 1,
  };
  const addresses = Object.fromEntries(Object.keys(values).map((k, i) => [k, `E${i + 1}`]));
  return { kind: 'form', sheetName: 'Phiếu', meta, values, addresses };
}

const show = (view: FormView, lang: 'vi' | 'en' = 'vi') =>
  render(
    <FluentProvider theme={webLightTheme}>
      <LangContext.Provider value={lang}>
        <LiveView
          view={view}
          capabilities={{ changeEvents: true, excelApi: '1.9' } as never}
          onRefresh={() => undefined}
          onSelectName={async () => undefined}
          onInsertForm={() => undefined}
          onRulebookFile={() => undefined}
        />
      </LangContext.Provider>
    </FluentProvider>,
  );

describe('the index in the live view', () => {
  test('formatIndex: 4 decimals, comma in Vietnamese', () => {
    expect(formatIndex(0.7955, 'vi')).toBe('0,7955');
    expect(formatIndex(0.7955, 'en')).toBe('0.7955');
    expect(formatIndex(1, 'vi')).toBe('1,0000');
    expect(formatIndex(0.5, 'en')).toBe('0.5000');
  });

  test('a sở without administrative procedures is measured against its own maximum, on the index', () => {
    const annex = formAnnex(dti, findAnnex(dti, 'SO'), 'vp-ubnd');
    expect(annex.max).toBeLessThan(findAnnex(dti, 'SO').max); // the case worth testing
    const view = computeLive(sheet(dti, 'SO', 'vp-ubnd', fullValues(annex)), library()) as FormView;
    expect(view.kind).toBe('form');
    expect(view.score.total).toBe(annex.max);
    expect(view.index).toBe(1);
    expect(view.onIndex).toBe(true);
    show(view);
    const index = screen.getByTestId('index');
    expect(index.textContent).toBe(
      `${t('vi', 'paneIndex', { index: '1,0000' })} · ${t('vi', 'paneBandOnIndex')}`,
    );
  });

  test('a form below the maximum: total ÷ maximum at 4 decimals, in English with a point', () => {
    const annex = formAnnex(dti, findAnnex(dti, 'XA'), 'xa-mau-a');
    // the first group left blank: its criteria score nothing
    const blank = annex.groups[0].criteria.flatMap((c) =>
      Object.keys(fullInputs(c)).map((k) => formName.input(c.id, k)),
    );
    const values = { ...fullValues(annex) };
    for (const name of blank) delete values[name];
    const view = computeLive(sheet(dti, 'XA', 'xa-mau-a', values), library()) as FormView;
    const expected = Math.round((view.score.total / annex.max) * 10000) / 10000;
    expect(view.score.total).toBeLessThan(annex.max);
    expect(view.index).toBeCloseTo(expected, 10);
    show(view, 'en');
    expect(screen.getByTestId('index').textContent).toContain(expected.toFixed(4));
    expect(screen.getByTestId('index').textContent).toContain(t('en', 'paneBandOnIndex'));
  });

  test('an annex ranked on points shows the index without saying the band is on it', () => {
    const annex = findAnnex(bt, 'I');
    const view = computeLive({ ...sheet(bt, 'I', 'so-noi-vu', fullValues(annex)) }, library()) as FormView;
    expect(view.onIndex).toBe(false);
    show(view);
    const text = screen.getByTestId('index').textContent!;
    expect(text).toBe(t('vi', 'paneIndex', { index: formatIndex(view.index, 'vi') }));
    expect(view.index).toBe(Math.round((view.score.total / annex.max) * 10000) / 10000);
    expect(text).not.toContain(t('vi', 'paneBandOnIndex'));
  });
});
