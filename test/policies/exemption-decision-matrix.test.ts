/**
 * Adversarial decision matrix of the baseline's exemptions and core accounts, evaluated by the
 * IAM simulator over the synthesized stacks: every SCP where its attachment puts it (a workload
 * account's OU, the log-archive and audit accounts and other accounts holding a trusted
 * principal directly, nothing for the management account), the real key, bucket, topic and
 * trust policies. Attackers are account administrators with AdministratorAccess, or the
 * account's root user. For every trusted principal of policies/trusted-principals.ts and every
 * core account the attacks are denied; the operations the baseline depends on still pass.
 *
 * It runs for the example config and for a second organization with other role names,
 * regions and `crossRegionInference: global`; each stack is synthesized once per config.
 */
import { loadConfig } from '../../config/load';
import type { BaselineConfig, WorkloadAccount } from '../../config/schema';
import { SYNTH_CONFIG_CHECKS } from '../../checks/synth-config-checks';
import { macieServiceLinkedRoleArns, organizationTrailArn, parseRoleArn } from '../../naming/arns';
import { BREAK_GLASS_ROLE_PATH } from '../../naming/reserved-names';
import {
  accessLogBucketName,
  centralInvocationLogBucketName,
  cloudTrailBucketName,
  GUARDED_INVOKE_ROLE_NAME,
  invocationLogReplicationRoleName,
  kmsAliasName,
  KEY_PURPOSES,
  localInvocationLogBucketName,
  MACIE_FINDINGS_NAME,
  SCP_NAMES,
} from '../../naming/resources';
import { accountBaselineStackName, LOG_ARCHIVE_STACK, ORG_GOVERNANCE_STACK, SECURITY_AUDIT_STACK } from '../../naming/stacks';
import { minify, type PolicyDocument } from '../../policies/document';
import { centralInvocationLogBucketPolicy } from '../../policies/buckets/central-log-bucket-policies';
import { baselineServiceControlPolicies, SCPS_PER_TARGET_QUOTA, scpsPerTarget } from '../../policies/scp';
import { TRUSTED_ROLE_CHANGE_ACTIONS } from '../../policies/scp/deny-baseline-safeguard-tampering';
import { trustedPrincipals, type TrustedPrincipal, type TrustedPrincipalKind } from '../../policies/trusted-principals';
import { conditionKeyGaps } from '../support/iam-reference';
import { simulate, type SimRequest } from '../support/simulate';
import { policyAt, stackUnderTest, type StackUnderTest } from '../support/stacks';
import { policyAttribute, referencedId, resourcesOfType, serviceControlPolicies } from '../support/synth';

const CONFIGS: ReadonlyArray<readonly [string, BaselineConfig]> = [
  ['example', loadConfig('config/baseline.yaml', SYNTH_CONFIG_CHECKS)],
  ['second organization', loadConfig('test/fixtures/configs/second-organization.yaml', SYNTH_CONFIG_CHECKS)],
];

/** An account of the organization in no governed OU, holding no trusted principal. */
const UNGOVERNED = '888800000001';
const FOREIGN = '999999999999';
const OTHER_ORG = 'o-otherorg01';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

type Expected = 'Allowed' | 'Denied';
type Side = 'attack' | 'legitimate';

interface Case {
  readonly name: string;
  readonly side: Side;
  readonly expected: Expected;
  readonly request: SimRequest;
  /** SCP levels of the caller's account, root first (empty: the management account or a service). */
  readonly scps: ReadonlyArray<readonly PolicyDocument[]>;
  readonly resourcePolicy?: PolicyDocument;
  /** The caller's identity policies; default AdministratorAccess. */
  readonly identity?: readonly PolicyDocument[];
  /** Trust policies and buckets are evaluated with S3 Block Public Access as deployed. */
  readonly bucket?: boolean;
  /** Which trusted principal or core account the case is about (coverage). */
  readonly about: string;
}

const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const root = (account: string) => `arn:aws:iam::${account}:root`;
const admin = (account: string) => role(account, 'AccountAdmin');

/** SCP documents by the target they are attached to, read back from the synthesized org-governance stack. */
function scpsByTarget(org: StackUnderTest): Map<string, PolicyDocument[]> {
  const scps = serviceControlPolicies(org.synth);
  const byTarget = new Map<string, PolicyDocument[]>();
  for (const attachment of Object.values(resourcesOfType(org.synth, 'aws_organizations_policy_attachment'))) {
    const policy = scps[referencedId(attachment.policy_id, 'aws_organizations_policy')];
    if (!policy) continue;
    const target = String(attachment.target_id);
    byTarget.set(target, [...(byTarget.get(target) ?? []), policyAttribute(policy, 'content')]);
  }
  return byTarget;
}

