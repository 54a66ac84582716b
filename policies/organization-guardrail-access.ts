/**
 * Resource-based policy of the organization guardrail (and of its cross-region guardrail
 * profile) in the management account. BEDROCK_POLICY makes every member account apply
 * this guardrail on each inference call; that cross-account ApplyGuardrail succeeds only
 * if the guardrail's own policy lets the organization's principals call it.
 */
import { policyDocument, type PolicyDocument } from './document';

/** Lets principals of `organizationId` apply the guardrail or guardrail profile at `resourceArn`. */
export function organizationGuardrailAccessPolicy(resourceArn: string, organizationId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: 'OrganizationMembersApplyGuardrail',
      Effect: 'Allow',
      // Any principal, but only of this organization: the enforced guardrail runs as the caller.
      Principal: { AWS: '*' },
      Action: 'bedrock:ApplyGuardrail',
      Resource: resourceArn,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
    },
  ]);
}
