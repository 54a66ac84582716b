/**
 * What changed between two policy documents, statement by statement (matched by Sid),
 * in the terms a security reviewer asks about: was a statement added or removed, and
 * does it now match more requests (widened) or fewer (narrowed)? For a Deny that means
 * "denies more" or "denies less"; for an Allow, "allows more" or "allows less".
 *
 * The comparison is on the policy text, value by value: an added action widens, an
 * added `StringNotEquals` value narrows, a new condition key narrows (one more thing
 * that must hold), `*` replaced by one ARN narrows (a wildcard covers what it
 * matches). Anything else that moves both ways, and operators whose values are not
 * alternatives (Null, Bool, numbers, dates), is reported as "changed" for a person to
 * judge.
 */
import { asList, type PolicyDocument, type PolicyStatement, type Principal } from '../../policies/document';

export type Direction = 'widened' | 'narrowed' | 'changed';

export interface ElementChange {
  /** Effect, Action, NotAction, Resource, NotResource, Principal, NotPrincipal, or `Condition <operator> <key>`. */
  readonly element: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly direction: Direction;
}

export interface StatementChange {
  /** The Sid, or `#<position>` for a statement without one. */
  readonly sid: string;
  readonly kind: 'added' | 'removed' | 'modified';
  /** Effect after the change (before it, for a removed statement). */
  readonly effect: string;
  /** For a modified statement: widened or narrowed when every element change agrees, else changed. */
  readonly direction: Direction | undefined;
  readonly changes: readonly ElementChange[];
  /** The statement, for an added or removed one. */
  readonly statement: PolicyStatement | undefined;
}

function principalValues(principal: Principal | undefined): string[] {
  if (principal === undefined) return [];
  if (principal === '*') return ['*'];
  return Object.entries(principal).flatMap(([kind, values]) => asList(values as string | readonly string[]).map((value) => `${kind}:${value}`));
}

/** `operator key` -> values, for every condition of a statement. */
function conditionEntries(statement: PolicyStatement): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    for (const [key, value] of Object.entries(keys)) entries.set(`${operator} ${key}`, asList(value));
  }
  return entries;
}

/** Whether more values in an operator's list make the condition true for more requests; undefined when that is not how it works. */
export function valuesWidenCondition(operator: string): boolean | undefined {
  const qualified = /^(ForAnyValue|ForAllValues):/.test(operator);
  const base = operator.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
  const alternatives = /^(String|Arn)/.test(base) || /IpAddress$/.test(base);
  if (!alternatives) return undefined;
  const negated = /Not/.test(base);
  if (negated && qualified) return undefined;
  return !negated;
}

/** How values of an element match: wildcard patterns (actions case-insensitively) or literal strings. */
type Matching = 'action-pattern' | 'pattern' | 'literal';

/** Whether the wildcard pattern matches everything `value` can stand for (`bedrock:*` covers `bedrock:Invoke*`). */
function covers(pattern: string, value: string, matching: Matching): boolean {
  if (matching === 'literal') return pattern === value;
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, matching === 'action-pattern' ? 'i' : '').test(value);
}

/** Whether the IAM action pattern (wildcards, case-insensitive) matches `action`. */
export const actionPatternMatches = (pattern: string, action: string): boolean => covers(pattern, action, 'action-pattern');

function setChange(
  element: string,
  before: readonly string[],
  after: readonly string[],
  moreMatchesMore: boolean | undefined,
  matching: Matching,
): ElementChange | undefined {
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  const added = [...afterSet].filter((value) => !beforeSet.has(value)).sort();
  const removed = [...beforeSet].filter((value) => !afterSet.has(value)).sort();
  if (added.length === 0 && removed.length === 0) return undefined;
  if (moreMatchesMore === undefined) return { element, added, removed, direction: 'changed' };
  // Values swapped for ones a wildcard covers (`*` -> one ARN) change the scope in one direction too.
  const grew = removed.length === 0 || (added.length > 0 && removed.every((value) => added.some((pattern) => covers(pattern, value, matching))));
  const shrank = added.length === 0 || (removed.length > 0 && added.every((value) => removed.some((pattern) => covers(pattern, value, matching))));
  if (grew === shrank) return { element, added, removed, direction: 'changed' };
  return { element, added, removed, direction: grew === moreMatchesMore ? 'widened' : 'narrowed' };
}

