/**
 * The form contract's defined names in a workbook part: which cell each name points at, grouped by the
 * sheet it points at. The forms of one batch share a template, so their `<definedNames>` blocks are
 * usually byte for byte the same (~220 names): a block is parsed once and its result kept for the next
 * workbook that has the same block (a pure function of those bytes; only the sheets are looked up per
 * workbook).
 */
import { isFormName, META_NAME } from '../form/names';
import { columnIndex, parseA1 } from '../sheet/a1';
import { attr, decodeText, type XmlPart } from './xml';

/** A name that points nowhere: its position in the block, its name and its text (for the reason). */
export interface BrokenName {
  at: number;
  name: string;
  ref: string;
}

/** The form names that point at one sheet (by its lower-case name), in the order they appear. */
interface SheetNames {
  sheet: string;
  /** Name → A1 address ("E12"); shared by every workbook with the same block, so frozen. */
  addresses: Readonly<Record<string, string>>;
  /** Some name has workbook scope (no localSheetId). */
  workbookScoped: boolean;
  /** The first name of the group: what points nowhere when the sheet is missing. */
  first: BrokenName;
}

export interface ContractNames {
  bySheet: SheetNames[];
  /** SCORECARD_META names that point at a cell, in order: where each form's metadata block is. */
  meta: { sheet: string; scope: number | undefined; col: number }[];
  /** The first form name without a sheet or a cell within a worksheet's limits, whatever the sheets. */
  broken?: BrokenName;
}

/**
 * The first cell of a defined name's address part ("$E$12", or a range "$E$12:$F$20"), upper case
 * without "$" ("E12"), when it lies within a worksheet's limits (XFD1048576); else undefined.
 */
function firstCell(text: string): string | undefined {
  const m = /^\s*\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6})\s*(?::|$)/.exec(text);
  if (!m || columnIndex(m[1]) >= 16384 || Number(m[2]) > 1048576) return undefined;
  return m[1].toUpperCase() + m[2];
}

/** A sheet part of a name ("'Phụ lục I'" in UTF-8 bytes) as the lower-case sheet name. */
function sheetKey(part: XmlPart, start: number, end: number): string {
  const text = decodeText(part.text(start, end)).trim();
  const unquoted = text.startsWith("'") && text.endsWith("'") ? text.slice(1, -1).replace(/''/g, "'") : text;
  return unquoted.toLowerCase();
}

/** The contract names of the part's names (`xml`: the part's latin1 view from `offset` on). */
function parseNames(part: XmlPart, xml: string, offset: number): ContractNames {
  const groups = new Map<string, SheetNames & { addresses: Record<string, string> }>();
  const meta: ContractNames['meta'] = [];
  let broken: BrokenName | undefined;
  // Names of one form share their sheet part ('Phụ lục I'!), so it is decoded once.
  const keyOfPart = new Map<string, string>();
  const definedName = /<(?:\w+:)?definedName\b([^>]*)>([^<]*)<\/(?:\w+:)?definedName>/g;
  for (let m = definedName.exec(xml), at = 0; m; m = definedName.exec(xml), at++) {
    const rawName = attr(m[1], 'name') ?? '';
    const name = rawName.includes('&') ? decodeText(rawName) : rawName;
    if (name !== META_NAME && !isFormName(name)) continue;
    const inner = m[2];
    const innerStart = offset + m.index + m[0].lastIndexOf('</') - inner.length;
    // The name's text as the reason shows it: UTF-8, where the latin1 view would garble a sheet's name.
    const named = (): BrokenName => ({
      at,
      name,
      ref: decodeText(part.text(innerStart, innerStart + inner.length)),
    });
    const bang = inner.lastIndexOf('!');
    const address = bang < 0 ? undefined : firstCell(inner.slice(bang + 1));
    // A metadata name pointing nowhere is a lost metadata sheet (xlsxNoMeta), not damage.
    if (!address) {
      if (name !== META_NAME) broken ??= named();
      continue;
    }
    const rawSheet = inner.slice(0, bang);
    let sheet = keyOfPart.get(rawSheet);
    if (sheet === undefined) keyOfPart.set(rawSheet, (sheet = sheetKey(part, innerStart, innerStart + bang)));
    const scopeText = attr(m[1], 'localSheetId');
    const scope = scopeText === undefined || !/^\d+$/.test(scopeText) ? undefined : Number(scopeText);
    if (name === META_NAME) {
      meta.push({ sheet, scope, col: parseA1(address)!.col });
      continue;
    }
    let group = groups.get(sheet);
    if (!group) groups.set(sheet, (group = { sheet, addresses: {}, workbookScoped: false, first: named() }));
    group.addresses[name] = address;
    if (scope === undefined) group.workbookScoped = true;
  }
  const bySheet = [...groups.values()];
  for (const g of bySheet) Object.freeze(g.addresses);
  return { bySheet, meta, broken };
}

/** Blocks parsed lately, by their text: a batch seldom mixes more than a few templates. */
const parsed = new Map<string, ContractNames>();
const KEPT = 8;

/** The contract names the workbook part defines. */
export function contractNames(workbook: XmlPart): ContractNames {
  const wb = workbook.s;
  // From the first name's opening to the last one's closing tag: every name the part defines.
  const first = /<(?:\w+:)?definedName\b/.exec(wb);
  const end = wb.lastIndexOf('definedName>') + 'definedName>'.length;
  if (!first || end <= first.index) return { bySheet: [], meta: [] };
  const block = wb.slice(first.index, end);
  let names = parsed.get(block);
  if (!names) {
    names = parseNames(workbook, block, first.index);
    if (parsed.size >= KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(block, names);
  }
  return names;
}
