/**
 * The baseline's service control policies and where each is attached. Every OU gets its own
 * perimeter (its regions, models and opt-ins) and shares the tamper, tag and safeguard SCPs
 * with the others; the OUs that turn on `networkPerimeter` get the network perimeter as well.
 * The log-archive and audit accounts, which sit in no governed OU, carry the safeguard SCP and
 * the core-account SCP directly; any other account that holds a trusted principal by an
 * explicit account id, the safeguard SCP. Each target within `governance.scpsPerTarget`, each
 * SCP within `governance.scpSizeLimit` (the test suite checks both against the Organizations
 * quotas). Another SCP slots in as one more entry with its own targets; the budget checks count it.
 */
import type { BaselineConfig, OrganizationalUnit } from '../../config/schema';
import { networkPerimeterScpName, perimeterScpName, SCP_NAMES } from '../../naming/resources';
import type { PolicyDocument } from '../document';
import { otherAccountsWithTrustedPrincipals, trustedPrincipals } from '../trusted-principals';
import { denyBaselineSafeguardTampering } from './deny-baseline-safeguard-tampering';
import { denyBedrockGovernanceTampering } from './deny-bedrock-governance-tampering';
import { denyBedrockInferenceOutsideVpcs, perimeterVpcsOf } from './deny-bedrock-inference-outside-vpcs';
import { denyCoreAccountTampering } from './deny-core-account-tampering';
import { classesDeniedTo, denyBedrockOutsideApprovedUse } from './deny-bedrock-outside-approved-use';
import { requireBedrockResourceTags } from './require-bedrock-resource-tags';

export interface ServiceControlPolicy {
  /** Organizations policy name; also the construct id. */
  readonly name: string;
  /** One line for the console and the plan. */
  readonly description: string;
  /** The policy itself. */
  readonly document: PolicyDocument;
  /** OU and account ids it is attached to. */
  readonly targets: readonly string[];
  /**
   * A `destroy` leaves it in place and attached, so a stray one keeps the organization's
   * guardrails. False only where turning a config switch off must detach it.
   */
  readonly skipDestroy: boolean;
  /** What to change when it outgrows governance.scpSizeLimit; default: the inputs every SCP grows with. */
  readonly oversizeAdvice?: string;
}

/** Organizations attaches at most this many SCPs to one target (since 2026-05-15; 5 before, and in most partitions). */
export const SCPS_PER_TARGET_QUOTA = 10;

function perimeterDescription(ou: OrganizationalUnit): string {
  const optIns = ou.optIns.length > 0 ? ` Opted in: ${ou.optIns.join(', ')}.` : '';
  const models = ou.allowedModels ? `${ou.allowedModels.length} approved models` : 'every foundation model';
  const denied = classesDeniedTo(ou).length;
  // Organizations takes at most 512 characters.
  return `Bedrock perimeter of ${ou.name}: its regions, ${models}, a baseline guardrail, ${denied} default-denied action classes.${optIns}`.slice(
    0,
    512,
  );
}

/** The core accounts: they hold the central logs and run the detectors, and sit in no governed OU. */
export function coreAccountIds(config: BaselineConfig): string[] {
  return [config.coreAccounts.logArchive, config.coreAccounts.audit];
}

export function baselineServiceControlPolicies(config: BaselineConfig): ServiceControlPolicy[] {
  const everyOu = config.organizationalUnits.map((ou) => ou.id);
  const core = coreAccountIds(config);
  const trusted = trustedPrincipals(config);
  return [
    ...config.organizationalUnits.map((ou) => ({
      name: perimeterScpName(ou.id),
      description: perimeterDescription(ou),
      document: denyBedrockOutsideApprovedUse(config, ou),
      targets: [ou.id],
      skipDestroy: true,
    })),
    {
      name: SCP_NAMES.governanceTampering,
      description:
        'Only the deployment role changes guardrails and their tags, invocation logging, enforcement, data retention and the private endpoints; no long-term API keys.',
      document: denyBedrockGovernanceTampering(config),
      targets: everyOu,
      skipDestroy: true,
    },
    ...(Object.keys(config.mandatoryTags).length > 0
      ? [
          {
            name: SCP_NAMES.requireResourceTags,
            description: 'Bedrock resources carry the mandatory tags from creation on; nobody removes or blanks them.',
            document: requireBedrockResourceTags(config),
            targets: everyOu,
            skipDestroy: true,
          },
        ]
      : []),
    {
      name: SCP_NAMES.safeguardTampering,
      description:
        'Only the deployment role changes or passes the roles the baseline trusts by name, its keys and alarms; nobody switches off Macie, GuardDuty or Security Hub.',
      document: denyBaselineSafeguardTampering(config),
      targets: [...everyOu, ...core, ...otherAccountsWithTrustedPrincipals(config, trusted)],
      skipDestroy: true,
      oversizeAdvice: 'shorten governance.breakGlassRoleArns, governance.breakGlassTrust, governance.guardrailExemptions or logging.readerRoleArns',
    },
    {
      name: SCP_NAMES.coreAccountTampering,
      description:
        'In the log-archive and audit accounts, only the deployment role reconfigures the central log buckets, Macie and the findings rule.',
      document: denyCoreAccountTampering(config),
      targets: core,
      skipDestroy: true,
      oversizeAdvice: 'shorten governance.breakGlassRoleArns',
    },
    ...config.organizationalUnits
      .filter((ou) => ou.networkPerimeter)
      .map((ou) => ({
        name: networkPerimeterScpName(ou.id),
        description: `Bedrock inference in ${ou.name} only through its accounts' VPCs (docs/network.md).`,
        document: denyBedrockInferenceOutsideVpcs(config, ou),
        targets: [ou.id],
        // A rollback turns the switch off, which must detach it (docs/network.md); skip_destroy
        // would only drop it from the state and leave it attached.
        skipDestroy: false,
        oversizeAdvice: `it lists the ${perimeterVpcsOf(config, ou).length} VPCs of the accounts of OU ${ou.id} (${ou.name}) and the roles governance exempts: split the OU or shorten governance.breakGlassRoleArns`,
      })),
  ];
}

/** How many of `policies` each target carries. */
export function scpsPerTarget(policies: readonly ServiceControlPolicy[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const policy of policies) for (const target of policy.targets) counts.set(target, (counts.get(target) ?? 0) + 1);
  return counts;
}
