/**
 * The regular-expression dialect of Macie custom data identifiers: a subset of PCRE
 * without backreferences, capturing groups, conditionals, embedded code, global flags,
 * recursion or look-around, at most 512 characters (Macie user guide, "Configuration
 * options for custom data identifiers"). A pattern outside the subset fails at apply
 * time in CreateCustomDataIdentifier, so the config rejects it at load instead.
 *
 * The check compiles the pattern as a JavaScript RegExp (close to PCRE for the allowed
 * subset) and scans it for the constructs Macie refuses.
 */

/** Longest regex Macie accepts. */
export const MACIE_REGEX_MAX_LENGTH = 512;

/** Constructs inside `(?...)` and what to call them in a message. */
const GROUP_PREFIXES: ReadonlyArray<readonly [prefix: string, problem: string | undefined]> = [
  [':', undefined],
  ['=', 'look-ahead (?=...) is not supported by Macie'],
  ['!', 'negative look-ahead (?!...) is not supported by Macie'],
  ['<=', 'look-behind (?<=...) is not supported by Macie'],
  ['<!', 'negative look-behind (?<!...) is not supported by Macie'],
  ['<', 'named capturing groups (?<name>...) are not supported by Macie; use (?:...)'],
  ['P<', 'named capturing groups (?P<name>...) are not supported by Macie; use (?:...)'],
  ["'", "named capturing groups (?'name'...) are not supported by Macie; use (?:...)"],
  ['(', 'conditional patterns are not supported by Macie'],
  ['R', 'recursive patterns are not supported by Macie'],
  ['{', 'embedded code is not supported by Macie'],
];

function groupProblem(afterQuestionMark: string): string {
  for (const [prefix, problem] of GROUP_PREFIXES) {
    if (afterQuestionMark.startsWith(prefix)) return problem ?? '';
  }
  if (/^\d/.test(afterQuestionMark)) return 'recursive patterns are not supported by Macie';
  return 'inline flags and other (?...) constructs are not supported by Macie; only (?:...) groups are';
}

/** Constructs of `pattern` that Macie refuses, in order of appearance, each once. */
function unsupportedConstructs(pattern: string): string[] {
  const problems = new Set<string>();
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) problems.add(`backreference \\${next} is not supported by Macie`);
      if (!inClass && next === 'k' && pattern[i + 2] === '<') problems.add('named backreferences \\k<name> are not supported by Macie');
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
      continue;
    }
    if (char === '(') {
      if (pattern[i + 1] !== '?') {
        problems.add('capturing groups (...) are not supported by Macie; use (?:...)');
      } else {
        const problem = groupProblem(pattern.slice(i + 2));
        if (problem) problems.add(problem);
      }
    }
  }
  return [...problems];
}

/** Every reason Macie would refuse `pattern` as a custom data identifier regex; empty when it is usable. */
export function macieRegexProblems(pattern: string): string[] {
  const problems: string[] = [];
  if (pattern.length === 0) return ['is empty'];
  if (pattern.length > MACIE_REGEX_MAX_LENGTH) problems.push(`is ${pattern.length} characters; Macie accepts at most ${MACIE_REGEX_MAX_LENGTH}`);
  problems.push(...unsupportedConstructs(pattern));
  let compiled: RegExp | undefined;
  try {
    compiled = new RegExp(pattern);
  } catch (error) {
    problems.push(`does not compile: ${(error as Error).message}`);
  }
  // A pattern that matches the empty string matches at every position of every object.
  if (compiled?.test('')) problems.push('matches the empty string');
  return problems;
}
