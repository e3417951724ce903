/**
 * A small OData `$filter` evaluator: eq/ne/gt/ge/lt/le, and/or/not, parentheses, startswith/endswith/contains,
 * string, number, boolean and null literals. String comparison ignores case (Graph directory and WMI-over-SQL both do).
 */
export type FilterPredicate = (read: (property: string) => unknown) => boolean;

export class FilterSyntaxError extends Error {}

type Token = { kind: 'ident' | 'string' | 'number' | 'punct'; value: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', value: ch });
      i += 1;
      continue;
    }
    if (ch === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= input.length) throw new FilterSyntaxError('Unterminated string literal');
        if (input[i] === "'" && input[i + 1] === "'") {
          value += "'";
          i += 2;
          continue;
        }
        if (input[i] === "'") {
          i += 1;
          break;
        }
        value += input[i];
        i += 1;
      }
      tokens.push({ kind: 'string', value });
      continue;
    }
    const word = /^[-\w./@]+/.exec(input.slice(i));
    if (!word) throw new FilterSyntaxError(`Unexpected character '${ch}'`);
    tokens.push({ kind: /^-?\d+(\.\d+)?$/.test(word[0]) ? 'number' : 'ident', value: word[0] });
    i += word[0].length;
  }
  return tokens;
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['startswith', 'endswith', 'contains']);
type Operand = (read: (property: string) => unknown) => unknown;

export function parseFilter(input: string): FilterPredicate {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const next = (): Token => {
    const token = tokens[pos];
    if (!token) throw new FilterSyntaxError('Unexpected end of filter');
    pos += 1;
    return token;
  };
  const expect = (value: string): void => {
    if (next().value !== value) throw new FilterSyntaxError(`Expected '${value}'`);
  };
  const isWord = (value: string): boolean => peek()?.kind === 'ident' && peek()?.value.toLowerCase() === value;

  const operand = (): Operand => {
    const token = next();
    if (token.kind === 'string') return () => token.value;
    if (token.kind === 'number') return () => Number(token.value);
    if (token.kind !== 'ident') throw new FilterSyntaxError(`Unexpected '${token.value}'`);
    const lower = token.value.toLowerCase();
    if (lower === 'true' || lower === 'false') return () => lower === 'true';
    if (lower === 'null') return () => null;
    return (read) => read(token.value);
  };

  const primary = (): FilterPredicate => {
    if (peek()?.value === '(') {
      next();
      const inner = orExpr();
      expect(')');
      return inner;
    }
    if (isWord('not')) {
      next();
      const inner = primary();
      return (read) => !inner(read);
    }
    const head = peek();
    if (head?.kind === 'ident' && FUNCTIONS.has(head.value.toLowerCase()) && tokens[pos + 1]?.value === '(') {
      const name = next().value.toLowerCase();
      expect('(');
      const left = operand();
      expect(',');
      const right = operand();
      expect(')');
      return (read) => stringFunction(name, left(read), right(read));
    }
    const left = operand();
    const op = next();
    if (!COMPARISONS.has(op.value.toLowerCase())) throw new FilterSyntaxError(`Unsupported operator '${op.value}'`);
    const right = operand();
    return (read) => compare(op.value.toLowerCase(), left(read), right(read));
  };

  const andExpr = (): FilterPredicate => {
    let left = primary();
    while (isWord('and')) {
      next();
      const a = left;
      const b = primary();
      left = (read) => a(read) && b(read);
    }
    return left;
  };

  const orExpr = (): FilterPredicate => {
    let left = andExpr();
    while (isWord('or')) {
      next();
      const a = left;
      const b = andExpr();
      left = (read) => a(read) || b(read);
    }
    return left;
  };

  const predicate = orExpr();
  if (pos !== tokens.length) throw new FilterSyntaxError(`Unexpected '${tokens[pos]?.value ?? ''}'`);
  return predicate;
}

function normalize(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function compare(op: string, leftRaw: unknown, rightRaw: unknown): boolean {
  const left = normalize(leftRaw);
  const right = normalize(rightRaw);
  if (op === 'eq') return left === right || (left == null && right == null);
  if (op === 'ne') return left !== right;
  if (typeof left !== typeof right || left == null || right == null) return false;
  const l = left as number | string;
  const r = right as number | string;
  return op === 'gt' ? l > r : op === 'ge' ? l >= r : op === 'lt' ? l < r : l <= r;
}

function stringFunction(name: string, haystack: unknown, needle: unknown): boolean {
  if (typeof haystack !== 'string' || typeof needle !== 'string') return false;
  const h = haystack.toLowerCase();
  const n = needle.toLowerCase();
  return name === 'startswith' ? h.startsWith(n) : name === 'endswith' ? h.endsWith(n) : h.includes(n);
}

/** Reads a property case-insensitively (OData clients are not always careful about case). */
export function readProperty(item: Readonly<Record<string, unknown>>): (property: string) => unknown {
  return (property) => {
    if (property in item) return item[property];
    const lower = property.toLowerCase();
    const key = Object.keys(item).find((k) => k.toLowerCase() === lower);
    return key === undefined ? undefined : item[key];
  };
}
