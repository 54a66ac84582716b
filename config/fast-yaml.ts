/**
 * The fast path of config parsing. The `yaml` library, which the loader needs to point
 * at the line of every problem, takes about a second for a 5,000-account config; js-yaml
 * reads the same file in about a seventh of that. This module returns js-yaml's value
 * only where it is the value the `yaml` library would return, and otherwise declines,
 * so the loader's result never depends on which parser ran (test/config/fast-yaml.test.ts
 * compares the two on generated documents and mutated configs). Both parsers are pinned
 * to exact versions in package.json: that comparison holds for those versions only.
 */
import { CORE_SCHEMA, floatCoreTag, load, mapTag, NOT_RESOLVED, type ScalarTagDefinition } from 'js-yaml';

/** The YAML 1.2 core schema's float syntax (spec 10.3.2), without .inf and .nan. */
const CORE_FLOAT_DIGITS = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** Thrown from a resolver to make the fast path decline. */
class Declined extends Error {}

/**
 * A core scalar tag (null, bool, int, float) that declines where the parsers disagree:
 * on explicit tags (`!!float 1` is 1 to js-yaml, the string "1" to `yaml`) and on floats
 * too large for a double (a string to js-yaml, Infinity to `yaml`).
 */
function declineWhereParsersDiffer(tag: ScalarTagDefinition): ScalarTagDefinition {
  return {
    ...tag,
    resolve(source, isExplicit, tagName) {
      if (isExplicit) throw new Declined(`explicit ${tagName}`);
      const value = tag.resolve(source, isExplicit, tagName);
      if (value === NOT_RESOLVED && tag.tagName === floatCoreTag.tagName && CORE_FLOAT_DIGITS.test(source))
        throw new Declined(`float out of range: ${source}`);
      return value;
    },
  };
}

/** Mappings that decline a null key (`: v`, `~: v`), which js-yaml names "null" and `yaml` names "". */
const mapWithoutNullKeys = {
  ...mapTag,
  addPair: (container: Record<string, unknown>, key: unknown, value: unknown): string =>
    key === null ? 'null key' : mapTag.addPair(container, key, value),
};

const SCHEMA = CORE_SCHEMA.withTags(
  ...CORE_SCHEMA.tags.flatMap((tag) => (tag.nodeKind === 'scalar' && tag.implicit ? [declineWhereParsersDiffer(tag)] : [])),
  mapWithoutNullKeys,
);

/**
 * Syntax an ordinary config never needs and where the parsers disagree on malformed
 * input (found by fuzzing them against each other): the fast path leaves it to `yaml`.
 */
const EXOTIC_SYNTAX = [
  /^%/m, // a directive, e.g. `%YAML 1.1`, which switches `yaml` to another schema
  /\t/, // tabs: `yaml` rejects them as indentation where js-yaml reads on
  /^[ ]*(?:---|\.\.\.)/m, // document markers beyond a leading `---`, and indented look-alikes
  // Tags, anchors, and plain scalars that start with a reserved indicator, wherever a node
  // can start (so a comment like "# see `x`" stays on the fast path).
  /(?:^[ ]*|[:?,[{-][ ]*)[!&%@`]/m,
  /(?:^|\s)[|>][-+]?[1-9]/m, // block scalars with an explicit indentation indicator
  /[\u0085\u2028\u2029\ufeff]/, // NEL and the Unicode separators (line breaks in YAML 1.1 only), and byte-order marks
  /\r(?!\n)/, // a lone CR: a line break to js-yaml, an ordinary character to `yaml` (it could hide a list entry)
];

/** `yaml` refuses implicit keys over 1,024 characters, js-yaml does not: any line of 1,024 or more leaves the fast path. */
const LONGEST_FAST_LINE = 1023;

function hasLongLine(text: string): boolean {
  // indexOf rather than a regular expression: ten times faster over a 5,000-account file.
  for (let start = 0; start < text.length;) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    if (stop - start > LONGEST_FAST_LINE) return true;
    start = stop + 1;
  }
  return false;
}

/** Whether the fast path should leave `text` to `yaml`. */
function isExotic(text: string): boolean {
  const body = text.startsWith('---\n') ? text.slice(4) : text;
  return EXOTIC_SYNTAX.some((pattern) => pattern.test(body)) || hasLongLine(body);
}

/**
 * The document's value when it is a mapping, as every config is; undefined when the fast
 * path declines: on any error (syntax, duplicate key, several documents), on any anchor
 * or alias, whose expansion the loader bounds on the `yaml` path, on exotic syntax, and
 * on documents that are not a mapping (where the parsers disagree about top-level block
 * scalars). The loader then parses with `yaml`.
 */
export function parseYamlFast(text: string): { readonly value: Record<string, unknown> } | undefined {
  if (isExotic(text)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: SCHEMA, maxAliases: 0 });
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { value: value as Record<string, unknown> } : undefined;
}
