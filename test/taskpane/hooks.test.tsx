/** @jest-environment jsdom */
import './setup';
import { act, renderHook } from '@testing-library/react';
import { builtinRulebook, builtinRulebooks } from '../../src/core/rulebook/builtin';
import { formName } from '../../src/form/names';
import { planForm } from '../../src/form/plan';
import { LANG_KEY, readLang, useLangState } from '../../src/taskpane/state/lang';
import { RulebookLibrary } from '../../src/taskpane/state/rulebooks';
import { memoryStore, type KeyValueStore } from '../../src/taskpane/state/storage';
import { useInsertForm } from '../../src/taskpane/state/useInsertForm';
import { useLiveView } from '../../src/taskpane/state/useLiveView';
import { HostDouble } from '../browser/fixtures/host-double';

const bt = builtinRulebook('binh-thuan-2019')!;
const library = () => new RulebookLibrary(memoryStore(), builtinRulebooks());

describe('language', () => {
  test('Vietnamese by default; the choice is stored and restored', () => {
    const store = memoryStore();
    const { result } = renderHook(() => useLangState(store));
    expect(result.current[0]).toBe('vi');
    act(() => result.current[1]('en'));
    expect(result.current[0]).toBe('en');
    expect(store.getItem(LANG_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    const next = renderHook(() => useLangState(store));
    expect(next.result.current[0]).toBe('en');
  });

  test('a store that refuses reads and writes still lets the user switch', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(readLang(broken)).toBe('vi');
    const { result } = renderHook(() => useLangState(broken));
    act(() => result.current[1]('en'));
    expect(result.current[0]).toBe('en');
  });

  test('anything stored but "en" means Vietnamese', () => {
    expect(readLang(memoryStore({ [LANG_KEY]: 'fr' }))).toBe('vi');
  });
});

describe('useLiveView', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function formHost() {
    const host = new HostDouble();
    await host.insertForm(planForm(bt, 'I', { id: 'so-noi-vu', name: 'Sở Nội vụ' }, 2024));
    return host;
  }

  test('reads the active form at start, and once per burst of 100 change notifications', async () => {
    const host = await formHost();
    const reads = jest.spyOn(host, 'readActive');
    const { result, unmount } = renderHook(({ lib }) => useLiveView(host, lib, 200), {
      initialProps: { lib: library() },
    });
    await act(async () => undefined);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(result.current.view.kind).toBe('form');

    const name = formName.input('1.4', 'value');
    act(() => host.setValues({ [name]: 'abc' }, 100));
    await act(async () => {
      jest.advanceTimersByTime(199);
    });
    expect(reads).toHaveBeenCalledTimes(1);
    await act(async () => {
      jest.advanceTimersByTime(1);
    });
    await act(async () => undefined);
    expect(reads).toHaveBeenCalledTimes(2);
    const view = result.current.view;
    expect(
      view.kind === 'form' && view.issues.some((i) => i.criterion === '1.4' && i.code === 'notANumber'),
    ).toBe(true);

    expect(host.log.watchers).toBe(1);
    unmount();
    expect(host.log.watchers).toBe(0);
  });

  test('refresh reads at once; a failing read is shown, not thrown', async () => {
    const host = await formHost();
    const { result } = renderHook(({ lib }) => useLiveView(host, lib, 200), {
      initialProps: { lib: library() },
    });
    await act(async () => undefined);
    jest.spyOn(host, 'readActive').mockRejectedValueOnce(new Error('RichApi.Error: GeneralException'));
    await act(async () => result.current.refresh());
    await act(async () => undefined);
    expect(result.current.view).toEqual({
      kind: 'failed',
      detail: { vi: 'RichApi.Error: GeneralException', en: 'RichApi.Error: GeneralException' },
    });
    await act(async () => result.current.refresh());
    await act(async () => undefined);
    expect(result.current.view.kind).toBe('form');
  });

  test('switching to a sheet that is not a form is explained', async () => {
    const host = await formHost();
    const { result } = renderHook(({ lib }) => useLiveView(host, lib, 50), {
      initialProps: { lib: library() },
    });
    await act(async () => undefined);
    act(() => host.addPlainSheet('Sheet2'));
    await act(async () => {
      jest.advanceTimersByTime(50);
    });
    await act(async () => undefined);
    expect(result.current.view).toEqual({ kind: 'notForm', sheetName: 'Sheet2', reason: 'noMetadata' });
  });
});

