/**
 * The inputs (Số liệu) each rule type asks for. Forms, validation and the pane all derive their input
 * cells from this one function, so a rule type's inputs are declared once.
 */
import type { Criterion } from './schema';

export type InputKind =
  /** a non-negative decimal */
  | 'number'
  /** a non-negative whole number */
  | 'count'
  /** a fraction 0..1, shown and typed as a percentage (85%) */
  | 'percent'
  /** yes (1) or no (0) */
  | 'yesNo'
  /** one value of a fixed list (levels) */
  | 'choice'
  /** points entered directly, 0..max */
  | 'points';

export interface InputSpec {
  key: string;
  kind: InputKind;
  /** Label shown beside the input; undefined → the generic label of the kind (see i18n). */
  label?: string;
  min: number;
  /** Upper bound, when the input has one (points, percent, choice). */
  max?: number;
  /** Allowed values for `choice`. */
  choices?: { value: number; label: string }[];
}

export function ruleInputs(c: Criterion): InputSpec[] {
  const r = c.rule;
  switch (r.type) {
    case 'manual':
      return [{ key: 'points', kind: 'points', min: 0, max: c.max }];
    case 'yesNo':
      return [{ key: 'value', kind: 'yesNo', label: r.question, min: 0, max: 1 }];
    case 'ratio':
      return r.mode === 'percent'
        ? [{ key: 'percent', kind: 'percent', label: r.numeratorLabel, min: 0, max: 1 }]
        : [
            { key: 'numerator', kind: 'number', label: r.numeratorLabel, min: 0 },
            { key: 'denominator', kind: 'number', label: r.denominatorLabel, min: 0 },
          ];
    case 'perItem':
      return [{ key: 'count', kind: 'count', label: r.itemLabel, min: 0 }];
    case 'steps':
      return [{ key: 'value', kind: 'number', label: r.valueLabel, min: 0 }];
    case 'bestOf':
      return r.alternatives.map((a) => ({
        key: a.key,
        kind: 'yesNo' as const,
        label: a.label,
        min: 0,
        max: 1,
      }));
    case 'sumOfParts':
      return r.parts.map((p) => ({
        key: p.key,
        kind: 'points' as const,
        label: p.label,
        min: 0,
        max: p.max,
      }));
    case 'deduction':
      return [{ key: 'count', kind: 'count', label: r.itemLabel, min: 0 }];
    case 'relativeToBest':
      return [{ key: 'value', kind: 'number', label: r.valueLabel, min: 0 }];
    case 'levelAverage': {
      const values = r.levels.map((l) => l.value);
      return r.parts.map((p) => ({
        key: p.key,
        kind: 'choice' as const,
        label: p.label,
        min: Math.min(...values),
        max: Math.max(...values),
        choices: r.levels.map((l) => ({ value: l.value, label: l.label })),
      }));
    }
  }
}
