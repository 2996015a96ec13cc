/**
 * The pane's views. `live` and `insert` are in the initial bundle; the others are loaded on first use
 * (dynamic import → a separate chunk), so their dependencies (file reading, the .xlsx writer, …) do not weigh
 * on the pane's start. The ribbon's "Xếp hạng" button opens the pane with ?view=ranking.
 */
export type ViewId = 'live' | 'insert' | 'ranking' | 'appraisal' | 'rulebooks';

export const VIEW_IDS: readonly ViewId[] = ['live', 'insert', 'ranking', 'appraisal', 'rulebooks'];

/** The view asked for by the page address (?view=ranking), else the live view. */
export function viewFromSearch(search: string): ViewId {
  const asked = new URLSearchParams(search).get('view');
  return (VIEW_IDS as readonly string[]).includes(asked ?? '') ? (asked as ViewId) : 'live';
}
