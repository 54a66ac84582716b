import { Testing } from 'cdktf';
import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { loadConfig } from '../../config/load';
import { OrgGovernanceStack } from '../../stacks/org-governance';
import { resourcesOfType, synthStack } from '../support/synth';

const config = loadConfig('config/baseline.yaml');
const stack = synthStack(new OrgGovernanceStack(Testing.app(), config));

test('deploys into the management account only, through the deployment role', () => {
  const providers = stack.json.provider?.aws as Array<Record<string, unknown>>;
  // The home region, and each other region GuardDuty's administrator is designated in (its designation is regional).
  expect(providers.map((provider) => provider.region)).toEqual(['us-east-1', 'us-west-2']);
  for (const provider of providers) {
    expect(provider).toMatchObject({
      allowed_account_ids: ['111111111111'],
      assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/GovernanceBaselineDeployer', session_name: 'bedrock-governance-baseline' }],
    });
  }
});

test('keeps its state under its own key with S3-native locking', () => {
  expect(stack.json.terraform?.backend).toEqual({
    s3: {
      bucket: 'example-org-bedrock-governance-tfstate',
      key: 'bedrock-governance/org-governance.tfstate',
      region: 'us-east-1',
      encrypt: true,
      use_lockfile: true,
    },
  });
});

test('adopts the existing organization and can never destroy it', () => {
  expect(stack.text).toHaveResourceWithProperties(OrganizationsOrganization, {
    feature_set: 'ALL',
    enabled_policy_types: expect.arrayContaining(['SERVICE_CONTROL_POLICY']),
    aws_service_access_principals: expect.arrayContaining(['cloudtrail.amazonaws.com', 'macie.amazonaws.com']),
    lifecycle: { prevent_destroy: true },
  });
  expect((stack.json as { import?: unknown }).import).toEqual([{ id: 'o-abc123def4', to: 'aws_organizations_organization.organization' }]);
});

test.each(['DenyBedrockGovernanceTampering', 'RequireBedrockResourceTags'])('SCP %s survives a stray destroy and is attached to every OU', (name) => {
  expect(stack.text).toHaveResourceWithProperties(OrganizationsPolicy, { name, type: 'SERVICE_CONTROL_POLICY', skip_destroy: true });
  for (const ou of config.organizationalUnits) {
    expect(stack.text).toHaveResourceWithProperties(OrganizationsPolicyAttachment, {
      policy_id: `\${aws_organizations_policy.scp-${name}.id}`,
      target_id: ou.id,
      skip_destroy: true,
    });
  }
});

test.each(config.organizationalUnits.map((ou) => ou.id))(
  'the perimeter SCP of %s survives a stray destroy and is attached to that OU only',
  (ouId) => {
    const name = `DenyBedrockOutsideApprovedUse-${ouId}`;
    expect(stack.text).toHaveResourceWithProperties(OrganizationsPolicy, { name, type: 'SERVICE_CONTROL_POLICY', skip_destroy: true });
    const attachments = Object.values(resourcesOfType(stack, 'aws_organizations_policy_attachment')).filter(
      (attachment) => attachment.policy_id === `\${aws_organizations_policy.scp-${name}.id}`,
    );
    expect(attachments).toEqual([expect.objectContaining({ target_id: ouId, skip_destroy: true })]);
  },
);

test('embeds IAM policy variables escaped for Terraform', () => {
  const content = String(
    (stack.json.resource?.aws_organizations_policy?.[`scp-DenyBedrockOutsideApprovedUse-${config.organizationalUnits[0]!.id}`] as { content: string })
      .content,
  );
  expect(content).toContain('$${aws:PrincipalAccount}');
  expect(content).not.toMatch(/[^$]\$\{aws:/);
});
