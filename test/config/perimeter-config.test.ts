/**
 * Config of the per-OU perimeter: an OU's regions, approved models and opt-ins, and the
 * organization-wide settings the SCPs pin (data retention, models without guardrail, SCPs
 * per target). Each problem names the YAML path a person must edit.
 */
import { DataRetentionMode } from '@aws-sdk/client-bedrock';
import { parseConfig } from '../../config/load';
import { DATA_RETENTION_MODES } from '../../config/schema';
import { configProblems as problemsOf, editedExampleConfig, type ConfigEdit } from '../support/config-fixtures';

const set = (path: ReadonlyArray<string | number>, value: unknown): ConfigEdit => ({ set: path, value });

const TEST_OU = 1; // ou-ab12-test0001, the OU of workloadAccounts[2] (chatbot-test)

describe('organizationalUnits[].regions', () => {
  test('an OU narrower than the allow-list is accepted when its accounts list exactly its regions', () => {
    const config = parseConfig(
      editedExampleConfig(set(['organizationalUnits', TEST_OU, 'regions'], ['us-west-2']), set(['workloadAccounts', 2, 'regions'], ['us-west-2'])),
      'test.yaml',
    );
    expect(config.organizationalUnits.find((ou) => ou.id === 'ou-ab12-test0001')?.regions).toEqual(['us-west-2']);
  });

  test('an account without a region of its OU would use Bedrock there unlogged: refused', () => {
    expect(problemsOf(editedExampleConfig(set(['workloadAccounts', 2, 'regions'], ['us-west-2'])))).toEqual([
      'workloadAccounts[2].regions: lacks "us-east-1", where its OU ou-ab12-test0001 allows Bedrock (governance.allowedRegions): add it, so the account has logging, a guardrail and alarms there, or narrow the OU\'s regions',
    ]);
  });

  test("an account region outside its OU is refused: the OU's SCP denies Bedrock there", () => {
    expect(problemsOf(editedExampleConfig(set(['organizationalUnits', TEST_OU, 'regions'], ['us-west-2'])))).toEqual([
      'workloadAccounts[2].regions[1]: "us-east-1" is not a region of its OU ou-ab12-test0001 (organizationalUnits[1].regions), whose SCP denies Bedrock there',
    ]);
  });

  test('an OU region outside the allow-list is reported once, at the OU', () => {
    expect(problemsOf(editedExampleConfig(set(['organizationalUnits', TEST_OU, 'regions'], ['us-west-2', 'eu-west-1'])))).toEqual([
      'organizationalUnits[1].regions[1]: "eu-west-1" is not in governance.allowedRegions',
    ]);
  });
});

describe('organizationalUnits[].allowedModels and optIns', () => {
  test('an invoke role model the OU does not approve is refused at the account', () => {
    expect(problemsOf(editedExampleConfig(set(['workloadAccounts', 0, 'allowedModels', 1], 'meta.llama3-70b-instruct-v1:0')))).toEqual([
      'workloadAccounts[0].allowedModels[1]: "meta.llama3-70b-instruct-v1:0" is not in the allowedModels of its OU ou-ab12-prod0001',
    ]);
  });

  test('imported, custom and Marketplace models are listed by ARN; anything else is refused', () => {
    const listed = [
      'arn:aws:bedrock:us-east-1:*:imported-model/abc123def456',
      'arn:aws:bedrock:*:444444444444:custom-model/amazon.titan-text-express-v1:0:8k/x1y2z3',
      'arn:aws:bedrock:us-east-1:*:marketplace/model-endpoint/all-access',
    ];
    const config = parseConfig(
      editedExampleConfig(...listed.map((arn, i) => set(['organizationalUnits', 0, 'allowedModels', 3 + i], arn))),
      'test.yaml',
    );
    expect(config.organizationalUnits.find((ou) => ou.id === 'ou-ab12-prod0001')?.allowedModels).toEqual(expect.arrayContaining(listed));
    expect(problemsOf(editedExampleConfig(set(['organizationalUnits', 0, 'allowedModels', 3], 'arn:aws:s3:::weights')))).toEqual([
      expect.stringMatching(/^organizationalUnits\[0\]\.allowedModels\[3\]: "arn:aws:s3:::weights" is neither a foundation-model id nor a model ARN/),
    ]);
  });

  test('an unknown or repeated opt-in is refused', () => {
    expect(problemsOf(editedExampleConfig(set(['organizationalUnits', 2, 'optIns'], ['web-search'])))).toEqual([
      'organizationalUnits[2].optIns[0]: "web-search" is not an opt-in class (one of unguarded-inference, unlogged-inference, agent-runtime, egress, external-provider, custom-model)',
    ]);
    expect(problemsOf(editedExampleConfig(set(['organizationalUnits', 2, 'optIns'], ['egress', 'egress'])))).toEqual([
      'organizationalUnits[2].optIns[1]: "egress" duplicates the opt-in at index 0',
    ]);
  });
});

describe('organization-wide perimeter settings', () => {
  test("the data retention modes are the AWS SDK's", () => {
    expect([...DATA_RETENTION_MODES].sort()).toEqual(Object.values(DataRetentionMode).sort());
    expect(problemsOf(editedExampleConfig(set(['governance', 'dataRetentionMode'], 'forever')))).toEqual([
      expect.stringMatching(/^governance\.dataRetentionMode: /),
    ]);
  });

  test('models without guardrail are one list: the enforcement blocks no longer take their own', () => {
    expect(problemsOf(editedExampleConfig(set(['guardrails', 'accountEnforcement', 'excludedModels'], ['amazon.titan-embed-text-v2:0'])))).toEqual([
      'guardrails.accountEnforcement.excludedModels: unknown key',
    ]);
    expect(problemsOf(editedExampleConfig(set(['guardrails', 'modelsWithoutGuardrail', 1], 'amazon.titan-embed-text-v2:0')))).toEqual([
      'guardrails.modelsWithoutGuardrail[1]: "amazon.titan-embed-text-v2:0" duplicates the model at index 0',
    ]);
  });

  test('bedrockMantle is gone: the endpoint is an opt-in class of an OU', () => {
    expect(problemsOf(editedExampleConfig(set(['governance', 'bedrockMantle'], 'allow')))).toEqual(['governance.bedrockMantle: unknown key']);
  });
});
