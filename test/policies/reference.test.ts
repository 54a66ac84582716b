/**
 * Every policy document the app synthesizes, in every stack, names only actions and
 * condition keys that exist in the Service Authorization Reference: a Deny on a
 * misspelled action silently matches nothing.
 */
import { loadConfig } from '../../config/load';
import { embeddedPolicies, synthAllStacks } from '../support/synth';
import { referenceProblems } from '../support/iam-reference';

const stacks = synthAllStacks(loadConfig('config/baseline.yaml'));
const policies = [...stacks].flatMap(([stackName, stack]) =>
  embeddedPolicies(stack).map((p) => [`${stackName}: ${p.location}`, p.document] as const),
);

test('the stacks embed policy documents', () => {
  expect(policies.length).toBeGreaterThan(0);
});

test.each(policies)('%s uses only real actions and condition keys', async (_location, document) => {
  expect(await referenceProblems(document)).toEqual([]);
});

test('the reference check itself rejects what does not exist', async () => {
  const problems = await referenceProblems({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Fake',
        Effect: 'Deny',
        Action: ['bedrock:InvokeModelWithGuardrail', 'bedrock:Converse', 'bedrock:Nope*'],
        Resource: '*',
        Condition: { ArnLike: { 'bedrock:GuardrailArn': 'x', 'aws:NoSuchKey': 'y' } },
      },
    ],
  });
  const misplaced = await referenceProblems({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Misplaced',
        Effect: 'Deny',
        Action: 'bedrock:CreateGuardrail',
        Resource: '*',
        Condition: { ArnNotLike: { 'bedrock:GuardrailIdentifier': 'x' } },
      },
    ],
  });
  expect(misplaced).toEqual(['Misplaced: bedrock:GuardrailIdentifier: not a global key and not supported by bedrock:CreateGuardrail']);
  expect(problems).toEqual([
    'Fake: bedrock:InvokeModelWithGuardrail: no such action',
    'Fake: bedrock:Converse: no such action',
    'Fake: bedrock:Nope*: wildcard matches no action',
    'Fake: bedrock:GuardrailArn: not a global key and not supported by bedrock:InvokeModelWithGuardrail, bedrock:Converse, bedrock:Nope*',
    'Fake: aws:NoSuchKey: not a global key and not supported by bedrock:InvokeModelWithGuardrail, bedrock:Converse, bedrock:Nope*',
  ]);
});
