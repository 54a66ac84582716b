/**
 * The harness's one-collator comparisons (simulate.ts) answer as the simulator's own
 * `localeCompare` calls do, on condition operators as written and in every case.
 */
import { caseInsensitiveComparisons } from './simulate';

const byLocaleCompare = (first: string, second: string) => first.localeCompare(second, undefined, { sensitivity: 'accent' }) === 0;

test('equals and ends-with agree with localeCompare on operators, set prefixes and suffixes in any case', () => {
  const { caseInsensitiveEquals, caseInsensitiveEndsWith } = caseInsensitiveComparisons();
  const words = [
    'StringEquals',
    'StringLike',
    'ArnNotLike',
    'BoolIfExists',
    'ForAllValues',
    'ForAnyValue',
    'IfExists',
    'Null',
    'é',
    'e',
    'ß',
    'ss',
    '',
  ];
  const variants = words.flatMap((word) => [word, word.toLowerCase(), word.toUpperCase(), `${word}IfExists`, `${word}ifexists`]);
  const disagreements: string[] = [];
  for (const first of variants)
    for (const second of variants) {
      if (caseInsensitiveEquals(first, second) !== byLocaleCompare(first, second)) disagreements.push(`equals(${first}, ${second})`);
      if (caseInsensitiveEndsWith(first, second) !== byLocaleCompare(first.slice(second.length * -1), second))
        disagreements.push(`endsWith(${first}, ${second})`);
    }
  expect(disagreements).toEqual([]);
  // The comparisons are the harness's own, not the library's.
  expect(caseInsensitiveEquals('IFEXISTS', 'IfExists')).toBe(true);
  expect(caseInsensitiveEquals.toString()).not.toContain('localeCompare');
});
