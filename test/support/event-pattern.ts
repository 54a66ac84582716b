/**
 * EventBridge event-pattern matching for the operators the baseline's patterns use, as the
 * EventBridge user guide ("Creating event patterns", "Content filtering") defines them: a
 * pattern's leaves are arrays of alternatives, each an exact value, `{ numeric: [op, n,
 * ...] }` or `{ prefix: s }`; every field of the pattern must match; an array in the event
 * matches when any of its elements does.
 */
type Json = unknown;

function leafMatches(alternative: Json, value: Json): boolean {
  if (alternative !== null && typeof alternative === 'object') {
    const operator = alternative as Record<string, Json>;
    if ('prefix' in operator) return typeof value === 'string' && value.startsWith(String(operator.prefix));
    if ('numeric' in operator) {
      if (typeof value !== 'number') return false;
      const terms = operator.numeric as Array<string | number>;
      for (let i = 0; i < terms.length; i += 2) {
        const [op, bound] = [terms[i], Number(terms[i + 1])];
        const ok =
          op === '>='
            ? value >= bound
            : op === '>'
              ? value > bound
              : op === '<='
                ? value <= bound
                : op === '<'
                  ? value < bound
                  : op === '='
                    ? value === bound
                    : false;
        if (!ok) return false;
      }
      return true;
    }
    throw new Error(`operator ${JSON.stringify(alternative)} is not supported here`);
  }
  return alternative === value;
}

export function matchesEventPattern(pattern: Json, event: Json): boolean {
  if (Array.isArray(pattern)) {
    const values = Array.isArray(event) ? event : [event];
    return values.some((value) => pattern.some((alternative) => leafMatches(alternative, value)));
  }
  if (pattern === null || typeof pattern !== 'object') throw new Error(`pattern leaves must be arrays, got ${JSON.stringify(pattern)}`);
  if (Array.isArray(event)) return event.some((element) => matchesEventPattern(pattern, element));
  if (event === null || typeof event !== 'object') return false;
  return Object.entries(pattern as Record<string, Json>).every(
    ([key, sub]) => key in (event as Record<string, Json>) && matchesEventPattern(sub, (event as Record<string, Json>)[key]),
  );
}
