/**
 * The governance content of a synth, read from the stacks' Terraform JSON: the
 * organization policies and where they attach, who their conditions exempt, and per
 * workload account its OU, regions and guardrails. Pure; reading the folder is the
 * caller's job. Anything a stack does not (yet) contain is simply absent, so the
 * report works on any synth of this app.
 */
import { canonicalJson } from '../../naming/content-version';
import { ACCOUNT_OU_OUTPUT_NAME, accountIdOfStack } from '../../naming/stacks';
import { asList, fromTerraformString, type PolicyDocument, type PolicyStatement } from '../../policies/document';
import { detectiveCoverage, type DetectiveCoverage } from './detective-coverage';

type Attributes = Readonly<Record<string, unknown>>;

/** The parts of a cdk.tf.json the report reads. */
export interface TerraformJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Attributes>>>>;
  readonly provider?: Readonly<Record<string, ReadonlyArray<Attributes>>>;
  readonly output?: Readonly<Record<string, Attributes>>;
}

export interface OrganizationPolicy {
  readonly name: string;
  /** SERVICE_CONTROL_POLICY, TAG_POLICY, BEDROCK_POLICY, ... */
  readonly type: string;
  readonly description: string;
  /** The policy as deployed (IAM variables unescaped); a Terraform reference when not readable at synth. */
  readonly content: string;
  /** The parsed document of an SCP or RCP; undefined when the content is not an IAM policy. */
  readonly document: PolicyDocument | undefined;
  /** Targets (OU, account or root ids) it is attached to, sorted. */
  readonly targets: readonly string[];
}

export interface Guardrail {
  /** Construct id, stable across synths. */
  readonly id: string;
  readonly name: string;
  readonly region: string;
  /** Policy blocks it configures: content, topics, words, sensitive information, contextual grounding, ... */
  readonly policies: readonly string[];
  /** Descriptions of the published versions that pin it (the number is assigned at apply). */
  readonly versions: readonly string[];
  /** Its configuration, canonical JSON, to tell whether it changed. */
  readonly fingerprint: string;
}

export interface AccountBaseline {
  readonly stack: string;
  readonly accountId: string;
  /** The OU whose SCPs govern it, when the stack declares it (output `organizational_unit`). */
  readonly ou: string | undefined;
  readonly regions: readonly string[];
  readonly guardrails: readonly Guardrail[];
}

export interface GovernanceSnapshot {
  /** Every stack name, sorted. */
  readonly stacks: readonly string[];
  /** Organization policies of every type, by name. */
  readonly policies: readonly OrganizationPolicy[];
  /** Guardrails of stacks that are not workload-account baselines (e.g. the org-enforced one). */
  readonly organizationGuardrails: readonly Guardrail[];
  readonly accounts: readonly AccountBaseline[];
  /** What GuardDuty, Security Hub, the organization trail and Macie cover. */
  readonly detective: DetectiveCoverage;
}

const GUARDRAIL_POLICY_BLOCKS: ReadonlyArray<readonly [string, string]> = [
  ['content_policy_config', 'content filters'],
  ['topic_policy_config', 'denied topics'],
  ['word_policy_config', 'word filters'],
  ['sensitive_information_policy_config', 'sensitive information'],
  ['contextual_grounding_policy_config', 'contextual grounding'],
  ['automated_reasoning_policy_config', 'automated reasoning'],
  ['cross_region_config', 'cross-region profile'],
];

const resourcesOf = (stack: TerraformJson, type: string): Array<[string, Attributes]> =>
  Object.entries(stack.resource?.[type] ?? {}).sort(([a], [b]) => a.localeCompare(b));

/** Construct id inside `${<type>.<id>.<attribute>}`, or undefined for anything else. */
export function constructIdIn(value: unknown, type: string): string | undefined {
  const match = new RegExp(`^\\$\\{${type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.([^.}]+)\\.`).exec(String(value));
  return match?.[1];
}

function parsePolicyContent(content: unknown): { content: string; document: PolicyDocument | undefined } {
  const text = String(content ?? '');
  try {
    const parsed = fromTerraformString(text) as unknown as { Statement?: unknown };
    const unescaped = JSON.stringify(parsed);
    return { content: unescaped, document: Array.isArray(parsed.Statement) ? (parsed as PolicyDocument) : undefined };
  } catch {
    return { content: text, document: undefined };
  }
}

function organizationPolicies(stacks: ReadonlyMap<string, TerraformJson>): OrganizationPolicy[] {
  const policies: OrganizationPolicy[] = [];
  for (const stack of stacks.values()) {
    const targetsById = new Map<string, string[]>();
    for (const [, attachment] of resourcesOf(stack, 'aws_organizations_policy_attachment')) {
      const policyId = constructIdIn(attachment.policy_id, 'aws_organizations_policy');
      if (policyId) targetsById.set(policyId, [...(targetsById.get(policyId) ?? []), String(attachment.target_id)]);
    }
    for (const [id, policy] of resourcesOf(stack, 'aws_organizations_policy')) {
      policies.push({
        name: String(policy.name ?? id),
        type: String(policy.type ?? 'SERVICE_CONTROL_POLICY'),
        description: String(policy.description ?? ''),
        ...parsePolicyContent(policy.content),
        targets: [...(targetsById.get(id) ?? [])].sort(),
      });
    }
  }
  return policies.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}

/** Region of each provider alias of a stack; '' is the default provider. */
function providerRegions(stack: TerraformJson): Map<string, string> {
  const regions = new Map<string, string>();
  for (const provider of stack.provider?.aws ?? []) regions.set(provider.alias ? `aws.${String(provider.alias)}` : '', String(provider.region ?? ''));
  return regions;
}

