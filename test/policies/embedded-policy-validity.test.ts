/**
 * Every IAM document embedded in every synthesized stack, for the example config and a
 * variant that switches every optional logging and SCP statement on (guardrail
 * exemptions, every opt-in, an OU with approved models and the mantle endpoint): no Allow
 * is wider than the conventions permit, and the optional statements use only real actions
 * and keys (reference.test.ts covers the example config).
 */
import { loadConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';
import { OPT_IN_CLASSES } from '../../policies/action-classes';
import type { PolicyStatement } from '../../policies/document';
import { referenceProblems } from '../support/iam-reference';
import { embeddedPolicies, synthAllStacks } from '../support/synth';

const example = loadConfig('config/baseline.yaml');
const everythingOn: BaselineConfig = {
  ...example,
  logging: {
    ...example.logging,
    readerRoleArns: ['arn:aws:iam::*:role/SecurityLogReader'],
    cloudWatch: { enabled: true, retentionDays: 90 },
    cloudTrail: { readOnlyDataEvents: false },
  },
  governance: {
    ...example.governance,
    guardrailExemptions: { viaAwsServiceRoleNames: ['KnowledgeBaseQuery'], bedrockServiceRoleNames: ['AgentExecution'] },
  },
  // The prod OU approves models: with the mantle endpoint opted in, its model rule appears.
  organizationalUnits: example.organizationalUnits.map((ou) => ({
    ...ou,
    optIns: ou.allowedModels ? ['unlogged-inference', 'external-provider'] : [...OPT_IN_CLASSES],
  })),
};

const documentsOf = (variant: string, config: BaselineConfig) =>
  [...synthAllStacks(config)].flatMap(([stackName, stack]) =>
    embeddedPolicies(stack).map(({ location, document }) => [`${variant}: ${stackName}: ${location}`, document] as const),
  );
const optional = documentsOf('every logging option on', everythingOn);
const documents = [...documentsOf('example', example), ...optional];

/** Conditions that scope an Allow to everyone down to the organization, one account, one principal or one source. */
const SCOPING_KEYS = ['aws:PrincipalOrgID', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:SourceArn', 'aws:SourceAccount'];
const isEveryone = (statement: PolicyStatement) =>
  statement.Principal === '*' || (typeof statement.Principal === 'object' && statement.Principal.AWS === '*');
const conditionKeys = (statement: PolicyStatement) => Object.values(statement.Condition ?? {}).flatMap((entries) => Object.keys(entries));

test('the stacks embed the logging documents', () => {
  for (const type of ['aws_kms_key', 'aws_s3_bucket_policy', 'aws_iam_role_policy'])
    expect(documents.some(([label]) => label.includes(type))).toBe(true);
});

test.each(optional)('%s: every action and condition key is real', async (_label, document) => {
  expect(await referenceProblems(document)).toEqual([]);
});

test.each(documents)('%s: an Allow to everyone is scoped by organization, principal or source', (_label, document) => {
  const unscoped = document.Statement.filter(
    (s) => s.Effect === 'Allow' && isEveryone(s) && !conditionKeys(s).some((key) => SCOPING_KEYS.includes(key)),
  );
  expect(unscoped.map((s) => s.Sid)).toEqual([]);
});

test.each(documents.filter(([label]) => label.includes('aws_iam_role_policy')))('%s: no identity Allow on every resource', (_label, document) => {
  const unbounded = document.Statement.filter((s) => s.Effect === 'Allow' && [s.Resource].flat().includes('*'));
  expect(unbounded.map((s) => s.Sid)).toEqual([]);
});
