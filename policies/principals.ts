/**
 * Who the baseline's deny statements leave alone. Kept in one place so every SCP
 * treats break-glass and the deployment role the same way.
 */
import { roleArn } from '../naming/arns';
import type { ConditionBlock } from './document';

/** Condition that makes a Deny skip the given principal ARN patterns (none: applies to all). */
export function unlessPrincipalIn(patterns: readonly string[]): ConditionBlock {
  return patterns.length === 0 ? {} : { ArnNotLike: { 'aws:PrincipalArn': [...patterns] } };
}

/** Merges condition blocks (all must hold). The same operator and key twice is a bug: IAM would keep one. */
export function allOf(...blocks: ConditionBlock[]): ConditionBlock {
  const merged: Record<string, Record<string, string | readonly string[]>> = {};
  for (const block of blocks) {
    for (const [operator, entries] of Object.entries(block)) {
      const target = (merged[operator] ??= {});
      for (const [key, value] of Object.entries(entries)) {
        if (key in target) throw new Error(`condition ${operator} on ${key} given twice`);
        target[key] = value;
      }
    }
  }
  return merged;
}

/** The deployment role of one account, as the stacks assume it. */
export function deploymentRoleIn(accountId: string, deploymentRoleName: string): string {
  return roleArn(accountId, deploymentRoleName);
}

/** Who may administer a resource of `accountId`: its deployment role, then the break-glass patterns. */
export function administratorsOf(accountId: string, governance: { readonly deploymentRoleName: string; readonly breakGlassRoleArns: readonly string[] }): string[] {
  return [deploymentRoleIn(accountId, governance.deploymentRoleName), ...governance.breakGlassRoleArns];
}
