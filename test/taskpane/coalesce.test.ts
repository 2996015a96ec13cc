import { createCoalescer } from '../../src/taskpane/state/coalesce';

describe('createCoalescer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A run that stays pending until released, counting its calls. */
  function controlledRun() {
    const releases: (() => void)[] = [];
    const run = jest.fn(() => new Promise<void>((resolve) => releases.push(resolve)));
    return {
      run,
      release: async () => {
        releases.shift()?.();
        await Promise.resolve();
        await Promise.resolve();
      },
    };
  }

  test('a burst of 100 notifications causes one run after the quiet time', () => {
    const run = jest.fn(async () => undefined);
    const c = createCoalescer(run, 200);
    for (let i = 0; i < 100; i++) c.notify();
    jest.advanceTimersByTime(199);
    expect(run).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  test('notifications during a run cause exactly one more run, after it ends', async () => {
    const { run, release } = controlledRun();
    const c = createCoalescer(run, 50);
    c.flush();
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) c.notify();
    jest.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(1); // never two runs at once
    await release();
    jest.advanceTimersByTime(50);
    expect(run).toHaveBeenCalledTimes(2);
    await release();
    jest.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  test('a failing run does not stop later runs', async () => {
    const run = jest.fn().mockRejectedValueOnce(new Error('busy')).mockResolvedValue(undefined);
    const c = createCoalescer(run, 10);
    c.flush();
    await Promise.resolve();
    await Promise.resolve();
    c.notify();
    jest.advanceTimersByTime(10);
    expect(run).toHaveBeenCalledTimes(2);
  });

  test('cancel drops what is scheduled', () => {
    const run = jest.fn(async () => undefined);
    const c = createCoalescer(run, 10);
    c.notify();
    c.cancel();
    c.notify();
    jest.advanceTimersByTime(100);
    expect(run).not.toHaveBeenCalled();
  });
});
