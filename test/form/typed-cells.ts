/**
 * Cell values as people leave them in a form: numbers, numbers stored as text (Vietnamese decimals,
 * percentages, spaces and non-breaking spaces around them), blanks, whitespace, words, TRUE/FALSE,
 * values out of range. Used to check the sheet against the engine in the evaluator and in LibreOffice.
 */
import type { Annex } from '../../src/core/rulebook';
import { annexCriteria, ruleInputs, type InputSpec } from '../../src/core/rulebook';
import { criterionInputNames } from '../../src/form/names';
import type { Rng } from '../../src/samples/random';

type Cell = string | number | boolean | undefined;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const TEXT_NUMBERS = ['2', '2,5', ' 3 ', '\u00a04', '1.234', '0,5', '85%', '1\u00a0000', '-1', '7 '];
const NOT_NUMBERS = ['abc', 'mười', '\u00a0', '\t', '?', 'x'];
const BLANKS = [undefined, '', '   '];
const YES_NO = [
  'Có',
  'có',
  ' không ',
  'CÓ',
  'x',
  1,
  0,
  2,
  true,
  false,
  'có\u00a0',
  '\u00a0',
  'chưa',
  'có lẽ',
  '1',
  'Không',
];

function numberCell(r: () => number, spec: InputSpec): Cell {
  const top = spec.max ?? 20;
  const roll = r();
  if (roll < 0.35)
    return spec.kind === 'choice'
      ? pick(r, spec.choices ?? []).value
      : spec.kind === 'count'
        ? Math.floor(r() * 6)
        : Math.round(r() * top * 100) / 100;
  if (roll < 0.55) return pick(r, TEXT_NUMBERS);
  if (roll < 0.65) return pick(r, NOT_NUMBERS);
  if (roll < 0.8) return pick(r, BLANKS);
  if (roll < 0.85) return pick(r, [true, false]);
  return pick(r, [top + 1, top * 1.5, -1, 0, 2.5, 0.3]);
}

/** Random cell values by defined name for every input of the annex (the not-applicable answers too). */
export function typedCells(annex: Annex, random: Rng): Record<string, Cell> {
  const r = () => random.next();
  const cells: Record<string, Cell> = {};
  for (const { criterion } of annexCriteria(annex)) {
    const specs = ruleInputs(criterion);
    for (const { name, key } of criterionInputNames(criterion)) {
      if (key === 'na') {
        cells[name] = r() < 0.7 ? undefined : pick(r, ['Có', 'Không', 'x', '\u00a0', 'có lẽ', 1]);
        continue;
      }
      const spec = specs.find((s) => s.key === key)!;
      cells[name] =
        spec.kind === 'yesNo' ? (r() < 0.2 ? pick(r, BLANKS) : pick(r, YES_NO)) : numberCell(r, spec);
    }
  }
  return cells;
}
