/**
 * SCP "DenyBedrockGovernanceTampering": keeps the baseline's Bedrock controls from being
 * switched off inside a workload account. Only the deployment role (and break-glass) may
 * change guardrails and their tags, invocation logging and its landing buckets' policies,
 * account-level guardrail enforcement and the data retention mode; the data retention mode
 * can only be the configured one; nobody makes or uses long-term API keys of Bedrock,
 * bedrock-mantle or Claude Platform; and nobody else changes, deletes or re-tags the private
 * path to Bedrock (interface endpoints, their security group and its rules, which carry
 * PROTECTED_NETWORK_TAG). The roles, keys, alarms and detectors the baseline relies on are
 * the safeguard SCP's (deny-baseline-safeguard-tampering.ts).
 */
import type { BaselineConfig } from '../../config/schema';
import { guardrailArn, s3BucketArn } from '../../naming/arns';
import { PROTECTED_NETWORK_TAG } from '../../naming/reserved-names';
import { SERVICE_PRINCIPALS } from '../../naming/service-principals';
import { localInvocationLogBucketName } from '../../naming/resources';
import { deny, policyDocument, type PolicyDocument, type PolicyStatement } from '../document';
import { allOf, unlessDeploymentRoleOrBreakGlass, unlessPrincipalIn } from '../principals';
import { TAGGING_SERVICES } from './require-bedrock-resource-tags';

/**
 * Changes that only the deployment role may make, grouped by what they would switch off
 * (the alarms name each group). The SCP denies them in one statement: they share its
 * resource and condition, and the SCP's 5,120 characters are better spent elsewhere.
 */
export const DEPLOYMENT_ROLE_ONLY_ACTIONS = {
  DenyGuardrailChanges: [
    'bedrock:CreateGuardrail',
    'bedrock:CreateGuardrailVersion',
    'bedrock:DeleteGuardrail',
    'bedrock:DeleteResourcePolicy',
    'bedrock:PutResourcePolicy',
    'bedrock:UpdateGuardrail',
  ],
  DenyInvocationLoggingChanges: ['bedrock:DeleteModelInvocationLoggingConfiguration', 'bedrock:PutModelInvocationLoggingConfiguration'],
  DenyEnforcedGuardrailChanges: ['bedrock:DeleteEnforcedGuardrailConfiguration', 'bedrock:PutEnforcedGuardrailConfiguration'],
  // One mode lets the model provider keep prompts; bedrock-mantle sets the same account-wide mode.
  DenyDataRetentionChanges: ['bedrock-mantle:PutAccountDataRetention', 'bedrock:PutAccountDataRetention'],
} as const;

/**
 * The landing and access-log buckets of a workload account's invocation logs, in any
 * region (`baseline-<account>-*`). Their bucket policies deny deletion and
 * reconfiguration to everyone but the deployment role; only the account's root user
 * could still replace such a policy, and SCPs bind root.
 */
export const INVOCATION_LOG_BUCKETS = s3BucketArn(localInvocationLogBucketName('${aws:PrincipalAccount}', '*'));
export const BUCKET_POLICY_ACTIONS = ['s3:DeleteBucketPolicy', 's3:PutBucketPolicy'] as const;

/** Services that take API keys (bearer tokens): only short-term keys, derived from IAM credentials, are accepted. */
export const LONG_TERM_KEY_SERVICES = ['aws-external-anthropic', 'bedrock', 'bedrock-mantle'] as const;

/** Guardrails of workload accounts: their tags say whose, how sensitive and which environment, so only the deployment role sets them. */
export const GUARDRAIL_RESOURCES = guardrailArn('*', '*', '*');

/**
 * What changes, deletes or re-tags an interface endpoint, a security group or a group's rule:
 * the endpoint's policy, private DNS, subnets and groups (`ModifyVpcEndpoint`), the group's
 * rules. The tagging actions are here so that nobody takes the tag off first. Actions that
 * only use a group (launching into it) leave the endpoints as they are.
 * test/policies/network-tamper-actions.test.ts classifies every EC2 action on these resource
 * types against the Service Authorization Reference.
 */
