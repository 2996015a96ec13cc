import { TextDecoder, TextEncoder } from 'node:util';

/**
 * jsdom lacks what Fluent UI v9 asks the browser for (fluentui #30077, #31591): ResizeObserver and
 * matchMedia with addEventListener. Imported first by the pane's jsdom tests.
 */
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}

// the rulebook hash (@noble/hashes) encodes text with TextEncoder, which jsdom's global scope lacks
if (typeof globalThis.TextEncoder === 'undefined') {
  (globalThis as Record<string, unknown>).TextEncoder = TextEncoder;
  (globalThis as Record<string, unknown>).TextDecoder = TextDecoder;
}

if (typeof window !== 'undefined') {
  const w = window as unknown as Record<string, unknown>;
  if (!w.ResizeObserver) w.ResizeObserver = ResizeObserverStub;
  if (!window.matchMedia)
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
}

export {};
