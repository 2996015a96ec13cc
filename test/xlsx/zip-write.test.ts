/**
 * Zipping a workbook's parts again (src/xlsx/zip-write.ts): with Node's zlib on the command line, with
 * fflate alone in the pane. Either way every part reads back byte for byte through the reader's own
 * checks (sizes, CRC-32), deflated, in the order given.
 */
import { strToU8, unzipSync } from 'fflate';
import { inflateEntry, listZip } from '../../src/xlsx/zip';
import type * as ZipWrite from '../../src/xlsx/zip-write';

const parts: Record<string, Uint8Array> = {
  '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
  'xl/worksheets/sheet1.xml': strToU8(
    `<worksheet>${'<row><c t="s"><v>1</v></c></row>'.repeat(1000)}</worksheet>`,
  ),
  'xl/sharedStrings.xml': strToU8('<sst><si><t>Sở Khoa học và Công nghệ</t></si></sst>'),
  'xl/empty.bin': new Uint8Array(0),
};

/** zip-write.ts as loaded with or without Node's zlib (it looks zlib up on loading). */
function zipWrite(nodeZlib: boolean): typeof ZipWrite {
  const host = process as { getBuiltinModule?: unknown };
  const saved = host.getBuiltinModule;
  if (!nodeZlib) host.getBuiltinModule = undefined;
  try {
    let loaded!: typeof ZipWrite;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module of this registry
      loaded = require('../../src/xlsx/zip-write') as typeof ZipWrite;
    });
    return loaded;
  } finally {
    host.getBuiltinModule = saved;
  }
}

describe.each([
  ['Node zlib', true],
  ['fflate alone (the pane)', false],
])('zipOf, %s', (_, nodeZlib) => {
  const { zipOf, zipParts } = zipWrite(nodeZlib);
  const zipped = zipOf(parts);

  it('reads back every part, checked, deflated and in order', () => {
    const entries = listZip(zipped);
    expect([...entries.keys()]).toEqual(Object.keys(parts));
    for (const [name, entry] of entries) {
      expect(inflateEntry(zipped, entry)).toEqual(parts[name]);
      if (parts[name].length > 0) expect(entry.method).toBe(8);
    }
    expect(entries.get('xl/worksheets/sheet1.xml')!.compressedSize).toBeLessThan(
      parts['xl/worksheets/sheet1.xml'].length / 20,
    );
  });

  it(`deflates with Node's zlib ${nodeZlib ? 'once per part' : 'never'}`, () => {
    // The module object itself (what zip-write gets from process.getBuiltinModule), not an import's copy.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const deflate = jest.spyOn(require('node:zlib') as typeof import('node:zlib'), 'deflateRawSync');
    try {
      expect(zipParts(zipOf(parts))).toEqual(parts);
      expect(deflate).toHaveBeenCalledTimes(nodeZlib ? Object.keys(parts).length : 0);
    } finally {
      deflate.mockRestore();
    }
  });

  it('gives the parts back through zipParts, without folder entries', () => {
    expect(zipParts(zipped)).toEqual(parts);
    const withFolder = zipOf({ 'xl/': new Uint8Array(0), ...parts });
    expect(Object.keys(unzipSync(withFolder))).toContain('xl/');
    expect(Object.keys(zipParts(withFolder))).toEqual(Object.keys(parts));
  });
});