function guardrailsOf(stack: TerraformJson): Guardrail[] {
  const regions = providerRegions(stack);
  const versions = new Map<string, string[]>();
  for (const [id, version] of resourcesOf(stack, 'aws_bedrock_guardrail_version')) {
    const guardrail = constructIdIn(version.guardrail_arn, 'aws_bedrock_guardrail');
    if (guardrail) versions.set(guardrail, [...(versions.get(guardrail) ?? []), String(version.description ?? id)]);
  }
  return resourcesOf(stack, 'aws_bedrock_guardrail').map(([id, guardrail]) => {
    // cdktf's construct metadata ("//") is no argument of the guardrail.
    const { '//': _metadata, ...guardrailArguments } = guardrail;
    return {
      id,
      name: String(guardrail.name ?? id),
      region: regions.get(String(guardrail.provider ?? '').replace(/^\$\{(.*)\}$/, '$1')) ?? regions.get('') ?? '',
      policies: GUARDRAIL_POLICY_BLOCKS.filter(([block]) => guardrail[block] !== undefined).map(([, label]) => label),
      versions: (versions.get(id) ?? []).sort(),
      fingerprint: canonicalJson(guardrailArguments),
    };
  });
}

function accountBaseline(stack: string, json: TerraformJson): AccountBaseline | undefined {
  const accountId = accountIdOfStack(stack);
  if (!accountId) return undefined;
  const ou = json.output?.[ACCOUNT_OU_OUTPUT_NAME]?.value;
  return {
    stack,
    accountId,
    ou: typeof ou === 'string' ? ou : undefined,
    regions: [...new Set(providerRegions(json).values())].filter((region) => region !== '').sort(),
    guardrails: guardrailsOf(json).sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name)),
  };
}

export function governanceSnapshot(stacks: ReadonlyMap<string, TerraformJson>): GovernanceSnapshot {
  const names = [...stacks.keys()].sort();
  const accounts = names.flatMap((name) => accountBaseline(name, stacks.get(name)!) ?? []);
  const accountStacks = new Set(accounts.map((account) => account.stack));
  return {
    stacks: names,
    policies: organizationPolicies(stacks),
    organizationGuardrails: names.filter((name) => !accountStacks.has(name)).flatMap((name) => guardrailsOf(stacks.get(name)!)),
    accounts,
    detective: detectiveCoverage(stacks),
  };
}

const PRINCIPAL_ARN_KEY = 'aws:principalarn';

/** Principal ARN patterns a statement's conditions leave out (`ArnNotLike aws:PrincipalArn` and the like). */
export function exemptPrincipals(statement: PolicyStatement): string[] {
  const patterns: string[] = [];
  for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
    if (!/^(Arn|String)Not(Like|Equals)(IfExists)?$/.test(operator)) continue;
    for (const [key, value] of Object.entries(entries)) if (key.toLowerCase() === PRINCIPAL_ARN_KEY) patterns.push(...asList(value));
  }
  return patterns;
}

/** Principal ARN patterns a statement applies to only (`ArnLike aws:PrincipalArn`). */
export function targetedPrincipals(statement: PolicyStatement): string[] {
  const patterns: string[] = [];
  for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
    if (!/^(Arn|String)(Like|Equals)(IfExists)?$/.test(operator)) continue;
    for (const [key, value] of Object.entries(entries)) if (key.toLowerCase() === PRINCIPAL_ARN_KEY) patterns.push(...asList(value));
  }
  return patterns;
}

export interface Exemption {
  /** Principal ARN pattern, e.g. arn:aws:iam::*:role/BreakGlassAdmin. */
  readonly principal: string;
  /** `<policy>.<Sid>` of each Deny statement it is exempt from. */
  readonly exemptFrom: readonly string[];
  /** Deny statements of the same policies in all. */
  readonly outOf: number;
  /** `<policy>.<Sid>` of Deny statements aimed at this principal only, which take back part of the exemption. */
  readonly narrowedBy: readonly string[];
}

/** Who the Deny statements of `policies` exempt, and from what. */
export function exemptions(policies: readonly OrganizationPolicy[]): Exemption[] {
  const exempt = new Map<string, string[]>();
  const targeted = new Map<string, string[]>();
  let denies = 0;
  for (const policy of policies) {
    for (const statement of policy.document?.Statement ?? []) {
      if (statement.Effect !== 'Deny') continue;
      denies++;
      const label = `${policy.name}.${statement.Sid ?? '(no Sid)'}`;
      for (const principal of new Set(exemptPrincipals(statement))) exempt.set(principal, [...(exempt.get(principal) ?? []), label]);
      for (const principal of new Set(targetedPrincipals(statement))) targeted.set(principal, [...(targeted.get(principal) ?? []), label]);
    }
  }
  return [...exempt.entries()]
    .map(([principal, exemptFrom]) => ({
      principal,
      exemptFrom: exemptFrom.sort(),
      outOf: denies,
      narrowedBy: (targeted.get(principal) ?? []).sort(),
    }))
    .sort((a, b) => b.exemptFrom.length - a.exemptFrom.length || a.principal.localeCompare(b.principal));
}

/** Whether a principal ARN pattern can match principals of `accountId`. */
export function patternCoversAccount(pattern: string, accountId: string): boolean {
  const account = /^arn:aws[\w-]*:(?:iam|sts)::([^:]*):/.exec(pattern)?.[1];
  if (account === undefined) return true;
  const regex = new RegExp(
    `^${account
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return regex.test(accountId);
}
