/** Embedding policy documents in Terraform: IAM variables escaped, cdktf references kept. */
import { BedrockGuardrail } from '@cdktf/provider-aws/lib/bedrock-guardrail';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { policyDocument, toTerraformString } from '../../policies/document';
import { policyAttribute, resourcesOfType, synthStack } from '../support/synth';

test('an IAM policy variable is escaped, a reference to a resource of the same stack becomes a Terraform reference', () => {
  const stack = new TerraformStack(Testing.app(), 'embedding');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const guardrail = new BedrockGuardrail(stack, 'guardrail', { name: 'g', blockedInputMessaging: 'no', blockedOutputsMessaging: 'no' });
  const document = policyDocument([
    {
      Sid: 'Mixed',
      Effect: 'Allow',
      Action: 'bedrock:ApplyGuardrail',
      Resource: [guardrail.guardrailArn, 'arn:aws:bedrock:*:${aws:PrincipalAccount}:guardrail/*'],
    },
  ]);
  new IamPolicy(stack, 'policy', { policy: toTerraformString(document) });
  const policy = resourcesOfType(synthStack(stack), 'aws_iam_policy').policy!;
  expect(String(policy.policy)).toContain('"${aws_bedrock_guardrail.guardrail.guardrail_arn}"');
  expect(String(policy.policy)).toContain('$${aws:PrincipalAccount}');
  expect(policyAttribute(policy, 'policy').Statement[0]?.Resource).toEqual([
    '${aws_bedrock_guardrail.guardrail.guardrail_arn}',
    'arn:aws:bedrock:*:${aws:PrincipalAccount}:guardrail/*',
  ]);
});
