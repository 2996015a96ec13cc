/** ExcelHost.watch: coalescing bursts, moving with the active sheet, ignoring our own writes, detaching. */
import { planForm } from '../../src/form/plan';
import { makeRulebook, everyRule } from '../helpers/rulebooks';
import { countSyncs, setup } from './fixtures';

const DELAY = 50;
const plan = planForm(makeRulebook({}, everyRule), 'A', { id: 'snv', name: 'Sở Nội vụ' }, 2024);

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

async function watching(options: Parameters<typeof setup>[0] = {}) {
  const { d, host } = setup(options, DELAY);
  const onChange = jest.fn();
  const { result: detach, syncs } = await countSyncs(d, () => host.watch(onChange));
  return { d, host, onChange, detach: detach as unknown as () => Promise<void>, syncs };
}

test('attaching takes one sync and registers onChanged, onSelectionChanged and onActivated', async () => {
  const { d, syncs } = await watching();
  expect(syncs).toBe(1);
  expect([d.handlerCount('changed'), d.handlerCount('selection'), d.handlerCount('activated')]).toEqual([
    1, 1, 1,
  ]);
  expect(d.handlersOn('Sheet1')).toBe(2);
});

test('a paste of 100 cells (100 events) calls onChange once, after the quiet time', async () => {
  const { d, onChange } = await watching();
  for (let i = 0; i < 100; i++) await d.fireChanged('Sheet1', { address: `E${i + 10}` });
  await jest.advanceTimersByTimeAsync(DELAY - 1);
  expect(onChange).not.toHaveBeenCalled();
  await jest.advanceTimersByTimeAsync(1);
  expect(onChange).toHaveBeenCalledTimes(1);
  // A later edit is a new burst.
  await d.fireChanged('Sheet1');
  await d.fireSelectionChanged('Sheet1', 'E12');
  await jest.advanceTimersByTimeAsync(DELAY);
  expect(onChange).toHaveBeenCalledTimes(2);
});

test("the add-in's own writes (triggerSource ThisLocalAddin) are ignored; a coauthor's are not", async () => {
  const { d, onChange } = await watching();
  await d.fireChanged('Sheet1', { triggerSource: 'ThisLocalAddin' });
  await jest.advanceTimersByTimeAsync(DELAY * 2);
  expect(onChange).not.toHaveBeenCalled();
  await d.fireChanged('Sheet1', { source: 'Remote', triggerSource: 'Unknown' });
  await jest.advanceTimersByTimeAsync(DELAY);
  expect(onChange).toHaveBeenCalledTimes(1);
});

test('inserting a form raises no onChanged of its own: events are off while it writes', async () => {
  const { d, host, onChange } = await watching();
  const fire = jest.spyOn(d, 'fireChanged');
  await host.insertForm(plan);
  expect(d.enableEvents).toBe(true);
  expect(
    d.log
      .filter((e) => e.kind === 'write' && e.property === 'runtime.enableEvents')
      .map((e) => (e as { value: unknown }).value),
  ).toEqual([false, true]);
  expect(fire).not.toHaveBeenCalled();
  await jest.advanceTimersByTimeAsync(DELAY * 2);
  expect(onChange).not.toHaveBeenCalled();
});

test('a write by the add-in with events on echoes as ThisLocalAddin and is ignored (ExcelApi 1.14)', async () => {
  const { d, onChange } = await watching();
  const fire = jest.spyOn(d, 'fireChanged');
  await d.run(async (ctx: Excel.RequestContext) => {
    ctx.workbook.worksheets.getActiveWorksheet().getRange('B2').values = [[5]];
    await ctx.sync();
  });
  expect(fire).toHaveBeenCalledWith('Sheet1', { address: 'B2', triggerSource: 'ThisLocalAddin' });
  await jest.advanceTimersByTimeAsync(DELAY * 2);
  expect(onChange).not.toHaveBeenCalled();
});

test('before ExcelApi 1.14 an echo cannot be told from an edit: it costs one recomputation, no loop', async () => {
  const { d, onChange } = await watching({ apiVersion: '1.9' });
  await d.run(async (ctx: Excel.RequestContext) => {
    ctx.workbook.worksheets.getActiveWorksheet().getRange('B2').values = [[5]];
    await ctx.sync();
  });
  await jest.advanceTimersByTimeAsync(DELAY * 2);
  expect(onChange).toHaveBeenCalledTimes(1);
});

test('activating another sheet moves the sheet handlers there (one sync) and calls onChange', async () => {
  const { d, onChange } = await watching();
  d.addSheet('Phụ lục A');
  const before = d.syncs;
  await d.fireActivated('Phụ lục A');
  expect(d.syncs - before).toBe(1);
  expect(d.handlersOn('Phụ lục A')).toBe(2);
  expect(d.handlersOn('Sheet1')).toBe(0);
  expect(d.handlerCount()).toBe(3);
  await jest.advanceTimersByTimeAsync(DELAY);
  expect(onChange).toHaveBeenCalledTimes(1);

  await d.fireChanged('Sheet1'); // no longer watched
  await jest.advanceTimersByTimeAsync(DELAY);
  expect(onChange).toHaveBeenCalledTimes(1);
  await d.fireChanged('Phụ lục A');
  await jest.advanceTimersByTimeAsync(DELAY);
  expect(onChange).toHaveBeenCalledTimes(2);

  // Back and forth quickly: handlers never pile up.
  await Promise.all([d.fireActivated('Sheet1'), d.fireActivated('Phụ lục A'), d.fireActivated('Sheet1')]);
  expect(d.handlerCount()).toBe(3);
  expect(d.handlersOn('Sheet1')).toBe(2);
});

test('detach removes every handler in one sync and cancels a pending call', async () => {
  const { d, onChange, detach } = await watching();
  await d.fireChanged('Sheet1');
  const before = d.syncs;
  await detach();
  expect(d.syncs - before).toBe(1);
  expect(d.handlerCount()).toBe(0);
  await jest.advanceTimersByTimeAsync(DELAY * 2);
  await d.fireChanged('Sheet1');
  await d.fireActivated('Sheet1');
  await jest.advanceTimersByTimeAsync(DELAY * 2);
  expect(onChange).not.toHaveBeenCalled();
});

test('without ExcelApi 1.7 watch rejects with the bilingual message', async () => {
  const { host } = setup({ apiVersion: '1.6' });
  await expect(host.watch(() => undefined)).rejects.toThrow(/ExcelApi 1\.7.* \/ .*ExcelApi 1\.7/);
});