/** The resource at `path` of the stack whose attribute `name` equals `value`, e.g. a role by its name. */
function policyOfNamed(stack: StackUnderTest, type: string, name: string, attribute: string): PolicyDocument {
  const found = Object.values(resourcesOfType(stack.synth, type)).filter((resource) => resource.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name} in ${stack.construct.node.id}, found ${found.length}`);
  return policyAttribute(found[0]!, attribute);
}

/** One ARN a trusted principal pattern stands for in `account` (a name for a trailing `*`); undefined when it names another account. */
function trustedRoleIn(principal: TrustedPrincipal, account: string): string | undefined {
  const parts = parseRoleArn(principal.arnPattern)!;
  if (parts.accountId !== '*' && parts.accountId !== account) return undefined;
  return role(account, `${parts.path.slice(1)}${parts.name.replace('*', 'forged-by-admin')}`);
}

function buildMatrix(config: BaselineConfig) {
  const org = stackUnderTest(config, ORG_GOVERNANCE_STACK);
  const logArchiveStack = stackUnderTest(config, LOG_ARCHIVE_STACK);
  const auditStack = stackUnderTest(config, SECURITY_AUDIT_STACK);
  const workload: WorkloadAccount = config.workloadAccounts[0]!;
  const baseline = stackUnderTest(config, accountBaselineStackName(workload.id));
  const byTarget = scpsByTarget(org);

  const { id: orgId, managementAccountId: MANAGEMENT, homeRegion: HOME } = config.organization;
  const { logArchive: LOG_ARCHIVE, audit: AUDIT } = config.coreAccounts;
  const { deploymentRoleName } = config.governance;
  const deployer = (account: string) => role(account, deploymentRoleName);
  const breakGlassName = parseRoleArn(config.governance.breakGlassRoleArns[0]!)!.name;
  const breakGlass = (account: string) => role(account, `${BREAK_GLASS_ROLE_PATH.slice(1)}${breakGlassName}`);
  const REGION = workload.regions[0]!;

  const ouOf = (account: string) => config.workloadAccounts.find((candidate) => candidate.id === account)?.ou;
  const orgPath = (ou: string) => `${orgId}/r-root/${ou}/`;
  /** Where SCPs reach `account`: its OU's, then its own; none in the management account. */
  const scpsOf = (account: string): ReadonlyArray<readonly PolicyDocument[]> => {
    if (account === MANAGEMENT) return [];
    const ou = ouOf(account);
    return [[], ou ? byTarget.get(ou)! : [], byTarget.get(account) ?? []];
  };
  /** Request context of a principal of `account`: its organization, its OU path, TLS. */
  const memberContext = (account: string): Record<string, string | string[]> => {
    const ou = ouOf(account);
    return {
      'aws:PrincipalOrgID': account === FOREIGN ? OTHER_ORG : orgId,
      'aws:PrincipalOrgPaths': [account === FOREIGN ? `${OTHER_ORG}/r-other/` : ou ? orgPath(ou) : `${orgId}/r-root/ou-root-elsewhere/`],
      'aws:PrincipalIsAWSService': 'false',
      'aws:SecureTransport': 'true',
      'aws:RequestedRegion': HOME,
    };
  };
  const service = (extra: Record<string, string>) => ({ 'aws:PrincipalIsAWSService': 'true', 'aws:SecureTransport': 'true', ...extra });

  const cases: Case[] = [];
  const add = (
    side: Side,
    about: string,
    name: string,
    expected: Expected,
    principal: string,
    action: string,
    resource: string,
    options: Partial<Omit<Case, 'name' | 'side' | 'expected' | 'request' | 'about'>> & {
      context?: Record<string, string | string[]>;
      resourceAccount?: string;
    } = {},
  ) => {
    const account = /^arn:aws:iam::(\d{12}):/.exec(principal)?.[1];
    const { context, resourceAccount, ...rest } = options;
    cases.push({
      name,
      side,
      expected,
      about,
      scps: rest.scps ?? (account ? scpsOf(account) : []),
      request: {
        principal,
        action,
        resource,
        resourceAccount: resourceAccount ?? account,
        context: { ...(account ? memberContext(account) : {}), ...context },
      },
      ...rest,
    });
  };

  // Governed accounts: the first of each OU (the OU's SCPs are what differs); core accounts;
  // other accounts that hold a trusted principal by account id.
  const firstOfEachOu = config.organizationalUnits.map((ou) => config.workloadAccounts.find((account) => account.ou === ou.id)!.id);
  const directlyAttached = [...byTarget.keys()].filter((target) => /^\d{12}$/.test(target));
  const protectedAccounts = [...firstOfEachOu, ...directlyAttached];

  // 1. Every trusted principal in every account the SCPs reach: created, deleted, re-trusted,
  //    re-permissioned, re-tagged, passed. Only the deployment role (and break-glass) may.
  const principals = trustedPrincipals(config);
  for (const principal of principals.filter((candidate) => candidate.protectedBy === 'scp')) {
    for (const account of protectedAccounts) {
      const target = trustedRoleIn(principal, account);
      if (!target) continue;
      const about = `trusted ${principal.kind}`;
      for (const action of TRUSTED_ROLE_CHANGE_ACTIONS)
        add('attack', about, `${account} admin: ${action} ${target}`, 'Denied', admin(account), action, target);
      add('attack', about, `${account} root: UpdateAssumeRolePolicy ${target}`, 'Denied', root(account), 'iam:UpdateAssumeRolePolicy', target);
      add('attack', about, `${account} admin: PassRole ${target} to Lambda`, 'Denied', admin(account), 'iam:PassRole', target, {
        context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
      });
      if (principal.passableTo)
        add(
          'legitimate',
          about,
          `${account} admin: PassRole ${target} to ${principal.passableTo}`,
          'Allowed',
          admin(account),
          'iam:PassRole',
          target,
          { context: { 'iam:PassedToService': principal.passableTo } },
        );
      add(
        'legitimate',
        about,
        `${account} deployment role: UpdateAssumeRolePolicy ${target}`,
        'Allowed',
        deployer(account),
        'iam:UpdateAssumeRolePolicy',
        target,
      );
      add('legitimate', about, `${account} deployment role: CreateRole ${target}`, 'Allowed', deployer(account), 'iam:CreateRole', target);
      add('legitimate', about, `${account} admin reads ${target}`, 'Allowed', admin(account), 'iam:GetRole', target);
    }
  }
  // A role on the break-glass path under any name is a break-glass role in waiting.
  for (const account of protectedAccounts) {
    add(
      'attack',
      'trusted break-glass-path',
      `${account} admin creates a new role on the break-glass path`,
      'Denied',
      admin(account),
      'iam:CreateRole',
      role(account, `${BREAK_GLASS_ROLE_PATH.slice(1)}MyOwnGlass`),
    );
  }

  // Should vending leave a deployment role trusting its whole account, no principal of the
  // account may use that; the pipeline assumes it from another account.
  const trustsItsAccount = (account: string): PolicyDocument => ({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'VendingMistake', Effect: 'Allow', Principal: { AWS: [root(account), role(MANAGEMENT, 'BaselineDeploy')] }, Action: 'sts:AssumeRole' },
    ],
  });
  for (const account of [...firstOfEachOu, LOG_ARCHIVE, AUDIT]) {
    const assumeDeployer = { resourcePolicy: trustsItsAccount(account), resourceAccount: account, context: { 'aws:ResourceAccount': account } };
    add(
      'attack',
      'trusted deployment-role',
      `${account} admin assumes its deployment role, whose trust admits the account`,
      'Denied',
      admin(account),
      'sts:AssumeRole',
      deployer(account),
      assumeDeployer,
    );
    add(
      'legitimate',
      'trusted deployment-role',
      `the pipeline's deploy role in the management account assumes the deployment role of ${account}`,
      'Allowed',
      role(MANAGEMENT, 'BaselineDeploy'),
      'sts:AssumeRole',
      deployer(account),
      assumeDeployer,
    );
  }

  // 2. A break-glass or deployment role of the right name on another path is exempt from nothing.
  const forgedBreakGlass = role(workload.id, breakGlassName);
  const forgedDeployer = role(workload.id, `forged/${deploymentRoleName}`);
  const landingKey = policyAt(baseline, `${baseline.construct.node.id}/invocation-logging-${REGION}/key/key`);
  const landingKeyArn = `arn:aws:kms:${REGION}:${workload.id}:key/${KEY_ID}`;
  const landingBucket = policyAt(baseline, `${baseline.construct.node.id}/invocation-logging-${REGION}/landing-bucket/policy`);
  const landingBucketArn = `arn:aws:s3:::${localInvocationLogBucketName(workload.id, REGION)}`;
  const guardrailKey = policyAt(baseline, `${baseline.construct.node.id}/guardrails-${REGION}/key/key`);
  const model = `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`;
  const keyAliases = (purpose: string) => ({ 'kms:ResourceAliases': [kmsAliasName(purpose)] });
  for (const forged of [forgedBreakGlass, forgedDeployer]) {
    const about = 'forged names';
    add('attack', about, `${forged}: invoke without a guardrail`, 'Denied', forged, 'bedrock:InvokeModel', model, {
      context: { 'aws:RequestedRegion': REGION },
    });
    add(
      'attack',
      about,
      `${forged}: delete the invocation logging configuration`,
      'Denied',
      forged,
      'bedrock:DeleteModelInvocationLoggingConfiguration',
      '*',
      { context: { 'aws:RequestedRegion': REGION } },
    );
    add('attack', about, `${forged}: schedule the landing key for deletion in 7 days`, 'Denied', forged, 'kms:ScheduleKeyDeletion', landingKeyArn, {
      resourcePolicy: landingKey,
      context: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '7', ...keyAliases(KEY_PURPOSES.invocationLogLanding) },
    });
    add(
      'attack',
      about,
      `${forged}: replace the landing bucket's replication`,
      'Denied',
      forged,
      's3:PutReplicationConfiguration',
      landingBucketArn,
      { resourcePolicy: landingBucket, bucket: true },
    );
    add(
      'attack',
      about,
      `${forged}: delete a baseline alarm`,
      'Denied',
      forged,
      'cloudwatch:DeleteAlarms',
      `arn:aws:cloudwatch:${REGION}:${workload.id}:alarm:bedrock-gov-guardrail-interventions`,
    );
  }

  // 3. Workload account: keys, detectors, the organization.
  const W = workload.id;
  const onKey = (policy: PolicyDocument, keyArn: string, purpose: string) => ({
    resourcePolicy: policy,
    resourceAccount: keyArn.split(':')[4]!,
    context: keyAliases(purpose),
  });
  const guardrailKeyArn = `arn:aws:kms:${REGION}:${W}:key/${KEY_ID}`;
  for (const [label, policy, arn, purpose] of [
    ['landing key', landingKey, landingKeyArn, KEY_PURPOSES.invocationLogLanding],
    ['guardrail key', guardrailKey, guardrailKeyArn, KEY_PURPOSES.guardrails],
  ] as const) {
    for (const action of ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:Decrypt', 'kms:DeleteAlias']) {
      add('attack', 'workload keys', `${W} admin: ${action} on the ${label}`, 'Denied', admin(W), action, arn, onKey(policy, arn, purpose));
    }
    add('attack', 'workload keys', `${W} root: ScheduleKeyDeletion on the ${label} (7 days)`, 'Denied', root(W), 'kms:ScheduleKeyDeletion', arn, {
      ...onKey(policy, arn, purpose),
      context: { ...keyAliases(purpose), 'kms:ScheduleKeyDeletionPendingWindowInDays': '7' },
    });
    add(
      'legitimate',
      'workload keys',
      `${W} deployment role updates the ${label}'s policy`,
      'Allowed',
      deployer(W),
      'kms:PutKeyPolicy',
      arn,
      onKey(policy, arn, purpose),
    );
    add(
      'attack',
      'workload keys',
      `${W} deployment role schedules the ${label} for deletion`,
      'Denied',
      deployer(W),
      'kms:ScheduleKeyDeletion',
      arn,
      onKey(policy, arn, purpose),
    );
    add(
      'legitimate',
      'break-glass made by the baseline',
      `${W} break-glass schedules the ${label} for deletion in 30 days`,
      'Allowed',
      breakGlass(W),
      'kms:ScheduleKeyDeletion',
      arn,
      { ...onKey(policy, arn, purpose), context: { ...keyAliases(purpose), 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } },
    );
    add(
      'attack',
      'break-glass made by the baseline',
      `${W} break-glass schedules the ${label} for deletion in 7 days`,
      'Denied',
      breakGlass(W),
      'kms:ScheduleKeyDeletion',
      arn,
      { ...onKey(policy, arn, purpose), context: { ...keyAliases(purpose), 'kms:ScheduleKeyDeletionPendingWindowInDays': '7' } },
    );
  }
  // Bedrock makes grants on the guardrail key for the account's callers; the SCP leaves grants for AWS resources alone.
  add(
    'legitimate',
    'workload keys',
    `an application of ${W} has Bedrock create a grant on the guardrail key`,
    'Allowed',
    role(W, 'ChatbotApp'),
    'kms:CreateGrant',
    guardrailKeyArn,
    {
      ...onKey(guardrailKey, guardrailKeyArn, KEY_PURPOSES.guardrails),
      context: { ...keyAliases(KEY_PURPOSES.guardrails), 'kms:ViaService': `bedrock.${REGION}.amazonaws.com`, 'kms:GrantIsForAWSResource': 'true' },
    },
  );
  add(
    'attack',
    'workload keys',
    `an application of ${W} creates a grant on the guardrail key itself`,
    'Denied',
    role(W, 'ChatbotApp'),
    'kms:CreateGrant',
    guardrailKeyArn,
    {
      ...onKey(guardrailKey, guardrailKeyArn, KEY_PURPOSES.guardrails),
      context: { ...keyAliases(KEY_PURPOSES.guardrails), 'kms:ViaService': `bedrock.${REGION}.amazonaws.com`, 'kms:GrantIsForAWSResource': 'false' },
    },
  );
  const detectorAttacks: ReadonlyArray<readonly [string, string]> = [
    ['guardduty:DeleteDetector', `arn:aws:guardduty:${REGION}:${W}:detector/12abc34d567e8fa901bc2d34e56789f0`],
    ['guardduty:UpdateDetector', `arn:aws:guardduty:${REGION}:${W}:detector/12abc34d567e8fa901bc2d34e56789f0`],
    ['guardduty:DisassociateFromAdministratorAccount', '*'],
    ['guardduty:CreateIPSet', '*'],
    ['securityhub:DisableSecurityHub', `arn:aws:securityhub:${REGION}:${W}:hub/default`],
    ['securityhub:DisassociateFromAdministratorAccount', `arn:aws:securityhub:${REGION}:${W}:hub/default`],
    ['securityhub:BatchDisableStandards', `arn:aws:securityhub:${REGION}:${W}:hub/default`],
    ['macie2:DisableMacie', '*'],
    ['macie2:DisassociateFromAdministratorAccount', '*'],
    ['organizations:LeaveOrganization', '*'],
  ];
  for (const [action, resource] of detectorAttacks) {
    add('attack', 'detectors', `${W} admin: ${action}`, 'Denied', admin(W), action, resource, { context: { 'aws:RequestedRegion': REGION } });
    add('legitimate', 'break-glass made by the baseline', `${W} break-glass: ${action}`, 'Allowed', breakGlass(W), action, resource, {
      context: { 'aws:RequestedRegion': REGION },
    });
  }
  add('legitimate', 'detectors', `${W} admin reads GuardDuty findings`, 'Allowed', admin(W), 'guardduty:GetFindings', '*', {
    context: { 'aws:RequestedRegion': REGION },
  });
  add(
    'legitimate',
    'break-glass made by the baseline',
    `${W} break-glass invokes without a guardrail`,
    'Allowed',
    breakGlass(W),
    'bedrock:InvokeModel',
    model,
    { context: { 'aws:RequestedRegion': REGION } },
  );
  add(
    'legitimate',
    'pipeline',
    `Bedrock of ${W} delivers into the landing bucket`,
    'Allowed',
    'bedrock.amazonaws.com',
    's3:PutObject',
    `${landingBucketArn}/AWSLogs/${W}/BedrockModelInvocationLogs/${REGION}/2026/11/21/12/log.json.gz`,
    {
      resourcePolicy: landingBucket,
      bucket: true,
      resourceAccount: W,
      context: service({ 'aws:SourceAccount': W, 'aws:SourceArn': `arn:aws:bedrock:${REGION}:${W}:foundation-model/x` }),
    },
  );
  add(
    'legitimate',
    'pipeline',
    `Bedrock of ${W} encrypts with the landing key`,
    'Allowed',
    'bedrock.amazonaws.com',
    'kms:GenerateDataKey',
    landingKeyArn,
    {
      resourcePolicy: landingKey,
      resourceAccount: W,
      context: service({ 'aws:SourceAccount': W, 'aws:SourceArn': `arn:aws:bedrock:${REGION}:${W}:foundation-model/x` }),
    },
  );
  const replicationTrust = policyOfNamed(baseline, 'aws_iam_role', invocationLogReplicationRoleName(REGION), 'assume_role_policy');
  add(
    'legitimate',
    'pipeline',
    `the deployment role of ${W} hands the replication role to S3`,
    'Allowed',
    deployer(W),
    'iam:PassRole',
    role(W, invocationLogReplicationRoleName(REGION)),
    {
      context: { 'iam:PassedToService': 's3.amazonaws.com' },
    },
  );
  add(
    'legitimate',
    'pipeline',
    `S3 assumes the replication role of ${W} for the landing bucket`,
    'Allowed',
    's3.amazonaws.com',
    'sts:AssumeRole',
    role(W, invocationLogReplicationRoleName(REGION)),
    {
      resourcePolicy: replicationTrust,
      resourceAccount: W,
      context: service({ 'aws:SourceArn': landingBucketArn, 'aws:SourceAccount': W }),
    },
  );
  const invokeTrust = policyOfNamed(baseline, 'aws_iam_role', GUARDED_INVOKE_ROLE_NAME, 'assume_role_policy');
  add(
    'legitimate',
    'trusted invoke-role',
    `an application role of ${W} assumes the invoke role`,
    'Allowed',
    role(W, 'ChatbotApp'),
    'sts:AssumeRole',
    role(W, GUARDED_INVOKE_ROLE_NAME),
    { resourcePolicy: invokeTrust },
  );
  add(
    'attack',
    'trusted invoke-role',
    'a role of another account assumes the invoke role',
    'Denied',
    role(FOREIGN, 'Attacker'),
    'sts:AssumeRole',
    role(W, GUARDED_INVOKE_ROLE_NAME),
    { resourcePolicy: invokeTrust, resourceAccount: W },
  );

  // 4. The central logs: only governed replication roles write, only bound readers read.
  const replicationRole = (account: string) => role(account, invocationLogReplicationRoleName(REGION));
  const replication = policyAt(baseline, `${baseline.construct.node.id}/invocation-logging-${REGION}/replication-role/permissions`);
  const invocationBucket = policyAt(logArchiveStack, 'log-archive/invocation-log-bucket/policy');
  const invocationKey = policyAt(logArchiveStack, 'log-archive/invocation-log-key/key');
  const cloudTrailBucket = policyAt(logArchiveStack, 'log-archive/cloudtrail-bucket/policy');
  const cloudTrailKey = policyAt(logArchiveStack, 'log-archive/cloudtrail-key/key');
  const accessLogBucket = policyAt(logArchiveStack, 'log-archive/access-log-bucket/policy');
  const INVOCATIONS = centralInvocationLogBucketName(config);
  const centralKeyArn = `arn:aws:kms:${HOME}:${LOG_ARCHIVE}:key/${KEY_ID}`;
  const replica = (account: string) =>
    `arn:aws:s3:::${INVOCATIONS}/AWSLogs/${account}/BedrockModelInvocationLogs/${REGION}/2026/11/21/12/log.json.gz`;
  const viaS3 = (bucket: string) => ({ 'kms:ViaService': `s3.${HOME}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${bucket}` });
  for (const [account, expected, why] of [
    [W, 'Allowed', 'a governed account'],
    [UNGOVERNED, 'Denied', 'an account outside the governed OUs'],
    [FOREIGN, 'Denied', 'another organization'],
  ] as const) {
    const side: Side = expected === 'Allowed' ? 'legitimate' : 'attack';
    add(
      side,
      'central log writers',
      `replication role of ${why} writes a replica into its own prefix`,
      expected,
      replicationRole(account),
      's3:ReplicateObject',
      replica(account),
      { resourcePolicy: invocationBucket, bucket: true, identity: [replication], resourceAccount: LOG_ARCHIVE },
    );
    add(
      side,
      'central log writers',
      `replication role of ${why} encrypts a replica`,
      expected,
      replicationRole(account),
      'kms:Encrypt',
      centralKeyArn,
      { resourcePolicy: invocationKey, identity: [replication], resourceAccount: LOG_ARCHIVE, context: viaS3(INVOCATIONS) },
    );
  }
  for (const slr of macieServiceLinkedRoleArns(config)) {
    add('legitimate', 'trusted service-linked', `Macie (${slr}) reads an invocation log`, 'Allowed', slr, 's3:GetObject', replica(W), {
      resourcePolicy: invocationBucket,
      bucket: true,
      scps: [],
      resourceAccount: LOG_ARCHIVE,
    });
    add('legitimate', 'trusted service-linked', `Macie (${slr}) decrypts an invocation log`, 'Allowed', slr, 'kms:Decrypt', centralKeyArn, {
      resourcePolicy: invocationKey,
      scps: [],
      resourceAccount: LOG_ARCHIVE,
      context: viaS3(INVOCATIONS),
    });
  }
  const TRAIL = organizationTrailArn(config);
  const trailLog = `arn:aws:s3:::${cloudTrailBucketName(config)}/AWSLogs/${orgId}/${W}/CloudTrail/${HOME}/2026/11/21/log.json.gz`;
  add('legitimate', 'pipeline', 'the organization trail delivers a log file', 'Allowed', 'cloudtrail.amazonaws.com', 's3:PutObject', trailLog, {
    resourcePolicy: cloudTrailBucket,
    bucket: true,
    resourceAccount: LOG_ARCHIVE,
    context: service({ 'aws:SourceArn': TRAIL, 's3:x-amz-acl': 'bucket-owner-full-control' }),
  });
  add(
    'legitimate',
    'pipeline',
    'the organization trail encrypts a log file',
    'Allowed',
    'cloudtrail.amazonaws.com',
    'kms:GenerateDataKey',
    centralKeyArn,
    {
      resourcePolicy: cloudTrailKey,
      resourceAccount: LOG_ARCHIVE,
      context: service({ 'aws:SourceArn': TRAIL, 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL }),
    },
  );
  for (const reader of config.logging.readerRoleArns) {
    const parts = parseRoleArn(reader)!;
    const name = `${parts.path.slice(1)}${parts.name}`;
    const accounts: ReadonlyArray<readonly [string, Expected]> =
      parts.accountId === '*'
        ? [
            [AUDIT, 'Allowed'],
            [W, 'Allowed'],
            [UNGOVERNED, 'Denied'],
            [FOREIGN, 'Denied'],
          ]
        : [
            [parts.accountId, 'Allowed'],
            [W, 'Denied'],
            [UNGOVERNED, 'Denied'],
          ];
    for (const [account, expected] of accounts) {
      const side: Side = expected === 'Allowed' ? 'legitimate' : 'attack';
      add(side, 'trusted log-reader', `${role(account, name)} reads an invocation log`, expected, role(account, name), 's3:GetObject', replica(W), {
        resourcePolicy: invocationBucket,
        bucket: true,
        resourceAccount: LOG_ARCHIVE,
      });
      add(
        side,
        'trusted log-reader',
        `${role(account, name)} decrypts an invocation log`,
        expected,
        role(account, name),
        'kms:Decrypt',
        centralKeyArn,
        { resourcePolicy: invocationKey, resourceAccount: LOG_ARCHIVE, context: viaS3(INVOCATIONS) },
      );
    }
  }

  // 5. The log-archive account: central keys and buckets. Root included: S3 lets the bucket
  //    owner's root user past any bucket policy for the policy itself, so those cases are
  //    decided by the SCP alone.
  for (const [label, policy, purpose] of [
    ['CloudTrail key', cloudTrailKey, KEY_PURPOSES.cloudTrail],
    ['invocation-log key', invocationKey, KEY_PURPOSES.invocationLogs],
  ] as const) {
    const about = `core ${LOG_ARCHIVE}`;
    for (const principal of [admin(LOG_ARCHIVE), root(LOG_ARCHIVE)]) {
      for (const action of ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:Decrypt', 'kms:UpdateAlias']) {
        add('attack', about, `${principal}: ${action} on the ${label}`, 'Denied', principal, action, centralKeyArn, {
          ...onKey(policy, centralKeyArn, purpose),
          context: { ...keyAliases(purpose), 'kms:ScheduleKeyDeletionPendingWindowInDays': '7' },
        });
      }
      add(
        'attack',
        about,
        `${principal}: ScheduleKeyDeletion on the ${label}, SCP alone`,
        'Denied',
        principal,
        'kms:ScheduleKeyDeletion',
        centralKeyArn,
        {
          resourcePolicy: {
            Version: '2012-10-17',
            Statement: [{ Sid: 'RootHasKms', Effect: 'Allow', Principal: { AWS: root(LOG_ARCHIVE) }, Action: 'kms:*', Resource: '*' }],
          },
          resourceAccount: LOG_ARCHIVE,
          context: { ...keyAliases(purpose), 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' },
        },
      );
    }
    add(
      'legitimate',
      about,
      `deployment role updates the ${label}'s policy`,
      'Allowed',
      deployer(LOG_ARCHIVE),
      'kms:PutKeyPolicy',
      centralKeyArn,
      onKey(policy, centralKeyArn, purpose),
    );
    add(
      'legitimate',
      'break-glass made by the baseline',
      `${LOG_ARCHIVE} break-glass schedules the ${label} for deletion in 30 days`,
      'Allowed',
      breakGlass(LOG_ARCHIVE),
      'kms:ScheduleKeyDeletion',
      centralKeyArn,
      { ...onKey(policy, centralKeyArn, purpose), context: { ...keyAliases(purpose), 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } },
    );
    add(
      'attack',
      'break-glass made by the baseline',
      `${LOG_ARCHIVE} break-glass schedules the ${label} for deletion in 7 days`,
      'Denied',
      breakGlass(LOG_ARCHIVE),
      'kms:ScheduleKeyDeletion',
      centralKeyArn,
      { ...onKey(policy, centralKeyArn, purpose), context: { ...keyAliases(purpose), 'kms:ScheduleKeyDeletionPendingWindowInDays': '7' } },
    );
  }
  const bucketChanges = [
    's3:PutBucketPolicy',
    's3:DeleteBucketPolicy',
    's3:PutLifecycleConfiguration',
    's3:PutReplicationConfiguration',
    's3:PutBucketVersioning',
    's3:PutBucketObjectLockConfiguration',
    's3:PutBucketOwnershipControls',
    's3:PutBucketAcl',
    's3:PutBucketPublicAccessBlock',
    's3:PutEncryptionConfiguration',
    's3:DeleteBucket',
  ];
  for (const [name, policy] of [
    [cloudTrailBucketName(config), cloudTrailBucket],
    [INVOCATIONS, invocationBucket],
    [accessLogBucketName(config), accessLogBucket],
  ] as const) {
    const about = `core ${LOG_ARCHIVE}`;
    const arn = `arn:aws:s3:::${name}`;
    for (const action of bucketChanges)
      add('attack', about, `${LOG_ARCHIVE} admin: ${action} on ${name}`, 'Denied', admin(LOG_ARCHIVE), action, arn, {
        resourcePolicy: policy,
        bucket: true,
      });
    for (const action of ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutLifecycleConfiguration']) {
      add('attack', about, `${LOG_ARCHIVE} root: ${action} on ${name}, SCP alone`, 'Denied', root(LOG_ARCHIVE), action, arn);
    }
    add(
      'attack',
      about,
      `${LOG_ARCHIVE} admin deletes a log version of ${name}`,
      'Denied',
      admin(LOG_ARCHIVE),
      's3:DeleteObjectVersion',
      `${arn}/AWSLogs/x.json.gz`,
      { resourcePolicy: policy, bucket: true },
    );
    add('legitimate', about, `deployment role replaces the policy of ${name}`, 'Allowed', deployer(LOG_ARCHIVE), 's3:PutBucketPolicy', arn, {
      resourcePolicy: policy,
      bucket: true,
    });
    add(
      'legitimate',
      'break-glass made by the baseline',
      `${LOG_ARCHIVE} break-glass changes the lifecycle of ${name}`,
      'Allowed',
      breakGlass(LOG_ARCHIVE),
      's3:PutLifecycleConfiguration',
      arn,
      { resourcePolicy: policy, bucket: true },
    );
  }
  add(
    'legitimate',
    `core ${LOG_ARCHIVE}`,
    `${LOG_ARCHIVE} admin sets the policy of a bucket of its own`,
    'Allowed',
    admin(LOG_ARCHIVE),
    's3:PutBucketPolicy',
    'arn:aws:s3:::team-scratch',
  );

  // 6. The audit account: Macie, the findings rule, topic and key, GuardDuty, Security Hub.
  const findingsKey = policyAt(auditStack, `${SECURITY_AUDIT_STACK}/findings-alerts/topic/key/key`);
  const findingsKeyArn = `arn:aws:kms:${HOME}:${AUDIT}:key/${KEY_ID}`;
  const findingsTopic = `arn:aws:sns:${HOME}:${AUDIT}:${MACIE_FINDINGS_NAME}`;
  const findingsTopicPolicy = policyAt(auditStack, `${SECURITY_AUDIT_STACK}/findings-alerts/topic/policy`);
  const findingsRule = `arn:aws:events:${HOME}:${AUDIT}:rule/${MACIE_FINDINGS_NAME}`;
  const job = `arn:aws:macie2:${HOME}:${AUDIT}:classification-job/0123456789abcdef0123456789abcdef`;
  const auditAttacks: ReadonlyArray<readonly [string, string]> = [
    ['macie2:DisableMacie', '*'],
    ['macie2:UpdateMacieSession', '*'],
    ['macie2:UpdateClassificationJob', job],
    ['macie2:UpdateOrganizationConfiguration', '*'],
    ['macie2:CreateFindingsFilter', '*'],
    ['macie2:PutFindingsPublicationConfiguration', '*'],
    ['macie2:PutClassificationExportConfiguration', '*'],
    ['macie2:DeleteCustomDataIdentifier', `arn:aws:macie2:${HOME}:${AUDIT}:custom-data-identifier/0123456789abcdef`],
    ['macie2:UpdateAllowList', `arn:aws:macie2:${HOME}:${AUDIT}:allow-list/0123456789abcdef`],
    ['macie2:DisassociateMember', '*'],
    ['events:DisableRule', findingsRule],
    ['events:DeleteRule', findingsRule],
    ['events:PutRule', findingsRule],
    ['events:PutTargets', findingsRule],
    ['events:RemoveTargets', findingsRule],
    ['sns:DeleteTopic', findingsTopic],
    ['sns:SetTopicAttributes', findingsTopic],
    ['sns:Unsubscribe', findingsTopic],
    ['sns:RemovePermission', findingsTopic],
    ['guardduty:DeleteDetector', `arn:aws:guardduty:${HOME}:${AUDIT}:detector/12abc34d567e8fa901bc2d34e56789f0`],
    ['guardduty:UpdateOrganizationConfiguration', '*'],
    ['guardduty:DeleteMembers', '*'],
    ['securityhub:DisableSecurityHub', `arn:aws:securityhub:${HOME}:${AUDIT}:hub/default`],
    ['securityhub:UpdateOrganizationConfiguration', `arn:aws:securityhub:${HOME}:${AUDIT}:hub/default`],
    ['securityhub:DisableImportFindingsForProduct', `arn:aws:securityhub:${HOME}:${AUDIT}:hub/default`],
  ];
  for (const [action, resource] of auditAttacks) {
    const onTopic = action.startsWith('sns:') ? { resourcePolicy: findingsTopicPolicy } : {};
    for (const principal of [admin(AUDIT), root(AUDIT)])
      add('attack', `core ${AUDIT}`, `${principal}: ${action}`, 'Denied', principal, action, resource, onTopic);
    add('legitimate', `core ${AUDIT}`, `deployment role: ${action}`, 'Allowed', deployer(AUDIT), action, resource, onTopic);
  }
  for (const action of ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy', 'kms:CreateGrant']) {
    add(
      'attack',
      `core ${AUDIT}`,
      `${AUDIT} admin: ${action} on the findings topic key`,
      'Denied',
      admin(AUDIT),
      action,
      findingsKeyArn,
      onKey(findingsKey, findingsKeyArn, KEY_PURPOSES.macieFindings),
    );
  }
  add('legitimate', `core ${AUDIT}`, 'the findings rule publishes to the topic', 'Allowed', 'events.amazonaws.com', 'sns:Publish', findingsTopic, {
    resourcePolicy: findingsTopicPolicy,
    resourceAccount: AUDIT,
    context: service({ 'aws:SourceArn': findingsRule, 'aws:SourceAccount': AUDIT }),
  });
  add('legitimate', `core ${AUDIT}`, `${AUDIT} admin reads Macie findings`, 'Allowed', admin(AUDIT), 'macie2:GetFindings', '*');
  add(
    'legitimate',
    `core ${AUDIT}`,
    `${AUDIT} admin runs another classification job`,
    'Allowed',
    admin(AUDIT),
    'macie2:CreateClassificationJob',
    '*',
  );
  add(
    'legitimate',
    `core ${AUDIT}`,
    `${AUDIT} admin routes a rule of its own`,
    'Allowed',
    admin(AUDIT),
    'events:PutTargets',
    `arn:aws:events:${HOME}:${AUDIT}:rule/team-rule`,
  );
  add(
    'legitimate',
    'break-glass made by the baseline',
    `${AUDIT} break-glass pauses the classification job`,
    'Allowed',
    breakGlass(AUDIT),
    'macie2:UpdateClassificationJob',
    job,
  );

  // 7. The management account: no SCP reaches it. Key policies still refuse; the rest is
  //    alarmed, not prevented (docs/scps.md, "The management account").
  const trailLogGroupKey = policyAt(org, `${ORG_GOVERNANCE_STACK}/organization-trail-log-group/key/key`);
  const managementKeyArn = `arn:aws:kms:${HOME}:${MANAGEMENT}:key/${KEY_ID}`;
  add(
    'attack',
    `management ${MANAGEMENT}`,
    'management admin schedules the trail log group key for deletion in 7 days',
    'Denied',
    admin(MANAGEMENT),
    'kms:ScheduleKeyDeletion',
    managementKeyArn,
    { resourcePolicy: trailLogGroupKey, context: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '7' } },
  );
  add(
    'attack',
    `management ${MANAGEMENT}`,
    'management admin re-policies the trail log group key',
    'Denied',
    admin(MANAGEMENT),
    'kms:PutKeyPolicy',
    managementKeyArn,
    { resourcePolicy: trailLogGroupKey },
  );
  add(
    'legitimate',
    `management ${MANAGEMENT}`,
    'management: no SCP stops an admin stopping the organization trail (alarmed: BaselineTrailChange)',
    'Allowed',
    admin(MANAGEMENT),
    'cloudtrail:StopLogging',
    TRAIL,
  );
  add(
    'legitimate',
    `management ${MANAGEMENT}`,
    'management: no SCP stops an admin detaching an SCP (alarmed: BaselineOrganizationChange)',
    'Allowed',
    admin(MANAGEMENT),
    'organizations:DetachPolicy',
    `arn:aws:organizations::${MANAGEMENT}:policy/${orgId}/service_control_policy/p-abcd1234`,
  );
  add(
    'legitimate',
    'break-glass made by the baseline',
    `${MANAGEMENT} break-glass schedules the trail log group key for deletion in 30 days`,
    'Allowed',
    breakGlass(MANAGEMENT),
    'kms:ScheduleKeyDeletion',
    managementKeyArn,
    { resourcePolicy: trailLogGroupKey, context: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' } },
  );

  // 8. The break-glass roles the baseline made: assumable by the named identities with MFA only.
  const trust = config.governance.breakGlassTrust!;
  for (const [stack, account] of [
    [baseline, W],
    [logArchiveStack, LOG_ARCHIVE],
    [auditStack, AUDIT],
    [org, MANAGEMENT],
  ] as const) {
    const about = 'break-glass made by the baseline';
    const roleTrust = policyOfNamed(stack, 'aws_iam_role', breakGlassName, 'assume_role_policy');
    const assumer = trust.principalArns[0]!;
    const assumerAccount = parseRoleArn(assumer)!.accountId;
    const assume = (principal: string, mfa: 'true' | 'false') => ({
      resourcePolicy: roleTrust,
      resourceAccount: account,
      scps: scpsOf(/^arn:aws:iam::(\d{12}):/.exec(principal)![1]!),
      context: { 'aws:MultiFactorAuthPresent': mfa },
    });
    add(
      'legitimate',
      about,
      `${assumer} assumes the break-glass role of ${account} with MFA`,
      'Allowed',
      assumer,
      'sts:AssumeRole',
      breakGlass(account),
      assume(assumer, 'true'),
    );
    add(
      'attack',
      about,
      `${assumer} assumes the break-glass role of ${account} without MFA`,
      'Denied',
      assumer,
      'sts:AssumeRole',
      breakGlass(account),
      assume(assumer, 'false'),
    );
    add(
      'attack',
      about,
      `the admin of ${account} assumes its break-glass role`,
      'Denied',
      admin(account),
      'sts:AssumeRole',
      breakGlass(account),
      assume(admin(account), 'true'),
    );
    const namesake = role(assumerAccount === W ? LOG_ARCHIVE : W, parseRoleArn(assumer)!.name);
    add(
      'attack',
      about,
      `a role named like the break-glass identity in another account assumes the break-glass role of ${account}`,
      'Denied',
      namesake,
      'sts:AssumeRole',
      breakGlass(account),
      assume(namesake, 'true'),
    );
  }
  return cases;
}

