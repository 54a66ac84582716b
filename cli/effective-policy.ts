/**
 * Whether the organization guardrail really reaches each governed account: the account's
 * effective BEDROCK_POLICY (Organizations merges every policy attached from the root down)
 * must name a published version of a management-account guardrail in every region the
 * config enforces one in. An inheritance operator higher up, a detached policy or a policy
 * type disabled on the root all show here and nowhere else.
 *
 * One DescribeEffectivePolicy per account, a few in flight at once, with the client's
 * adaptive retry; an account whose call fails is reported as unverified, and never stops
 * the others.
 */
import { DescribeEffectivePolicyCommand, EffectivePolicyType, type OrganizationsClient } from '@aws-sdk/client-organizations';
import type { BaselineConfig } from '../config/schema';
import { enforcedOrganizationGuardrail, organizationGuardrailRegions } from '../guardrails/spec';
import { organizationGuardrailIdentifierProblems } from '../policies/bedrock-policy';
import { awsErrorName, mapBounded } from './aws';
import { orgCall } from './organizations';

/** Effective-policy reads in flight at once: enough to hide latency, few enough not to provoke throttling. */
export const EFFECTIVE_POLICY_CONCURRENCY = 4;

/** What an account's effective BEDROCK_POLICY must contain. */
export interface GuardrailExpectation {
  /** Regions that must each have a guardrail entry. */
  readonly regions: readonly string[];
  /** The management account, which must own every guardrail. */
  readonly managementAccountId: string;
  /** Region -> the exact `<guardrail ARN>:<version>` the config adopts, where it names one. */
  readonly identifiers: Readonly<Record<string, string>>;
}

/** The expectation of `config`; undefined when the config enforces no organization guardrail. */
export function guardrailExpectation(config: BaselineConfig): GuardrailExpectation | undefined {
  const orgGuardrail = enforcedOrganizationGuardrail(config);
  if (!orgGuardrail) return undefined;
  return {
    regions: organizationGuardrailRegions(config),
    managementAccountId: config.organization.managementAccountId,
    identifiers: orgGuardrail.identifiers,
  };
}

export type EffectivePolicyOutcome =
  | { readonly accountId: string; readonly status: 'enforced' }
  /** Read, and without the guardrail in some region: `problems` says what is missing or wrong. */
  | { readonly accountId: string; readonly status: 'missing'; readonly problems: readonly string[] }
  /** Not read: `error` is the one-line reason. */
  | { readonly accountId: string; readonly status: 'unverified'; readonly error: string };

type Json = Readonly<Record<string, unknown>>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A leaf as the effective policy shows it: the value itself, or still wrapped in `@@assign`. */
function leaf(value: unknown): unknown {
  return isObject(value) && '@@assign' in value ? value['@@assign'] : value;
}

/** Why the effective policy `content` does not enforce the expected guardrail; empty when it does. */
export function effectiveGuardrailProblems(content: string | undefined, expectation: GuardrailExpectation): string[] {
  let document: unknown;
  try {
    document = JSON.parse(content ?? '');
  } catch {
    return ['the effective BEDROCK_POLICY is not JSON'];
  }
  const bedrock = isObject(document) ? document.bedrock : undefined;
  const inference = isObject(bedrock) ? bedrock.guardrail_inference : undefined;
  return expectation.regions.flatMap((region) => {
    const entries = isObject(inference) ? inference[region] : undefined;
    const identifiers = isObject(entries)
      ? Object.values(entries).flatMap((entry) => {
          const identifier = isObject(entry) ? leaf(entry.identifier) : undefined;
          return typeof identifier === 'string' ? [identifier] : [];
        })
      : [];
    if (identifiers.length === 0) return [`no guardrail in ${region}`];
    const adopted = expectation.identifiers[region];
    // One check per identifier: an empty list makes it valid, and the first one's list explains why none is.
    const problems = identifiers.map((identifier) => organizationGuardrailIdentifierProblems(identifier, region, expectation.managementAccountId));
    const valid = identifiers.filter((_, index) => problems[index]!.length === 0);
    if (adopted !== undefined && !valid.includes(adopted)) return [`${region}: ${identifiers.join(', ')} instead of ${adopted}`];
    if (valid.length === 0) return [`${region}: ${problems[0]!.join('; ')}`];
    return [];
  });
}

/** Reads and judges the effective BEDROCK_POLICY of one account; never throws. */
async function outcomeFor(client: OrganizationsClient, accountId: string, expectation: GuardrailExpectation): Promise<EffectivePolicyOutcome> {
  try {
    const { EffectivePolicy: policy } = await orgCall(
      'DescribeEffectivePolicy',
      () => client.send(new DescribeEffectivePolicyCommand({ PolicyType: EffectivePolicyType.BEDROCK_POLICY, TargetId: accountId })),
      ['EffectivePolicyNotFoundException'],
    );
    const problems = effectiveGuardrailProblems(policy?.PolicyContent, expectation);
    return problems.length === 0 ? { accountId, status: 'enforced' } : { accountId, status: 'missing', problems };
  } catch (error) {
    if (awsErrorName(error) === 'EffectivePolicyNotFoundException')
      return { accountId, status: 'missing', problems: ['no BEDROCK_POLICY applies to the account'] };
    return { accountId, status: 'unverified', error: (error as Error).message };
  }
}

/** The outcome for each of `accountIds`, in their order; `onDone` reports progress. */
export async function checkEffectiveGuardrails(
  client: OrganizationsClient,
  accountIds: readonly string[],
  expectation: GuardrailExpectation,
  onDone?: (done: number, total: number) => void,
): Promise<EffectivePolicyOutcome[]> {
  return mapBounded(
    accountIds,
    EFFECTIVE_POLICY_CONCURRENCY,
    (accountId) => outcomeFor(client, accountId, expectation),
    (done) => onDone?.(done, accountIds.length),
  );
}

/** The command that shows what an account receives, for fixes and reports. */
export function describeEffectivePolicyCommand(accountId: string): string {
  return `aws organizations describe-effective-policy --policy-type ${EffectivePolicyType.BEDROCK_POLICY} --target-id ${accountId}`;
}
