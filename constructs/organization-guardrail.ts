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
import type { BaselineConfig } from '../config/schema';
import { enforcedOrganizationGuardrail, enforcementScope, organizationGuardrailRegions, organizationGuardrailSpec } from '../guardrails/spec';
import { bedrockPolicyContent, guardrailOfVersion, type BedrockPolicyEntry } from '../policies/bedrock-policy';
import { toTerraformString } from '../policies/document';
import { organizationGuardrailAccessPolicy } from '../policies/organization-guardrail-access';
import { BedrockGuardrailResourcePolicy } from './bedrock-unbound-resources';
import { PublishedGuardrail } from './published-guardrail';

export interface OrganizationGuardrailProps {
  /** The validated config, with governance.orgGuardrail enforced. */
  readonly config: BaselineConfig;
  /** The management account's provider for a region. */
  readonly providerFor: (region: string) => AwsProvider;
  /** The organization: BEDROCK_POLICY must be enabled before the policy exists. */
  readonly organization: ITerraformDependable;
}

export class OrganizationGuardrail extends Construct {
  /** The BEDROCK_POLICY, for tests and attachments elsewhere. */
  readonly policy: OrganizationsPolicy;

  constructor(scope: Construct, id: string, props: OrganizationGuardrailProps) {
    super(scope, id);
    const { config, providerFor, organization } = props;
    const orgGuardrail = enforcedOrganizationGuardrail(config);
    if (!orgGuardrail) throw new Error('OrganizationGuardrail needs an enforced governance.orgGuardrail');
    const organizationId = config.organization.id;

    const entries: BedrockPolicyEntry[] = [];
    const accessPolicies: BedrockGuardrailResourcePolicy[] = [];
    for (const region of organizationGuardrailRegions(config)) {
      const provider = providerFor(region);
      const grantAccess = (name: string, resourceArn: string): void => {
        accessPolicies.push(
          new BedrockGuardrailResourcePolicy(this, `${name}-access-${region}`, {
            resourceArn,
            policy: toTerraformString(organizationGuardrailAccessPolicy(resourceArn, organizationId)),
            provider,
          }),
        );
      };
      // An identifier in the config was validated at load (published version, own region, management account).
      const adopted = orgGuardrail.identifiers[region];
      if (adopted) {
        grantAccess('guardrail', guardrailOfVersion(adopted));
        entries.push({ region, identifier: adopted });
        continue;
      }
      const spec = organizationGuardrailSpec(config, region);
      // AWS owned key: with a customer managed key every member principal would need the
      // management account's key, and one key-policy slip would stop inference org-wide.
      const published = new PublishedGuardrail(this, `guardrail-${region}`, { spec, provider });
      grantAccess('guardrail', published.guardrail.guardrailArn);
      if (spec.crossRegionProfileArn) grantAccess('guardrail-profile', spec.crossRegionProfileArn);
      entries.push({ region, identifier: published.pinnedIdentifier });
    }

    this.policy = new OrganizationsPolicy(this, 'policy', {
      name: 'BedrockOrganizationGuardrail',
      description: 'Bedrock applies the organization guardrail to every inference call.',
      type: 'BEDROCK_POLICY',
      content: toTerraformString(bedrockPolicyContent(entries, enforcementScope(config, orgGuardrail))),
      skipDestroy: true,
      // Enforcing a guardrail members may not apply would break every Bedrock call.
      dependsOn: [organization, ...accessPolicies],
    });
    for (const ou of config.organizationalUnits) {
      new OrganizationsPolicyAttachment(this, `attachment-${ou.id}`, { policyId: this.policy.id, targetId: ou.id, skipDestroy: true });
    }
  }
}
