/**
 * A strict parser and matcher for the subset of CloudWatch Logs JSON filter pattern
 * syntax the baseline's metric filters use. There is no offline AWS oracle for filter
 * patterns (TestMetricFilter needs an account), so this is the test's model of the
 * documented syntax, and it is deliberately stricter than the service:
 *
 * - only `{ ... }` JSON patterns; selectors `$.a.b` and `$.a[0].b`;
 * - `=` / `!=` on strings (double-quoted, or a bare token), `*` as a wildcard for any run of
 *   characters; `=`, `!=`, `<`, `<=`, `>`, `>=` on numbers; `IS NULL`, `IS TRUE`,
 *   `IS FALSE`, `NOT EXISTS`;
 * - `&&` and `||` may not be mixed without parentheses (the service has a precedence, a
 *   reader should not need to know it);
 * - a comparison on a field the event does not have is false, for `!=` too, so a pattern
 *   that only works if the service treats a missing field as "not equal" fails here;
 * - no escapes inside quoted strings, no regular expressions, no text patterns.
 */

export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly items: readonly FilterNode[] }
  | { readonly kind: 'compare'; readonly path: readonly (string | number)[]; readonly op: ComparisonOperator; readonly value: FilterValue }
  | { readonly kind: 'is'; readonly path: readonly (string | number)[]; readonly what: 'NULL' | 'TRUE' | 'FALSE' }
  | { readonly kind: 'notExists'; readonly path: readonly (string | number)[] };

type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
type FilterValue = { readonly type: 'string'; readonly text: string } | { readonly type: 'number'; readonly value: number };

export class FilterPatternSyntaxError extends Error {
  constructor(message: string, pattern: string, position: number) {
    super(`${message} at ${position}: ${pattern.slice(0, position)}⟨here⟩${pattern.slice(position)}`);
    this.name = 'FilterPatternSyntaxError';
  }
}

type Token =
  | { readonly type: 'punct'; readonly text: '{' | '}' | '(' | ')' | '&&' | '||'; readonly at: number }
  | { readonly type: 'op'; readonly text: ComparisonOperator; readonly at: number }
  | { readonly type: 'selector'; readonly path: (string | number)[]; readonly at: number }
  | { readonly type: 'string'; readonly text: string; readonly at: number }
  | { readonly type: 'word'; readonly text: string; readonly at: number };

