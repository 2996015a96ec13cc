import { builtinRulebooks, builtinRulebook } from '../../src/core/rulebook/builtin';
import {
  CUSTOM_RULEBOOKS_KEY,
  RulebookFileError,
  RulebookLibrary,
  choiceKey,
} from '../../src/taskpane/state/rulebooks';
import { memoryStore } from '../../src/taskpane/state/storage';

const bt = builtinRulebook('binh-thuan-2019')!;
/** A valid custom rulebook: the built-in one under another id. */
const customJson = () => ({
  ...JSON.parse(JSON.stringify(bt)),
  id: 'binh-thuan-2024',
  version: 'thu-nghiem-1',
});

describe('RulebookLibrary', () => {
  test('lists the built-in rulebooks first', () => {
    const lib = new RulebookLibrary(memoryStore(), builtinRulebooks());
    expect(lib.choices().map((c) => c.rulebook.id)).toEqual([
      'binh-thuan-2019',
      'dong-nai-2022',
      'gia-lai-2019',
      'dti-2025',
    ]);
    expect(lib.choices().every((c) => c.source === 'builtin')).toBe(true);
  });

  test('resolves a form by rulebook id and version; another version resolves with a note', () => {
    const lib = new RulebookLibrary(memoryStore(), builtinRulebooks());
    const exact = lib.resolve({ rulebookId: bt.id, rulebookVersion: bt.version });
    expect(exact).toMatchObject({ ok: true, source: 'builtin' });
    expect(exact.ok && exact.otherVersion).toBeUndefined();
    const older = lib.resolve({ rulebookId: bt.id, rulebookVersion: '1588/2016' });
    expect(older).toMatchObject({ ok: true, otherVersion: '1588/2016' });
    expect(lib.resolve({ rulebookId: 'ha-noi-2030', rulebookVersion: '1' })).toEqual({
      ok: false,
      rulebookId: 'ha-noi-2030',
      version: '1',
    });
  });

  test('a rulebook loaded from a file is remembered by id and version across sessions', () => {
    const store = memoryStore();
    const lib = new RulebookLibrary(store, builtinRulebooks());
    const choice = lib.addFile(JSON.stringify(customJson()), 'bo-tieu-chi.json');
    expect(choice.key).toBe('binh-thuan-2024@thu-nghiem-1');
    expect(JSON.parse(store.getItem(CUSTOM_RULEBOOKS_KEY)!)).toHaveProperty(['binh-thuan-2024@thu-nghiem-1']);

    const later = new RulebookLibrary(store, builtinRulebooks());
    expect(later.byKey(choice.key)?.source).toBe('file');
    expect(later.resolve({ rulebookId: 'binh-thuan-2024', rulebookVersion: 'thu-nghiem-1' })).toMatchObject({
      ok: true,
      source: 'file',
    });
  });

  test('a file that is not JSON is refused with a reason in both languages', () => {
    const lib = new RulebookLibrary(memoryStore(), builtinRulebooks());
    try {
      lib.addFile('{ not json', 'sai.json');
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(RulebookFileError);
      expect((e as RulebookFileError).reason.vi).toContain('Tệp sai.json không phải JSON hợp lệ');
      expect((e as RulebookFileError).reason.en).toContain('File sai.json is not valid JSON');
    }
  });

  test('a rulebook that breaks the schema is refused naming the field', () => {
    const lib = new RulebookLibrary(memoryStore(), builtinRulebooks());
    const bad = customJson();
    bad.annexes[0].bands = [];
    expect(() => lib.addFile(JSON.stringify(bad), 'thieu.json')).toThrow(RulebookFileError);
    try {
      lib.addFile(JSON.stringify(bad), 'thieu.json');
    } catch (e) {
      expect((e as RulebookFileError).reason.vi).toMatch(/annexes\.0\.bands/);
      expect((e as RulebookFileError).reason.en).toMatch(/annexes\.0\.bands/);
    }
    expect(lib.choices()).toHaveLength(4);
  });

  test('a file with the id and version of a built-in rulebook is refused', () => {
    const lib = new RulebookLibrary(memoryStore(), builtinRulebooks());
    expect(() => lib.addFile(JSON.stringify(bt), 'copy.json')).toThrow(/built-in rulebook binh-thuan-2019/);
  });

  test('stored rulebooks that no longer parse are skipped, not fatal', () => {
    const store = memoryStore({
      [CUSTOM_RULEBOOKS_KEY]: JSON.stringify({ 'x@1': { id: 'x' }, [choiceKey(customJson())]: customJson() }),
    });
    const lib = new RulebookLibrary(store, builtinRulebooks());
    expect(lib.choices().map((c) => c.key)).toEqual([
      ...builtinRulebooks().map(choiceKey),
      'binh-thuan-2024@thu-nghiem-1',
    ]);
    expect(() => new RulebookLibrary(memoryStore({ [CUSTOM_RULEBOOKS_KEY]: '[[[' }), [])).not.toThrow();
  });
});
