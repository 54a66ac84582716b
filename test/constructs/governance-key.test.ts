/**
 * Every aws_kms_key of every synthesized stack is kept like a log key: rotated, a 30-day
 * deletion window, never destroyed by Terraform, and (simulated) only break-glass can
 * disable it or schedule its deletion, never with a waiting period under 30 days; the
 * deployment role and an account admin whose IAM policies allow everything cannot. No key
 * policy delegates kms:* to the account.
 */
import { loadConfig } from '../../config/load';
import { KEY_DELETION_WINDOW_DAYS } from '../../policies/keys/key-administration';
import type { PolicyDocument } from '../../policies/document';
import { simulate } from '../support/simulate';
import { policyAttribute, resourcesOfType, synthAllStacks, type SynthesizedStack } from '../support/synth';

const config = loadConfig('config/baseline.yaml');
/** The example's break-glass role, on its reserved path. */
const BREAK_GLASS = 'bedrock-gov-break-glass/BreakGlassAdmin';

/** The account a synthesized stack deploys into: the one its providers are allowed to touch. */
function accountOf(stack: SynthesizedStack): string {
  const providers = (stack.json as { provider?: { aws?: Array<{ allowed_account_ids?: string[] }> } }).provider?.aws ?? [];
  const accounts = [...new Set(providers.flatMap((provider) => provider.allowed_account_ids ?? []))];
  if (accounts.length !== 1) throw new Error(`expected one account, got ${accounts.join(', ')}`);
  return accounts[0]!;
}

const keys = [...synthAllStacks(config)].flatMap(([stackName, stack]) =>
  Object.entries(resourcesOfType(stack, 'aws_kms_key')).map(([id, key]) => [`${stackName}: ${id}`, accountOf(stack), key] as const),
);

test('every stack with an encrypted resource has its keys here', () => {
  expect(keys.length).toBeGreaterThanOrEqual(4 + 2 * config.workloadAccounts.length);
});

test.each(keys)('%s rotates, waits 30 days and is never destroyed by Terraform', (_name, _account, key) => {
  expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: KEY_DELETION_WINDOW_DAYS, lifecycle: { prevent_destroy: true } });
});

test.each(keys)('%s: only break-glass disables or deletes it', async (_name, account, key) => {
  const policy: PolicyDocument = policyAttribute(key, 'policy');
  const keyArn = `arn:aws:kms:${config.organization.homeRegion}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const as = (role: string, action: string) =>
    simulate({ resourcePolicy: policy }, { principal: `arn:aws:iam::${account}:role/${role}`, action, resource: keyArn, resourceAccount: account });
  for (const action of ['kms:ScheduleKeyDeletion', 'kms:DisableKey']) {
    expect({ action, deployer: await as(config.governance.deploymentRoleName, action) }).toEqual({ action, deployer: 'ImplicitlyDenied' });
    expect({ action, admin: await as('AccountAdmin', action) }).toEqual({ action, admin: 'ImplicitlyDenied' });
    expect({ action, breakGlass: await as(BREAK_GLASS, action) }).toEqual({ action, breakGlass: 'Allowed' });
  }
  const schedule = (role: string, days: string) =>
    simulate(
      { resourcePolicy: policy },
      {
        principal: role,
        action: 'kms:ScheduleKeyDeletion',
        resource: keyArn,
        resourceAccount: account,
        context: { 'kms:ScheduleKeyDeletionPendingWindowInDays': days },
      },
    );
  expect(await schedule(`arn:aws:iam::${account}:role/${BREAK_GLASS}`, '7')).toBe('ExplicitlyDenied');
  expect(await schedule(`arn:aws:iam::${account}:root`, '29')).toBe('ExplicitlyDenied');
  expect(await schedule(`arn:aws:iam::${account}:role/${BREAK_GLASS}`, '30')).toBe('Allowed');
  expect(JSON.stringify(policy)).not.toContain('"kms:*"');
});