/** CloudWatch's limit on a metric filter pattern. */
export const FILTER_PATTERN_MAX_LENGTH = 1024;

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new FilterPatternSyntaxError(message, pattern, at);
  };
  while (i < pattern.length) {
    const rest = pattern.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const punct = /^(&&|\|\||[{}()])/.exec(rest);
    if (punct) {
      tokens.push({ type: 'punct', text: punct[1] as '{', at: i });
      i += punct[1]!.length;
      continue;
    }
    const op = /^(!=|<=|>=|=|<|>)/.exec(rest);
    if (op) {
      tokens.push({ type: 'op', text: op[1] as ComparisonOperator, at: i });
      i += op[1]!.length;
      continue;
    }
    if (rest.startsWith('$')) {
      const selector = /^\$((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+)/.exec(rest);
      if (!selector) fail('malformed selector');
      const path = [...selector![1]!.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
      tokens.push({ type: 'selector', path, at: i });
      i += selector![0].length;
      continue;
    }
    if (rest.startsWith('"')) {
      const end = pattern.indexOf('"', i + 1);
      if (end < 0) fail('unterminated string');
      const text = pattern.slice(i + 1, end);
      if (text.includes('\\')) fail('escapes are not supported in strings', i + 1 + text.indexOf('\\'));
      tokens.push({ type: 'string', text, at: i });
      i = end + 1;
      continue;
    }
    const word = /^[^\s(){}"&|=<>!$]+/.exec(rest);
    if (!word) fail(`unexpected character ${JSON.stringify(rest[0])}`);
    tokens.push({ type: 'word', text: word![0], at: i });
    i += word![0].length;
  }
  return tokens;
}

/** Parses a JSON filter pattern; throws FilterPatternSyntaxError naming the position. */
export function parseFilterPattern(pattern: string): FilterNode {
  if (pattern.length > FILTER_PATTERN_MAX_LENGTH)
    throw new FilterPatternSyntaxError(`longer than ${FILTER_PATTERN_MAX_LENGTH} characters`, pattern, FILTER_PATTERN_MAX_LENGTH);
  const tokens = tokenize(pattern);
  let position = 0;
  const peek = () => tokens[position];
  const at = () => peek()?.at ?? pattern.length;
  const fail = (message: string): never => {
    throw new FilterPatternSyntaxError(message, pattern, at());
  };
  const expectPunct = (text: string) => {
    const token = peek();
    if (token?.type !== 'punct' || token.text !== text) fail(`expected ${text}`);
    position++;
  };
  const word = (text: string) => {
    const token = peek();
    if (token?.type !== 'word' || token.text !== text) fail(`expected ${text}`);
    position++;
  };

  const comparison = (): FilterNode => {
    const selector = peek();
    if (selector?.type !== 'selector') return fail('expected a selector such as $.eventName');
    position++;
    const next = peek();
    if (next?.type === 'word' && next.text === 'IS') {
      position++;
      const what = peek();
      if (what?.type !== 'word' || !['NULL', 'TRUE', 'FALSE'].includes(what.text)) return fail('expected NULL, TRUE or FALSE');
      position++;
      return { kind: 'is', path: selector.path, what: what.text as 'NULL' };
    }
    if (next?.type === 'word' && next.text === 'NOT') {
      position++;
      word('EXISTS');
      return { kind: 'notExists', path: selector.path };
    }
    if (next?.type !== 'op') return fail('expected a comparison operator');
    position++;
    const raw = peek();
    if (raw?.type !== 'string' && raw?.type !== 'word') return fail('expected a value');
    position++;
    const numeric = raw.type === 'word' && /^-?\d+(\.\d+)?$/.test(raw.text);
    if (['<', '<=', '>', '>='].includes(next.text) && !numeric) return fail(`${next.text} needs a number`);
    if (raw.type === 'word' && ['IS', 'NOT', 'EXISTS', 'NULL', 'TRUE', 'FALSE'].includes(raw.text))
      return fail(`${raw.text} is a keyword, not a value`);
    return {
      kind: 'compare',
      path: selector.path,
      op: next.text,
      value: numeric ? { type: 'number', value: Number(raw.text) } : { type: 'string', text: raw.text },
    };
  };

  const term = (): FilterNode => {
    const token = peek();
    if (token?.type === 'punct' && token.text === '(') {
      position++;
      const inner = expression();
      expectPunct(')');
      return inner;
    }
    return comparison();
  };

  const expression = (): FilterNode => {
    const items = [term()];
    let joiner: '&&' | '||' | undefined;
    for (let token = peek(); token?.type === 'punct' && (token.text === '&&' || token.text === '||'); token = peek()) {
      if (joiner && token.text !== joiner) fail('&& and || mixed without parentheses');
      joiner = token.text;
      position++;
      items.push(term());
    }
    return items.length === 1 ? items[0]! : { kind: joiner === '&&' ? 'and' : 'or', items };
  };

  expectPunct('{');
  const root = expression();
  expectPunct('}');
  if (position < tokens.length) fail('unexpected text after the closing brace');
  return root;
}

const MISSING = Symbol('missing');

function resolve(record: unknown, path: readonly (string | number)[]): unknown {
  let current: unknown = record;
  for (const part of path) {
    if (typeof part === 'number') {
      if (!Array.isArray(current) || part >= current.length) return MISSING;
      current = current[part];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, part))
        return MISSING;
      current = (current as Record<string, unknown>)[part];
    }
  }
  return current;
}

function globMatches(glob: string, text: string): boolean {
  const pattern = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 's').test(text);
}

function compare(field: unknown, op: ComparisonOperator, value: FilterValue): boolean {
  if (value.type === 'number') {
    if (typeof field !== 'number') return false;
    switch (op) {
      case '=':
        return field === value.value;
      case '!=':
        return field !== value.value;
      case '<':
        return field < value.value;
      case '<=':
        return field <= value.value;
      case '>':
        return field > value.value;
      case '>=':
        return field >= value.value;
    }
  }
  if (typeof field !== 'string') return false;
  const equal = globMatches(value.text, field);
  return op === '=' ? equal : !equal;
}

/** Whether one log event (a CloudTrail record) matches the parsed pattern. */
export function matchesFilter(node: FilterNode, record: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.every((item) => matchesFilter(item, record));
    case 'or':
      return node.items.some((item) => matchesFilter(item, record));
    case 'notExists':
      return resolve(record, node.path) === MISSING;
    case 'is': {
      const field = resolve(record, node.path);
      return node.what === 'NULL' ? field === null : field === (node.what === 'TRUE');
    }
    case 'compare': {
      const field = resolve(record, node.path);
      return field !== MISSING && compare(field, node.op, node.value);
    }
  }
}

/** Parse and match in one step. */
export function matchesFilterPattern(pattern: string, record: unknown): boolean {
  return matchesFilter(parseFilterPattern(pattern), record);
}
