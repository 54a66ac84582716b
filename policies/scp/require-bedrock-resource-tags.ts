/**
 * SCP "RequireBedrockResourceTags": every Bedrock resource carries the mandatory tags from
 * the moment it exists, whoever creates it (the deployment role included; only break-glass
 * is exempt), and a mandatory tag can be neither blanked nor set to a value outside its
 * allowed list. That none is removed is the tamper SCP's part (the two would not fit one
 * SCP of 5,120 characters).
 */
import type { BaselineConfig } from '../../config/schema';
import { compress } from '../action-classes';
import { deny, policyDocument, type ConditionBlock, type PolicyDocument } from '../document';
import { allOf, unlessPrincipalIn } from '../principals';

/**
 * Every bedrock action that creates a taggable resource and accepts its tags
 * (`aws:RequestTag/${TagKey}`). test/policies/require-bedrock-resource-tags.test.ts derives the
 * list from the Service Authorization Reference, less these, which support the key but must
 * not require tags:
 * - InvokeModel: takes tags only for StartAsyncInvoke; requiring them would deny every inference call.
 * - PutResourcePolicy: attaches a policy, creates nothing.
 * - CreateAgentActionGroup: action groups are no taggable resource type (TagResource does not list them).
 * - CreateSession: the conversation sessions applications open for each user, not resources a team owns.
 * - Jobs (batch inference, evaluation, prompt optimization, Data Automation): runs, not resources
 *   a team keeps; their input and output live in the team's S3 buckets.
 * AgentCore resources are not required to carry the tags: with them the SCP would not fit 5,120
 * characters.
 */
export const TAGGED_ON_CREATE_ACTIONS = [
  'CreateAgent',
  'CreateAgentAlias',
  'CreateAutomatedReasoningPolicy',
  'CreateAutomatedReasoningPolicyVersion',
  'CreateBlueprint',
  'CreateCustomModel',
  'CreateCustomModelDeployment',
  'CreateDataAutomationLibrary',
  'CreateDataAutomationProject',
  'CreateFlow',
  'CreateFlowAlias',
  'CreateGuardrail',
  'CreateInferenceProfile',
  'CreateKnowledgeBase',
  'CreateModelCopyJob',
  'CreateModelCustomizationJob',
  'CreateModelImportJob',
  'CreatePrompt',
  'CreatePromptRouter',
  'CreatePromptVersion',
  'CreateProvisionedModelThroughput',
] as const;

/** Services whose TagResource and UntagResource the tag rules cover. */
export const TAGGING_SERVICES = ['bedrock', 'bedrock-agentcore'] as const;

/** Sid-safe form of a tag key (Sids are alphanumeric). */
function sidPart(tagKey: string): string {
  return tagKey.replace(/[^A-Za-z0-9]/g, '');
}

/** True when the request's value of `key` is not acceptable: outside `allowed`, or (any value allowed) empty. Both are true when the key is missing. */
function unacceptableValue(key: string, allowed: readonly string[]): ConditionBlock {
  return allowed.length > 0
    ? { StringNotEquals: { [`aws:RequestTag/${key}`]: [...allowed] } }
    : { StringNotLike: { [`aws:RequestTag/${key}`]: '?*' } };
}

export function requireBedrockResourceTags(config: BaselineConfig): PolicyDocument {
  const breakGlass = config.governance.breakGlassRoleArns;
  const creates = compress('bedrock', TAGGED_ON_CREATE_ACTIONS);
  return policyDocument(
    Object.entries(config.mandatoryTags).flatMap(([key, allowed], index) => [
      deny(`DenyCreateWithoutTag${index}${sidPart(key)}`, creates, '*', allOf(unacceptableValue(key, allowed), unlessPrincipalIn(breakGlass))),
      deny(
        `DenyUnacceptableTagValue${index}${sidPart(key)}`,
        TAGGING_SERVICES.map((service) => `${service}:TagResource`),
        '*',
        // Null false: only requests that set this key; tagging other keys stays free.
        allOf({ Null: { [`aws:RequestTag/${key}`]: 'false' } }, unacceptableValue(key, allowed), unlessPrincipalIn(breakGlass)),
      ),
    ]),
  );
}
