/**
 * The organization-side half of the mandatory tags (config `mandatoryTags`): a TAG_POLICY
 * that requires them on Bedrock guardrails whoever creates them, attached to every governed
 * OU. The synth-time half is mandatory-tags-check.ts.
 */
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ORGANIZATION_POLICY_NAMES } from '../naming/resources';
import { toTerraformString } from '../policies/document';
import { mandatoryTagPolicy } from '../policies/tag-policy';
import type { MandatoryTags } from './mandatory-tags-check';

export interface MandatoryTagPolicyProps {
  /** Tag key -> allowed values ([] = any non-empty value); no policy when empty. */
  readonly mandatoryTags: MandatoryTags;
  /** Ids of the OUs the policy is attached to. */
  readonly targetIds: readonly string[];
  /** The organization: policy types must be enabled before a policy of the type exists. */
  readonly organization: ITerraformDependable;
}

/** The TAG_POLICY requiring the mandatory tags on Bedrock guardrails, attached to every target. */
export class MandatoryTagPolicy extends Construct {
  constructor(scope: Construct, id: string, props: MandatoryTagPolicyProps) {
    super(scope, id);
    const { mandatoryTags, organization } = props;
    if (Object.keys(mandatoryTags).length === 0) return;
    const policy = new OrganizationsPolicy(this, 'policy', {
      name: ORGANIZATION_POLICY_NAMES.mandatoryTags,
      description: 'Bedrock guardrails carry the mandatory tags with allowed values.',
      type: 'TAG_POLICY',
      content: toTerraformString(mandatoryTagPolicy(mandatoryTags)),
      skipDestroy: true,
      dependsOn: [organization],
    });
    for (const targetId of props.targetIds) {
      new OrganizationsPolicyAttachment(this, `attachment-${targetId}`, { policyId: policy.id, targetId, skipDestroy: true });
    }
  }
}
