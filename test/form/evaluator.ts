/**
 * A small evaluator for the formula subset the forms use, following Excel's documented semantics
 * (blank = 0 or "", "=" on text ignores case, inline arrays compare element-wise inside OR, ROUND
 * rounds half away from zero on the 15-digit decimal value). It lets unit tests run a plan's formulas
 * for thousands of random entries in-process; the LibreOffice test is the check against a real
 * spreadsheet. Anything outside the subset throws, so a new function cannot slip in untested.
 */
import { parseA1 } from '../../src/sheet/a1';

type Scalar = number | string | boolean | null;
type Value = Scalar | Scalar[];
type Node =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'ref'; row: number; col: number }
  | { k: 'range'; r1: number; c1: number; r2: number; c2: number }
  | { k: 'arr'; items: Scalar[] }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'neg'; a: Node };

function tokenize(src: string): string[] {
  const tokens: string[] = [];
  const re =
    /\s*("(?:[^"]|"")*"|\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?(?![A-Za-z_(])|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z_][A-Za-z0-9_.]*|<>|<=|>=|[-+*/^&=<>(),{};:])/y;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < src.length) {
    re.lastIndex = pos;
    m = re.exec(src);
    if (!m) {
      if (/^\s*$/.test(src.slice(pos))) break;
      throw new Error(`cannot read formula at ${pos}: ${src.slice(pos, pos + 20)}`);
    }
    tokens.push(m[1]);
    pos = re.lastIndex;
  }
  return tokens;
}

function parse(src: string): Node {
  const t = tokenize(src.replace(/^=/, ''));
  let i = 0;
  const peek = () => t[i];
  const eat = (s?: string) => {
    const x = t[i++];
    if (s !== undefined && x !== s) throw new Error(`expected ${s}, got ${x} in ${src}`);
    return x;
  };
  const literal = (): Scalar => {
    const x = eat();
    if (x === '-') return -Number(eat());
    if (x.startsWith('"')) return x.slice(1, -1).replace(/""/g, '"');
    if (/^\d/.test(x)) return Number(x);
    if (x === 'TRUE' || x === 'FALSE') return x === 'TRUE';
    throw new Error(`bad array item ${x}`);
  };
  const primary = (): Node => {
    const x = eat();
    if (x === '(') {
      const e = comparison();
      eat(')');
      return e;
    }
    if (x === '-') return { k: 'neg', a: primary() };
    if (x === '+') return primary();
    if (x === '{') {
      const items = [literal()];
      while (peek() === ',' || peek() === ';') {
        eat();
        items.push(literal());
      }
      eat('}');
      return { k: 'arr', items };
    }
    if (x.startsWith('"')) return { k: 'str', v: x.slice(1, -1).replace(/""/g, '"') };
    if (/^\d/.test(x)) return { k: 'num', v: Number(x) };
    if (x === 'TRUE' || x === 'FALSE') return { k: 'bool', v: x === 'TRUE' };
    if (/^\$?[A-Z]{1,3}\$?\d+/.test(x) && peek() !== '(') {
      const [a, b] = x.split(':');
      const p = parseA1(a)!;
      if (!b) return { k: 'ref', row: p.row, col: p.col };
      const q = parseA1(b)!;
      return { k: 'range', r1: p.row, c1: p.col, r2: q.row, c2: q.col };
    }
    if (/^[A-Z]/.test(x) && peek() === '(') {
      eat('(');
      const args: Node[] = [];
      if (peek() !== ')') {
        args.push(comparison());
        while (peek() === ',') {
          eat();
          args.push(comparison());
        }
      }
      eat(')');
      return { k: 'call', name: x, args };
    }
    throw new Error(`unexpected ${x} in ${src}`);
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let a = next();
    while (ops.includes(peek())) {
      const op = eat();
      a = { k: 'bin', op, a, b: next() };
    }
    return a;
  };
  const unary = (): Node => primary();
  const power = binary(unary, ['^']);
  const mul = binary(power, ['*', '/']);
  const add = binary(mul, ['+', '-']);
  const concat = binary(add, ['&']);
  const comparison = binary(concat, ['=', '<>', '<', '>', '<=', '>=']);
  const e = comparison();
  if (i !== t.length) throw new Error(`trailing ${t.slice(i).join(' ')} in ${src}`);
  return e;
}

/** ROUND: half away from zero on the 15-significant-digit decimal form of the value. */
export function excelRound(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  const [mantissa, exp] = Math.abs(x).toPrecision(15).split('e');
  const shifted = Number(`${mantissa}e${Number(exp ?? 0) + digits}`);
  const r = Number(`${Math.round(shifted)}e-${digits}`);
  return x < 0 ? -r : r;
}

const toNumber = (v: Scalar): number => {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new Error(`#VALUE! (${v})`);
  return n;
};
const toText = (v: Scalar): string =>
  v === null ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
const truthy = (v: Scalar): boolean => (typeof v === 'boolean' ? v : toNumber(v) !== 0);

function compare(op: string, a: Scalar, b: Scalar): boolean {
  // Blank compares as "" with text and as 0 with numbers; text and numbers are never equal.
  if (a === null) a = typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0;
  if (b === null) b = typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0;
  let c: number;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    c = x < y ? -1 : x > y ? 1 : 0;
  } else if (typeof a === typeof b)
    c = (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  else {
    const rank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
    c = rank(a) - rank(b);
  }
  switch (op) {
    case '=':
      return c === 0;
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    default:
      return c >= 0;
  }
}

