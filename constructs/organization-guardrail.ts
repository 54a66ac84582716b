/**
 * Organization-level guardrail enforcement (config `governance.orgGuardrail`), in the
 * management account: per region a management-owned guardrail with its published version
 * (or an existing version the config names), the resource-based policies that let member
 * accounts apply it, and the BEDROCK_POLICY that makes Bedrock apply it to every
 * inference call of the governed OUs.
 */
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { GuardrailSpec } from '../guardrails/spec';
import { guardrailOfVersion } from '../naming/arns';
import { ORGANIZATION_POLICY_NAMES } from '../naming/resources';
import { bedrockPolicyContent, type BedrockPolicyEntry, type EnforcementScope } from '../policies/bedrock-policy';
import { toTerraformString } from '../policies/document';
import { organizationGuardrailAccessPolicy } from '../policies/organization-guardrail-access';
import { BedrockGuardrailResourcePolicy } from './bedrock-unbound-resources';
import { PublishedGuardrail } from './published-guardrail';

/** The organization guardrail of one region: a version the config adopts, or the spec of the guardrail to create and publish. */
export type OrganizationGuardrailRegion = {
  /** Region of the guardrail and of its BEDROCK_POLICY entry. */
  readonly region: string;
  /** The management account's provider for the region. */
  readonly provider: AwsProvider;
} & (
  | {
      /** `<guardrail ARN>:<version>` of an existing management-account guardrail to enforce (validated at config load). */
      readonly adoptedVersion: string;
    }
  | {
      /** The guardrail to create. */
      readonly spec: GuardrailSpec;
    }
);

export interface OrganizationGuardrailProps {
  /** Each region the guardrail is enforced in. */
  readonly regions: readonly OrganizationGuardrailRegion[];
  /** Which parts of a request the guardrail evaluates, and on which models. */
  readonly scope: EnforcementScope;
  /** The organization whose members may apply the guardrail. */
  readonly organizationId: string;
  /** Ids of the OUs the BEDROCK_POLICY is attached to. */
  readonly targetIds: readonly string[];
  /** The organization: BEDROCK_POLICY must be enabled before the policy exists. */
  readonly organization: ITerraformDependable;
}

export class OrganizationGuardrail extends Construct {
  /** The BEDROCK_POLICY, for tests and attachments elsewhere. */
  readonly policy: OrganizationsPolicy;

  constructor(scope: Construct, id: string, props: OrganizationGuardrailProps) {
    super(scope, id);
    const { organizationId, organization } = props;

    const entries: BedrockPolicyEntry[] = [];
    const accessPolicies: BedrockGuardrailResourcePolicy[] = [];
    for (const entry of props.regions) {
      const { region, provider } = entry;
      const grantAccess = (name: string, resourceArn: string): void => {
        accessPolicies.push(
          new BedrockGuardrailResourcePolicy(this, `${name}-access-${region}`, {
            resourceArn,
            policy: toTerraformString(organizationGuardrailAccessPolicy(resourceArn, organizationId)),
            provider,
          }),
        );
      };
      if ('adoptedVersion' in entry) {
        grantAccess('guardrail', guardrailOfVersion(entry.adoptedVersion));
        entries.push({ region, identifier: entry.adoptedVersion });
        continue;
      }
      const { spec } = entry;
      // AWS owned key: with a customer managed key every member principal would need the
      // management account's key, and one key-policy slip would stop inference org-wide.
      const published = new PublishedGuardrail(this, `guardrail-${region}`, { spec, provider });
      grantAccess('guardrail', published.guardrail.guardrailArn);
      if (spec.crossRegionProfileArn) grantAccess('guardrail-profile', spec.crossRegionProfileArn);
      entries.push({ region, identifier: published.pinnedIdentifier });
    }

    this.policy = new OrganizationsPolicy(this, 'policy', {
      name: ORGANIZATION_POLICY_NAMES.organizationGuardrail,
      description: 'Bedrock applies the organization guardrail to every inference call.',
      type: 'BEDROCK_POLICY',
      content: toTerraformString(bedrockPolicyContent(entries, props.scope)),
      skipDestroy: true,
      // Enforcing a guardrail members may not apply would break every Bedrock call.
      dependsOn: [organization, ...accessPolicies],
    });
    for (const targetId of props.targetIds) {
      new OrganizationsPolicyAttachment(this, `attachment-${targetId}`, { policyId: this.policy.id, targetId, skipDestroy: true });
    }
  }
}
