/**
 * Where the pane remembers small things (the language, rulebooks loaded from files): the browser's
 * localStorage of the add-in's origin. Some Office webviews refuse storage (privacy settings); then the
 * pane still works and simply forgets at reload.
 */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, String(value)),
    removeItem: (key) => void data.delete(key),
  };
}

/** localStorage when it can be used, otherwise a store that lives as long as the page. */
export function browserStore(): KeyValueStore {
  try {
    const probe = '__scorecard_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return memoryStore();
  }
}

/** Writes that may fail (quota, privacy mode) are not worth failing the pane for. */
export function trySet(store: KeyValueStore, key: string, value: string): boolean {
  try {
    store.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