const matrices = CONFIGS.map(([label, config]) => [label, config, buildMatrix(config)] as const);

describe.each(matrices)('exemptions and core accounts: %s', (_label, config, cases) => {
  test.each(cases.map((c) => [c.side, c.name, c] as const))('%s: %s', async (_side, _name, c) => {
    const decision = await simulate(
      {
        scps: c.scps,
        ...(c.identity ? { identityPolicies: c.identity } : {}),
        ...(c.resourcePolicy ? { resourcePolicy: c.resourcePolicy } : {}),
        s3BlockPublicAccess: c.bucket ?? false,
      },
      c.request,
    );
    expect(decision === 'Allowed' ? 'Allowed' : 'Denied').toBe(c.expected);
    // An administrator's own-account attack without a resource policy can only be stopped by an SCP, explicitly.
    if (c.expected === 'Denied' && !c.resourcePolicy) expect(decision).toBe('ExplicitlyDenied');
  });

  test('every trusted principal, every core account and every directly attached account is attacked, and legitimate use is shown beside', () => {
    const kinds = new Set(
      trustedPrincipals(config)
        .filter((principal) => principal.protectedBy === 'scp')
        .map((principal) => principal.kind),
    );
    const attacked = new Set(cases.filter((c) => c.side === 'attack').map((c) => c.about));
    for (const kind of kinds) expect([kind, attacked.has(`trusted ${kind}`)]).toEqual([kind, true]);
    for (const account of [config.coreAccounts.logArchive, config.coreAccounts.audit])
      expect([account, attacked.has(`core ${account}`)]).toEqual([account, true]);
    expect(attacked.has(`management ${config.organization.managementAccountId}`)).toBe(true);
    expect(cases.filter((c) => c.side === 'legitimate').length).toBeGreaterThan(40);
    const names = cases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test('every action of the safeguard and core-account statements carries the service keys their conditions need', async () => {
    for (const scp of baselineServiceControlPolicies(config).filter((candidate) =>
      [SCP_NAMES.safeguardTampering, SCP_NAMES.coreAccountTampering].includes(candidate.name as never),
    )) {
      expect([scp.name, await conditionKeyGaps(scp.document)]).toEqual([scp.name, []]);
    }
    // The check can fail: CreateKey names no key, so an alias condition never holds for it.
    const createKey: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'S',
          Effect: 'Deny',
          Action: 'kms:CreateKey',
          Resource: '*',
          Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/x/*' } },
        },
      ],
    };
    expect(await conditionKeyGaps(createKey)).toEqual(['S: kms:CreateKey lacks kms:ResourceAliases']);
  });

  test('the SCPs fit governance.scpSizeLimit, and no target carries more than governance.scpsPerTarget, under the 10-per-target quota', () => {
    const policies = baselineServiceControlPolicies(config);
    for (const scp of policies) expect([scp.name, minify(scp.document).length <= config.governance.scpSizeLimit]).toEqual([scp.name, true]);
    for (const [target, count] of scpsPerTarget(policies)) expect([target, count <= config.governance.scpsPerTarget]).toEqual([target, true]);
    expect(config.governance.scpsPerTarget).toBeLessThan(SCPS_PER_TARGET_QUOTA);
  });
});

test('the central invocation-log bucket policy binds writers by OU, so 5,000 accounts leave it as it is, far within 20 KB', () => {
  const config = CONFIGS[0]![1];
  const prod = config.workloadAccounts[0]!;
  const many: BaselineConfig = {
    ...config,
    workloadAccounts: Array.from({ length: 5000 }, (_, i) => ({ ...prod, id: String(100000000000 + i), name: `account-${i}` })),
  };
  const policy = minify(centralInvocationLogBucketPolicy(many));
  expect(policy).toBe(minify(centralInvocationLogBucketPolicy(config)));
  expect(policy.length).toBeLessThan(20 * 1024);
});

/** Kinds of trusted principal, so a new kind fails here until the matrix covers it. */
const KINDS: readonly TrustedPrincipalKind[] = [
  'deployment-role',
  'break-glass',
  'break-glass-path',
  'break-glass-assumer',
  'guardrail-exempt-caller',
  'guardrail-exempt-service-role',
  'invoke-role',
  'baseline-service-role',
  'log-reader',
  'service-linked',
];

test('the two configs together hold every kind of trusted principal', () => {
  const held = new Set(CONFIGS.flatMap(([, config]) => trustedPrincipals(config).map((principal) => principal.kind)));
  expect([...held].sort()).toEqual([...KINDS].sort());
});
