/**
 * Coalescing change notifications: Excel reports a 100-cell paste as many events, and the pane's own
 * reads can overlap. `notify()` schedules one run after `delayMs` of quiet; a notification during a
 * run schedules exactly one more run after it, so the last state is always read and runs never overlap.
 */
export interface Coalescer {
  notify(): void;
  /** Run now (skipping the delay), e.g. for the first read or a Refresh button. */
  flush(): void;
  cancel(): void;
}

export function createCoalescer(run: () => Promise<void>, delayMs: number): Coalescer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let cancelled = false;

  const fire = () => {
    timer = undefined;
    if (cancelled) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    run()
      .catch(() => undefined) // run reports its own errors; a failure must not stop later runs
      .finally(() => {
        running = false;
        if (again && !cancelled) {
          again = false;
          schedule();
        }
      });
  };
  const schedule = () => {
    if (cancelled) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(fire, delayMs);
  };
  return {
    notify: schedule,
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      fire();
    },
    cancel() {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