export const PROTECTED_NETWORK_CHANGE_ACTIONS = [
  'ec2:AuthorizeSecurityGroup*',
  'ec2:CreateTags',
  'ec2:DeleteSecurityGroup',
  'ec2:DeleteTags',
  'ec2:DeleteVpcEndpoints',
  'ec2:ModifySecurityGroupRules',
  'ec2:ModifyVpcEndpoint',
  'ec2:RevokeSecurityGroup*',
  'ec2:UpdateSecurityGroupRuleDescriptions*',
] as const;

/** Resources that carry the baseline's network tag, whatever its value. */
const PROTECTED_NETWORK_RESOURCES = { Null: { [`aws:ResourceTag/${PROTECTED_NETWORK_TAG.key}`]: 'false' } } as const;

/** Nobody but break-glass removes a mandatory tag from a Bedrock or AgentCore resource (RequireBedrockResourceTags keeps the values right). */
function mandatoryTagRemoval(config: BaselineConfig): PolicyStatement[] {
  const keys = Object.keys(config.mandatoryTags);
  if (keys.length === 0) return [];
  const condition = allOf({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': keys } }, unlessPrincipalIn(config.governance.breakGlassRoleArns));
  return [
    deny(
      'DenyMandatoryTagRemoval',
      TAGGING_SERVICES.map((service) => `${service}:UntagResource`),
      '*',
      condition,
    ),
  ];
}

export function denyBedrockGovernanceTampering(config: BaselineConfig): PolicyDocument {
  const breakGlass = config.governance.breakGlassRoleArns;
  const exceptDeployer = unlessDeploymentRoleOrBreakGlass(config.governance);
  const mode = config.governance.dataRetentionMode;
  return policyDocument([
    deny('DenyBaselineControlChanges', Object.values(DEPLOYMENT_ROLE_ONLY_ACTIONS).flat(), '*', exceptDeployer),
    deny('DenyBaselineGuardrailTagChanges', ['bedrock:TagResource', 'bedrock:UntagResource'], GUARDRAIL_RESOURCES, exceptDeployer),
    deny('DenyBaselineNetworkChanges', [...PROTECTED_NETWORK_CHANGE_ACTIONS], '*', allOf(PROTECTED_NETWORK_RESOURCES, exceptDeployer)),
    ...mandatoryTagRemoval(config),
    deny(
      'DenyOtherDataRetentionModes',
      [...DEPLOYMENT_ROLE_ONLY_ACTIONS.DenyDataRetentionChanges],
      '*',
      // Each action carries only its own service's key, and a missing key makes StringNotEquals true: one statement serves both.
      allOf({ StringNotEquals: { 'bedrock:DataRetentionMode': mode, 'bedrock-mantle:DataRetentionMode': mode } }, unlessPrincipalIn(breakGlass)),
    ),
    deny(
      'DenyOtherProjectDataRetentionModes',
      ['bedrock-mantle:CreateProject', 'bedrock-mantle:UpdateProject'],
      '*',
      // A project may also inherit the account's mode; one without a mode inherits it.
      allOf(
        { Null: { 'bedrock-mantle:DataRetentionMode': 'false' } },
        { StringNotEquals: { 'bedrock-mantle:DataRetentionMode': [mode, 'inherit'] } },
        unlessPrincipalIn(breakGlass),
      ),
    ),
    // Long-term API keys are static secrets whose use CloudTrail does not record: none are made, none are used.
    deny(
      'DenyLongTermBedrockApiKeyCreation',
      'iam:CreateServiceSpecificCredential',
      '*',
      allOf({ StringEquals: { 'iam:ServiceSpecificCredentialServiceName': SERVICE_PRINCIPALS.bedrock } }, unlessPrincipalIn(breakGlass)),
    ),
    deny(
      'DenyLongTermApiKeyUse',
      [...LONG_TERM_KEY_SERVICES].map((service) => `${service}:CallWithBearerToken`),
      '*',
      // Each action carries only its own service's key; a missing key makes StringNotEquals true,
      // so any call with a token that is not short-term is denied, whichever the service.
      allOf(
        { StringNotEquals: Object.fromEntries(LONG_TERM_KEY_SERVICES.map((service) => [`${service}:BearerTokenType`, 'SHORT_TERM'])) },
        unlessPrincipalIn(breakGlass),
      ),
    ),
    deny('DenyInvocationLogBucketPolicyChanges', [...BUCKET_POLICY_ACTIONS], INVOCATION_LOG_BUCKETS, exceptDeployer),
  ]);
}
