/**
 * The checks of what a config yields are the ones synth runs: each problem below reaches
 * a synth's load through SYNTH_CONFIG_CHECKS, at its YAML path, and none of them runs
 * while a cross-field rule fails.
 */
import { SYNTH_CONFIG_CHECKS } from '../../checks/synth-config-checks';
import { ConfigError, parseConfig } from '../../config/load';
import { editedExampleConfig, type ConfigEdit } from '../support/config-fixtures';

function problemPaths(...edits: ConfigEdit[]): string[] {
  try {
    parseConfig(editedExampleConfig(...edits), 'baseline.yaml', SYNTH_CONFIG_CHECKS);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((line) => line.replace(/^baseline\.yaml:\d+: /, '').replace(/: .*$/, ''));
    throw error;
  }
  return [];
}

const manyBreakGlassRoles = Array.from(
  { length: 12 },
  (_, i) => `arn:aws:iam::*:role/bedrock-gov-break-glass/break-glass-role-with-a-long-name-${i}`,
);

test.each<[string, ConfigEdit[], string]>([
  ['an SCP over the size limit', [{ set: ['governance', 'breakGlassRoleArns'], value: manyBreakGlassRoles }], 'governance.scpSizeLimit'],
  [
    'an invoke policy over the IAM limit',
    [
      // The prod OU approves a few models; without its list it approves every one.
      { delete: ['organizationalUnits', 0, 'allowedModels'] },
      {
        set: ['workloadAccounts', 0, 'allowedModels'],
        value: Array.from({ length: 60 }, (_, i) => `anthropic.claude-model-with-a-long-name-${i}-v1:0`),
      },
    ],
    'workloadAccounts',
  ],
  [
    'an organization guardrail version of another account',
    [
      {
        set: ['governance', 'orgGuardrail', 'identifiers'],
        value: { 'us-east-1': 'arn:aws:bedrock:us-east-1:444444444444:guardrail/abcd1234efgh:3' },
      },
    ],
    'governance.orgGuardrail.identifiers."us-east-1"',
  ],
  [
    'an alarm pattern over the CloudWatch limit',
    [{ set: ['governance', 'breakGlassRoleArns'], value: manyBreakGlassRoles }],
    'governance.breakGlassRoleArns',
  ],
  ['a Macie cost above the limit', [{ set: ['macie', 'costEstimate', 'monthlyLimitUsd'], value: 1 }], 'macie.classification.samplingPercentage'],
])('%s stops synth', (_case, edits, path) => {
  expect(problemPaths(...edits)).toContain(path);
});

test('checks of what a config yields wait until its fields agree', () => {
  expect(
    problemPaths({ set: ['macie', 'costEstimate', 'monthlyLimitUsd'], value: 1 }, { set: ['workloadAccounts', 0, 'ou'], value: 'ou-ab12-none0001' }),
  ).toEqual(['workloadAccounts[0].ou']);
});
