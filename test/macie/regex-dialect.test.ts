/** The check that keeps regexes Macie would refuse out of the config. */
import fc from 'fast-check';
import { MACIE_REGEX_MAX_LENGTH, macieRegexProblems } from '../../macie/regex-dialect';

describe('macieRegexProblems', () => {
  it.each([
    String.raw`excorp_(?:live|test)_[A-Za-z0-9]{32}`,
    String.raw`\(not a group\)[()]+`,
    String.raw`[(?=]x`,
    String.raw`\bEMP-\d{6}\b`,
    String.raw`^-----BEGIN [A-Z ]+-----$`,
  ])('accepts %s', (pattern) => {
    expect(macieRegexProblems(pattern)).toEqual([]);
  });

  it.each([
    ['capturing groups', String.raw`(live|test)_key`],
    ['look-ahead', String.raw`key(?=[0-9])`],
    ['negative look-ahead', String.raw`key(?![0-9])x`],
    ['look-behind', String.raw`(?<=id:)\d+`],
    ['negative look-behind', String.raw`(?<!x)\d+`],
    ['named capturing groups', String.raw`(?<id>\d+)`],
    ['backreference \\1', String.raw`(?:a)\1`],
    ['named backreferences', String.raw`(?:a)\k<id>`],
    ['inline flags', String.raw`(?i)secret`],
    ['conditional patterns', String.raw`(?(?=a)b|c)`],
    ['recursive patterns', String.raw`(?:a|(?R))`],
    ['does not compile', String.raw`[a-z`],
    ['matches the empty string', String.raw`x*`],
    ['is empty', ''],
    [`at most ${MACIE_REGEX_MAX_LENGTH}`, 'a'.repeat(MACIE_REGEX_MAX_LENGTH + 1)],
  ])('refuses a pattern: %s', (problem, pattern) => {
    const problems = macieRegexProblems(pattern);
    expect(problems.some((text) => text.includes(problem))).toBe(true);
  });

  it('names each kind of problem once', () => {
    expect(macieRegexProblems(String.raw`(a)(b)(c)`)).toEqual(['capturing groups (...) are not supported by Macie; use (?:...)']);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (pattern) => {
        expect(Array.isArray(macieRegexProblems(pattern))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every pattern built only from literal text, classes and non-capturing groups', () => {
    const atom = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/), fc.constantFrom(String.raw`\d`, String.raw`\w`, '[A-F0-9]', '[^/]'));
    const piece = fc.oneof(
      atom,
      fc.array(atom, { minLength: 1, maxLength: 3 }).map((atoms) => `(?:${atoms.join('|')})`),
    );
    const pattern = fc
      .tuple(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.constantFrom('', '{2,4}', '+'))
      .map(([pieces, quantifier]) => `${pieces.join('')}x${quantifier}`);
    fc.assert(
      fc.property(pattern, (candidate) => {
        expect(macieRegexProblems(candidate)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