/** Element changes of one statement matched by Sid in both documents. */
export function statementElementChanges(before: PolicyStatement, after: PolicyStatement): ElementChange[] {
  const changes: Array<ElementChange | undefined> = [];
  if (before.Effect !== after.Effect) changes.push({ element: 'Effect', added: [after.Effect], removed: [before.Effect], direction: 'changed' });
  changes.push(
    setChange('Action', asList(before.Action), asList(after.Action), true, 'action-pattern'),
    setChange('NotAction', asList(before.NotAction), asList(after.NotAction), false, 'action-pattern'),
    setChange('Resource', asList(before.Resource), asList(after.Resource), true, 'pattern'),
    setChange('NotResource', asList(before.NotResource), asList(after.NotResource), false, 'pattern'),
    setChange('Principal', principalValues(before.Principal), principalValues(after.Principal), true, 'literal'),
    setChange('NotPrincipal', principalValues(before.NotPrincipal), principalValues(after.NotPrincipal), false, 'literal'),
  );
  const beforeConditions = conditionEntries(before);
  const afterConditions = conditionEntries(after);
  for (const entry of [...new Set([...beforeConditions.keys(), ...afterConditions.keys()])].sort()) {
    const element = `Condition ${entry}`;
    const was = beforeConditions.get(entry);
    const is = afterConditions.get(entry);
    if (was === undefined) changes.push({ element, added: is!, removed: [], direction: 'narrowed' });
    else if (is === undefined) changes.push({ element, added: [], removed: was, direction: 'widened' });
    else {
      const operator = entry.split(' ')[0]!;
      changes.push(setChange(element, was, is, valuesWidenCondition(operator), /Like(IfExists)?$/.test(operator) ? 'pattern' : 'literal'));
    }
  }
  return changes.filter((change): change is ElementChange => change !== undefined);
}

export function overallDirection(changes: readonly ElementChange[]): Direction {
  const directions = new Set(changes.map((change) => change.direction));
  return directions.size === 1 ? [...directions][0]! : 'changed';
}

/** What the direction means for a statement with this effect, in a reviewer's words. */
export function directionMeaning(direction: Direction, effect: string): string {
  if (direction === 'changed') return 'changed: review';
  const verb = effect === 'Deny' ? 'denies' : 'allows';
  return `${direction}: ${verb} ${direction === 'widened' ? 'more' : 'less'}`;
}

function keyedStatements(document: PolicyDocument | undefined): Map<string, PolicyStatement> {
  const keyed = new Map<string, PolicyStatement>();
  (document?.Statement ?? []).forEach((statement, index) => {
    let key = statement.Sid ?? `#${index + 1}`;
    for (let copy = 2; keyed.has(key); copy++) key = `${statement.Sid ?? `#${index + 1}`}#${copy}`;
    keyed.set(key, statement);
  });
  return keyed;
}

/** Statement changes between two documents; either may be undefined (policy added or removed). */
export function diffStatements(before: PolicyDocument | undefined, after: PolicyDocument | undefined): StatementChange[] {
  const was = keyedStatements(before);
  const is = keyedStatements(after);
  const changes: StatementChange[] = [];
  for (const sid of [...new Set([...was.keys(), ...is.keys()])].sort()) {
    const old = was.get(sid);
    const current = is.get(sid);
    if (old === undefined) {
      changes.push({ sid, kind: 'added', effect: current!.Effect, direction: undefined, changes: [], statement: current });
    } else if (current === undefined) {
      changes.push({ sid, kind: 'removed', effect: old.Effect, direction: undefined, changes: [], statement: old });
    } else {
      const elementChanges = statementElementChanges(old, current);
      if (elementChanges.length > 0) {
        changes.push({
          sid,
          kind: 'modified',
          effect: current.Effect,
          direction: overallDirection(elementChanges),
          changes: elementChanges,
          statement: undefined,
        });
      }
    }
  }
  return changes;
}
