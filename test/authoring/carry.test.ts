/** The rulebook carried inside a workbook (src/core/rulebook/carry.ts). */
import fc from 'fast-check';
import { builtinRulebooks, contentHash, builtinRulebook } from '../../src/core/rulebook';
import {
  CARRIER_CHUNK,
  carrierRows,
  carrierXml,
  chunkText,
  rulebookFromCarrier,
  rulebookFromCarrierXml,
} from '../../src/core/rulebook/carry';

describe('carrier rows', () => {
  it.each(builtinRulebooks().map((rb) => [rb.id, rb] as const))(
    '%s comes back equal, hash checked',
    (_, rb) => {
      const rows = carrierRows(rb);
      expect(rows.slice(0, 6)).toEqual([
        ['format', 'scorecard-rulebook'],
        ['formatVersion', 1],
        ['id', rb.id],
        ['version', rb.version],
        ['hash', contentHash(rb)],
        ['chunks', rows.length - 6],
      ]);
      for (const [, v] of rows) expect(String(v).length).toBeLessThanOrEqual(32000);
      const back = rulebookFromCarrier(rows);
      expect(back.ok && back.rulebook).toEqual(rb);
      expect(back.ok && back.hash).toBe(contentHash(rb));
    },
  );

  it('cuts a large rulebook into several cells and reads them in any order', () => {
    const rb = builtinRulebook('binh-thuan-2019')!;
    const rows = carrierRows(rb);
    expect(rows.length - 6).toBeGreaterThan(1); // 160 kB of JSON
    const shuffled = [...rows].reverse();
    expect(rulebookFromCarrier(shuffled).ok).toBe(true);
  });

  it('refuses a tampered carrier with a reason in both languages', () => {
    const rb = builtinRulebook('dong-nai-2022')!;
    const rows = carrierRows(rb);
    const i = rows.findIndex(([k]) => k === 'json:1');
    const tampered = rows.map(([k, v]): [string, string | number] =>
      k === 'json:1' ? [k, String(v).replace('"max":3', '"max":4')] : [k, v],
    );
    expect(tampered[i][1]).not.toBe(rows[i][1]);
    const r = rulebookFromCarrier(tampered);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.vi).toContain('đã bị sửa');
      expect(r.reason.en).toContain('was altered');
    }
    // a new hash written over the old one does not help: the header still has to match the content
    const relabelled = rows.map(([k, v]): [string, string | number] =>
      k === 'version' ? [k, 'khác'] : [k, v],
    );
    const r2 = rulebookFromCarrier(relabelled);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.reason.en).toContain('it is refused');
  });

  it('says so when there is no carrier, or a piece is missing', () => {
    const none = rulebookFromCarrier([['rulebookId', 'x']]);
    expect(!none.ok && none.reason.en).toBe('The file does not carry a rulebook.');
    const rows = carrierRows(builtinRulebook('binh-thuan-2019')!).filter(([k]) => k !== 'json:2');
    const r = rulebookFromCarrier(rows);
    expect(!r.ok && r.reason.en).toContain('json:2 missing');
  });

  it('never splits a character in two', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.integer({ min: 2, max: 7 }),
        (s, size) => {
          const pieces = chunkText(s, size);
          expect(pieces.join('')).toBe(s);
          for (const p of pieces) {
            expect(p.length).toBeLessThanOrEqual(size);
            expect(/^[\uDC00-\uDFFF]/.test(p)).toBe(false);
          }
        },
      ),
    );
    expect(CARRIER_CHUNK).toBeLessThanOrEqual(32767);
  });
});

describe('carrier custom XML part', () => {
  it('round-trips and is refused when edited', () => {
    const rb = builtinRulebook('gia-lai-2019')!;
    const xml = carrierXml(rb);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<rulebook xmlns="urn:scorecard:rulebook:1"/,
    );
    const back = rulebookFromCarrierXml(xml);
    expect(back.ok && back.rulebook).toEqual(rb);
    const edited = rulebookFromCarrierXml(xml.replace('Sở Nội vụ', 'Sở Nội Vụ'));
    expect(edited.ok).toBe(false);
    expect(rulebookFromCarrierXml('<other/>').ok).toBe(false);
  });
});
