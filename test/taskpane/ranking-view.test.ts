/** The ranking view's small pure parts: the day-first date field's parser and the received-dates template. */
import './setup';
import { parseReceivedManifest } from '../../src/core/ranking/received';
import { dayFirst, receivedTemplate } from '../../src/taskpane/views/RankingView';

test('dates are read day-first, and nothing else is taken for a date', () => {
  expect(dayFirst('30/09/2019')).toBe('2019-09-30');
  expect(dayFirst(' 1/9/2019 ')).toBe('2019-09-01');
  expect(dayFirst('09/30/2019')).toBeUndefined(); // month-first: no 30th month
  expect(dayFirst('31/02/2019')).toBeUndefined();
  expect(dayFirst('2019-09-30')).toBeUndefined(); // the field asks for dd/mm/yyyy
  expect(dayFirst('')).toBeUndefined();
});

test('the template has the columns the reader accepts and a row per file, in either language', () => {
  for (const lang of ['vi', 'en'] as const) {
    const csv = receivedTemplate(lang, ['PL-I-so-noi-vu.xlsx', 'tên, có dấu phẩy.xlsx']);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const filled = csv.replace(/,\r\n/g, ',16/09/2019\r\n');
    const read = parseReceivedManifest(filled, 'csv');
    expect(read.problems).toEqual([]);
    expect(Object.fromEntries(read.entries)).toEqual({
      'PL-I-so-noi-vu.xlsx': '2019-09-16',
      'tên, có dấu phẩy.xlsx': '2019-09-16',
    });
  }
  expect(receivedTemplate('vi', []).split('\r\n')[0]).toBe('\uFEFFTệp,Ngày nhận');
});
