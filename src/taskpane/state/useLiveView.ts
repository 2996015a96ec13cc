/**
 * Keeps the live view in step with the workbook: reads the active sheet once at start, then after
 * every (coalesced) change notification from the host. The host's watch() is attached once per
 * host and detached on unmount, so handlers never stack up.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkbookHost } from '../../host/types';
import { createCoalescer, type Coalescer } from './coalesce';
import { errorMessage } from './errors';
import { computeLive, type LiveView } from './live';
import type { RulebookLibrary } from './rulebooks';

/** Quiet time after the last change before the pane re-reads the form. */
export const RECOMPUTE_DELAY_MS = 200;

export interface LiveState {
  view: LiveView;
  /** Re-read the active sheet now. */
  refresh: () => void;
}

export function useLiveView(
  host: WorkbookHost,
  library: RulebookLibrary,
  delayMs = RECOMPUTE_DELAY_MS,
): LiveState {
  const [view, setView] = useState<LiveView>({ kind: 'loading' });
  const coalescer = useRef<Coalescer | null>(null);

  useEffect(() => {
    let alive = true;
    let detach: (() => void) | undefined;
    const recompute = async () => {
      try {
        const active = await host.readActive();
        if (alive) setView(computeLive(active, library));
      } catch (e) {
        if (alive) setView({ kind: 'failed', detail: errorMessage(e) });
      }
    };
    const c = createCoalescer(recompute, delayMs);
    coalescer.current = c;
    c.flush();
    host
      .watch(() => c.notify())
      .then((off) => {
        if (alive) detach = off;
        else off();
      })
      .catch(() => undefined); // without events the pane still reads on demand (Refresh)
    return () => {
      alive = false;
      c.cancel();
      detach?.();
      if (coalescer.current === c) coalescer.current = null;
    };
  }, [host, library, delayMs]);

  const refresh = useCallback(() => coalescer.current?.flush(), []);
  return { view, refresh };
}
