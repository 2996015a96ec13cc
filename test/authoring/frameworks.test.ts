/** The authoring workbook carries the fields of today's frameworks: applicability, unscored parts, units' dates and merges. */
import { contentHash, parseRulebook } from '../../src/core/rulebook';
import { rulebookToWorkbook, workbookToRulebook } from '../../src/authoring/workbook';
import { input } from '../helpers/frameworks';

describe('authoring workbook: today’s frameworks', () => {
  it('round-trips appliesTo, scored, unit type, validity dates and mergedInto with the same content hash', async () => {
    const withDates = input();
    withDates.units![0] = { ...withDates.units![0], validFrom: '2025-07-01' };
    const rb = parseRulebook(withDates);
    const back = await workbookToRulebook(await rulebookToWorkbook(rb));
    if (!back.ok) throw new Error(JSON.stringify(back.errors.map((e) => e.message.en)));
    expect(back.rulebook).toEqual(rb);
    expect(back.hash).toBe(contentHash(rb));
    expect(back.rulebook.annexes[0].groups[2].scored).toBe(false);
    expect(back.rulebook.annexes[0].groups[0].criteria[1].appliesTo).toEqual({ unitTypes: ['co-tthc'] });
  });
});