export type Grid = Map<string, { value?: Scalar; formula?: string }>;

/**
 * Parsed formulas by text, shared by every sheet: the tests build thousands of sheets from the same few
 * hundred formulas, and a parsed formula is never changed (cell values live in each sheet).
 */
const parsed = new Map<string, Node>();

export class Sheet {
  private readonly cache = new Map<string, Scalar>();
  constructor(private readonly grid: Grid) {}

  static key(row: number, col: number) {
    return `${row},${col}`;
  }

  cell(row: number, col: number): Scalar {
    const k = Sheet.key(row, col);
    if (this.cache.has(k)) return this.cache.get(k)!;
    const c = this.grid.get(k);
    let v: Scalar = null;
    if (c?.formula !== undefined) {
      const r = this.evaluate(c.formula, row, col);
      v = Array.isArray(r) ? r[0] : r;
    } else if (c?.value !== undefined) v = c.value;
    this.cache.set(k, v);
    return v;
  }

  /** Evaluate a formula; `at` is its cell (conditional formats are written relative to their range's top-left). */
  evaluate(formula: string, row = 0, col = 0): Value {
    let node = parsed.get(formula);
    if (!node) parsed.set(formula, (node = parse(formula)));
    void row;
    void col;
    return this.ev(node);
  }

  private scalars(n: Node): Scalar[] {
    if (n.k === 'range') {
      const out: Scalar[] = [];
      for (let r = n.r1; r <= n.r2; r++) for (let c = n.c1; c <= n.c2; c++) out.push(this.cell(r, c));
      return out;
    }
    const v = this.ev(n);
    return Array.isArray(v) ? v : [v];
  }

  private ev(n: Node): Value {
    switch (n.k) {
      case 'num':
        return n.v;
      case 'str':
        return n.v;
      case 'bool':
        return n.v;
      case 'arr':
        return n.items;
      case 'ref':
        return this.cell(n.row, n.col);
      case 'range':
        throw new Error('a range outside a function');
      case 'neg': {
        const a = this.ev(n.a) as Scalar;
        return -toNumber(a);
      }
      case 'bin': {
        const a = this.ev(n.a);
        const b = this.ev(n.b);
        const apply = (x: Scalar, y: Scalar): Scalar => {
          switch (n.op) {
            case '+':
              return toNumber(x) + toNumber(y);
            case '-':
              return toNumber(x) - toNumber(y);
            case '*':
              return toNumber(x) * toNumber(y);
            case '/': {
              const d = toNumber(y);
              if (d === 0) throw new Error('#DIV/0!');
              return toNumber(x) / d;
            }
            case '^':
              return toNumber(x) ** toNumber(y);
            case '&':
              return toText(x) + toText(y);
            default:
              return compare(n.op, x, y);
          }
        };
        if (Array.isArray(a) || Array.isArray(b)) {
          const xs = Array.isArray(a) ? a : null;
          const ys = Array.isArray(b) ? b : null;
          const len = (xs ?? ys)!.length;
          return Array.from({ length: len }, (_, i) =>
            apply(xs ? xs[i] : (a as Scalar), ys ? ys[i] : (b as Scalar)),
          );
        }
        return apply(a, b);
      }
      case 'call':
        return this.call(n.name, n.args);
    }
  }

  private call(name: string, args: Node[]): Value {
    const one = (i: number) => {
      const v = this.ev(args[i]);
      return Array.isArray(v) ? v[0] : v;
    };
    const numbers = () =>
      args.flatMap((a) =>
        a.k === 'range' || a.k === 'arr'
          ? this.scalars(a).filter((v): v is number => typeof v === 'number')
          : [toNumber(one(args.indexOf(a)))],
      );
    switch (name) {
      case 'IF':
        return truthy(one(0)) ? (args[1] ? this.ev(args[1]) : true) : args[2] ? this.ev(args[2]) : false;
      case 'AND':
        return args.flatMap((a) => this.scalars(a)).every(truthy);
      case 'OR':
        return args.flatMap((a) => this.scalars(a)).some(truthy);
      case 'NOT':
        return !truthy(one(0));
      case 'MIN':
        return Math.min(...numbers());
      case 'MAX':
        return Math.max(...numbers());
      case 'SUM':
        return numbers().reduce((s, x) => s + x, 0);
      case 'ROUND':
        return excelRound(toNumber(one(0)), toNumber(one(1)));
      case 'INT':
        return Math.floor(toNumber(one(0)));
      case 'N': {
        const v = one(0);
        return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : 0;
      }
      case 'TRIM':
        // Only the ASCII space: Excel's and LibreOffice's TRIM keep tabs and non-breaking spaces.
        return toText(one(0)).replace(/ +/g, ' ').replace(/^ | $/g, '');
      case 'ISNUMBER':
        return typeof one(0) === 'number';
      case 'ISLOGICAL':
        return typeof one(0) === 'boolean';
      case 'ISNA': {
        try {
          one(0);
          return false;
        } catch (e) {
          if ((e as Error).message === '#N/A') return true;
          throw e;
        }
      }
      case 'MATCH': {
        const needle = one(0);
        const hay = this.scalars(args[1]);
        const i = hay.findIndex((h) => compare('=', needle, h));
        if (i < 0) throw new Error('#N/A');
        return i + 1;
      }
      default:
        throw new Error(`function ${name} is not in the forms' subset`);
    }
  }
}
