/**
 * Builders for CloudWatch Logs JSON filter patterns. They only ever produce exact
 * string comparisons (a wildcard has to be asked for), parenthesize every group so `&&`
 * and `||` never rely on precedence, and refuse values a pattern cannot quote.
 */

/** A condition of a JSON filter pattern, e.g. `$.eventName = "CreateGuardrail"`. */
export type FilterCondition = string & { readonly __filterCondition: true };

const SELECTOR = /^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+$/;

function selector(path: string): string {
  if (!SELECTOR.test(path)) throw new Error(`"${path}" is not a filter pattern selector such as $.eventName`);
  return path;
}

function quoted(value: string, allowWildcard: boolean): string {
  if (value.length === 0 || /["\\]/.test(value))
    throw new Error(`filter pattern value ${JSON.stringify(value)} is empty or needs escaping, which patterns do not support`);
  if (!allowWildcard && value.includes('*')) throw new Error(`filter pattern value "${value}" contains *: use matching() for a wildcard`);
  return `"${value}"`;
}

const condition = (text: string) => text as FilterCondition;

/** `$.path = "value"`, exactly. */
export function equals(path: string, value: string): FilterCondition {
  return condition(`${selector(path)} = ${quoted(value, false)}`);
}

/** `$.path != "value"`. Only true when the field exists: guard with a field every event has. */
export function notEquals(path: string, value: string): FilterCondition {
  return condition(`${selector(path)} != ${quoted(value, false)}`);
}

/** `$.path = "glob*"`: `*` stands for any run of characters. */
export function matching(path: string, glob: string): FilterCondition {
  return condition(`${selector(path)} = ${quoted(glob, true)}`);
}

/** `$.path IS FALSE`: the boolean field is false (false when the field is missing). */
export function isFalse(path: string): FilterCondition {
  return condition(`${selector(path)} IS FALSE`);
}

/** `$.path NOT EXISTS`. */
export function notExists(path: string): FilterCondition {
  return condition(`${selector(path)} NOT EXISTS`);
}

function group(joiner: '&&' | '||', conditions: readonly FilterCondition[]): FilterCondition {
  if (conditions.length === 0) throw new Error('an empty group matches nothing sensible');
  return conditions.length === 1 ? conditions[0]! : condition(`(${conditions.join(` ${joiner} `)})`);
}

export function allOf(...conditions: FilterCondition[]): FilterCondition {
  return group('&&', conditions);
}

export function anyOf(...conditions: FilterCondition[]): FilterCondition {
  return group('||', conditions);
}

/** `$.path` equals one of `values`. */
export function oneOf(path: string, values: readonly string[]): FilterCondition {
  return anyOf(...values.map((value) => equals(path, value)));
}

/** The pattern text a metric filter takes. */
export function jsonFilterPattern(root: FilterCondition): string {
  return `{ ${root} }`;
}