describe('useInsertForm', () => {
  const file = (text: string, name: string) => new File([text], name, { type: 'application/json' });

  test('submit plans the form for the choices and hands it to the host', async () => {
    const host = new HostDouble();
    const { result } = renderHook(({ lib }) => useInsertForm(host, lib, { year: 2024 }), {
      initialProps: { lib: library() },
    });
    expect(result.current.rulebook?.id).toBe('binh-thuan-2019');
    act(() => result.current.dispatch({ type: 'annexChosen', annex: 'IV' }));
    act(() => result.current.dispatch({ type: 'unitTyped', text: 'hàm thuận' }));
    expect(result.current.units.shown.map((u) => u.name)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Hàm Thuận Bắc'),
        expect.stringContaining('Hàm Thuận Nam'),
      ]),
    );
    const unit = result.current.units.shown.find((u) => u.name.includes('Hàm Thuận Nam'))!;
    act(() => result.current.dispatch({ type: 'unitChosen', id: unit.id, name: unit.name }));
    await act(() => result.current.submit());
    expect(host.plans).toHaveLength(1);
    expect(host.plans[0].meta).toMatchObject({
      rulebookId: 'binh-thuan-2019',
      annex: 'IV',
      unitId: unit.id,
      unitName: unit.name,
      year: 2024,
    });
    expect(result.current.state.phase).toEqual({
      kind: 'done',
      sheetName: host.plans[0].sheetName,
      upgraded: false,
    });

    await act(() => result.current.submit());
    expect(result.current.state.phase).toMatchObject({ kind: 'done', upgraded: true });
  });

  test('nothing reaches the host while the choices have problems', async () => {
    const host = new HostDouble();
    const insert = jest.spyOn(host, 'insertForm');
    const { result } = renderHook(({ lib }) => useInsertForm(host, lib, { year: 2024 }), {
      initialProps: { lib: library() },
    });
    await act(() => result.current.submit());
    expect(insert).not.toHaveBeenCalled();
    expect(result.current.state.showProblems).toBe(true);
    expect(result.current.problems.unit).toBe('paneUnitRequired');
  });

  test('a host failure is shown with its reason', async () => {
    const host = new HostDouble();
    jest.spyOn(host, 'insertForm').mockRejectedValue(new Error('InvalidOperation'));
    const { result } = renderHook(({ lib }) => useInsertForm(host, lib, { year: 2024 }), {
      initialProps: { lib: library() },
    });
    act(() => result.current.dispatch({ type: 'unitTyped', text: 'Sở Y tế' }));
    await act(() => result.current.submit());
    expect(result.current.state.phase).toEqual({
      kind: 'failed',
      reason: {
        vi: 'Không chèn được phiếu: InvalidOperation',
        en: 'The form could not be inserted: InvalidOperation',
      },
    });
  });

  test('a rulebook file: refused with a reason when invalid, chosen when valid', async () => {
    const onRulebookAdded = jest.fn();
    const { result } = renderHook(
      ({ host, lib }) => useInsertForm(host, lib, { year: 2024, onRulebookAdded }),
      { initialProps: { host: new HostDouble(), lib: library() } },
    );
    await act(() => result.current.loadFile(file('{', 'hong.json')));
    expect(result.current.state.fileError?.vi).toContain('hong.json');
    expect(onRulebookAdded).not.toHaveBeenCalled();

    const custom = { ...JSON.parse(JSON.stringify(bt)), id: 'binh-thuan-2024', version: 'du-thao' };
    await act(() => result.current.loadFile(file(JSON.stringify(custom), 'du-thao.json')));
    expect(result.current.state.fileError).toBeUndefined();
    expect(result.current.state.rulebookKey).toBe('binh-thuan-2024@du-thao');
    expect(result.current.choices.map((c) => c.key)).toContain('binh-thuan-2024@du-thao');
    expect(onRulebookAdded).toHaveBeenCalledTimes(1);
  });
});
