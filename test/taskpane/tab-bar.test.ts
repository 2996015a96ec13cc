/** Which tabs leave the row when the pane is narrow. */
import './setup';
import { tabsToHide } from '../../src/taskpane/components/TabBar';

const items = ['live', 'insert', 'ranking', 'appraisal', 'rulebooks'].map((id) => ({ id, label: id }));
const widths = [70, 90, 80, 85, 95]; // 420 in all

test('everything fits: nothing hidden', () => {
  expect([...tabsToHide(items, widths, 420, 60, 'live')]).toEqual([]);
});

test('too narrow: the last tabs go into the menu, whose button takes room too', () => {
  expect([...tabsToHide(items, widths, 290, 60, 'live')]).toEqual(['ranking', 'appraisal', 'rulebooks']); // 60 + 70 + 90 = 220; + 80 > 290
  expect([...tabsToHide(items, widths, 300, 60, 'live')]).toEqual(['appraisal', 'rulebooks']); // + 80 = 300 fits
});

test('the selected tab stays in the row even when it is one of the last', () => {
  const hidden = tabsToHide(items, widths, 300, 60, 'rulebooks');
  expect(hidden.has('rulebooks')).toBe(false);
  expect([...hidden]).toEqual(['insert', 'ranking', 'appraisal']); // 60 + 95 + 70 = 225; + 90 > 300, and no skipping ahead
});
