/** Structure of the security-audit stack and of the Macie designation in org-governance. */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Macie2Account } from '@cdktf/provider-aws/lib/macie2-account';
import { Macie2ClassificationJob } from '@cdktf/provider-aws/lib/macie2-classification-job';
import { Macie2CustomDataIdentifier } from '@cdktf/provider-aws/lib/macie2-custom-data-identifier';
import { Macie2Member } from '@cdktf/provider-aws/lib/macie2-member';
import { Macie2OrganizationAdminAccount } from '@cdktf/provider-aws/lib/macie2-organization-admin-account';
import { Macie2OrganizationConfiguration } from '@cdktf/provider-aws/lib/macie2-organization-configuration';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Testing } from 'cdktf';
import { stackCatalog } from '../../app';
import { parseConfig } from '../../config/load';
import { SECRET_IDENTIFIERS } from '../../macie/custom-identifiers';
import { OrgGovernanceStack } from '../../stacks/org-governance';
import { SECURITY_AUDIT_STACK } from '../../naming/stacks';
import { SecurityAuditStack } from '../../stacks/security-audit';
import { exampleConfig, withMacie } from '../support/config';
import { editedExampleConfig } from '../support/config-fixtures';
import { referencedId, resourcesOfType, synthStack } from '../support/synth';

const AUDIT = exampleConfig.coreAccounts.audit;
const LOG_ARCHIVE = exampleConfig.coreAccounts.logArchive;
const CENTRAL_BUCKET = `bedrock-gov-invocation-logs-${LOG_ARCHIVE}-${exampleConfig.organization.homeRegion}`;

const synth = (config = exampleConfig) => synthStack(new SecurityAuditStack(Testing.app(), config));
const only = <T>(resources: Record<string, T>): T => {
  const values = Object.values(resources);
  expect(values).toHaveLength(1);
  return values[0]!;
};

describe('security-audit stack', () => {
  const stack = synth();

  it('is in the catalog under its CLI name', () => {
    expect(stackCatalog(exampleConfig).has(SECURITY_AUDIT_STACK)).toBe(true);
  });

  it('deploys into the audit account: the home region first, then the other GuardDuty regions', () => {
    const providers = stack.json.provider?.aws as Array<Record<string, unknown>>;
    expect(providers.map((provider) => provider.region)).toEqual([exampleConfig.organization.homeRegion, 'us-west-2']);
    for (const provider of providers) expect(provider).toMatchObject({ allowed_account_ids: [AUDIT] });
  });

  it('adopts the Macie session the designation enabled, and never destroys it', () => {
    expect(stack.text).toHaveResourceWithProperties(Macie2Account, {
      finding_publishing_frequency: exampleConfig.macie.findingPublishingFrequency,
      status: 'ENABLED',
      lifecycle: { prevent_destroy: true },
    });
    expect((stack.json as { import?: unknown[] }).import).toContainEqual({ id: AUDIT, to: 'aws_macie2_account.macie' });
  });

  it('auto-enables accounts that join the organization', () => {
    expect(stack.text).toHaveResourceWithProperties(Macie2OrganizationConfiguration, { auto_enable: true, depends_on: ['aws_macie2_account.macie'] });
  });

  it('makes the log-archive account a member when its email is configured, and not otherwise', () => {
    expect(stack.text).toHaveResourceWithProperties(Macie2Member, {
      account_id: LOG_ARCHIVE,
      email: exampleConfig.macie.logArchiveAccountEmail,
      invite: false,
      status: 'ENABLED',
    });
    const withoutEmail = synth(withMacie(() => ({ logArchiveAccountEmail: undefined })));
    expect(resourcesOfType(withoutEmail, 'aws_macie2_member')).toEqual({});
  });

  it('schedules a daily job over the central bucket of the log-archive account, scoped to the Bedrock log prefix', () => {
    expect(stack.text).toHaveResourceWithProperties(Macie2ClassificationJob, {
      job_type: 'SCHEDULED',
      job_status: 'RUNNING',
      schedule_frequency: { daily_schedule: true },
      sampling_percentage: exampleConfig.macie.classification.samplingPercentage,
      initial_run: false,
      s3_job_definition: {
        bucket_definitions: [{ account_id: LOG_ARCHIVE, buckets: [CENTRAL_BUCKET] }],
        scoping: { includes: { and: [{ simple_scope_term: { comparator: 'STARTS_WITH', key: 'OBJECT_KEY', values: ['AWSLogs/'] } }] } },
      },
    });
  });

  it('replaces the job create-before-destroy, and lets only its name track the identifier list', () => {
    const job = only(resourcesOfType(stack, 'aws_macie2_classification_job'));
    expect(job.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ['custom_data_identifier_ids'] });
  });

  it('waits for the session and the log-archive membership before creating the job', () => {
    const job = only(resourcesOfType(stack, 'aws_macie2_classification_job'));
    const member = Object.keys(resourcesOfType(stack, 'aws_macie2_member'))[0];
    expect(job.depends_on).toEqual(['aws_macie2_account.macie', `aws_macie2_member.${member}`]);
  });

  it('uses every custom data identifier: the built-in ones and those of the config', () => {
    const identifiers = resourcesOfType(stack, 'aws_macie2_custom_data_identifier');
    expect(Object.keys(identifiers)).toHaveLength(SECRET_IDENTIFIERS.length + exampleConfig.macie.customDataIdentifiers.length);
    const job = only(resourcesOfType(stack, 'aws_macie2_classification_job'));
    const used = (job.custom_data_identifier_ids as string[]).map((reference) => referencedId(reference, 'aws_macie2_custom_data_identifier'));
    expect(used.sort()).toEqual(Object.keys(identifiers).sort());
    for (const allowed of exampleConfig.macie.allowList) {
      for (const identifier of Object.values(identifiers)) expect(identifier.ignore_words).toContain(allowed);
    }
    expect(stack.text).toHaveResourceWithProperties(Macie2CustomDataIdentifier, {
      regex: exampleConfig.macie.customDataIdentifiers[0]!.regex,
      lifecycle: { create_before_destroy: true },
    });
  });

  it('pauses the job in place when configured, without renaming it', () => {
    const paused = synth(withMacie((macie) => ({ classification: { ...macie.classification, paused: true } })));
    const job = only(resourcesOfType(paused, 'aws_macie2_classification_job'));
    expect(job.job_status).toBe('USER_PAUSED');
    expect(job.name).toBe(only(resourcesOfType(stack, 'aws_macie2_classification_job')).name);
  });

  it('renames the job when the sampling changes, so the replacement is deliberate', () => {
    const resampled = synth(withMacie((macie) => ({ classification: { ...macie.classification, samplingPercentage: 25 } })));
    expect(only(resourcesOfType(resampled, 'aws_macie2_classification_job')).name).not.toBe(
      only(resourcesOfType(stack, 'aws_macie2_classification_job')).name,
    );
  });

  it('encrypts the findings topic with a rotated customer managed key that a destroy keeps', () => {
    expect(stack.text).toHaveResourceWithProperties(KmsKey, {
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
    expect(stack.text).toHaveResourceWithProperties(KmsAlias, { name: 'alias/bedrock-gov/macie-findings' });
    const key = Object.keys(macieAlerts('aws_kms_key'))[0];
    expect(stack.text).toHaveResourceWithProperties(SnsTopic, {
      name: 'bedrock-gov-macie-findings',
      kms_master_key_id: `\${aws_kms_key.${key}.arn}`,
    });
  });

  /** The Macie findings alerts' resources of `type`: construct ids under `findings-alerts`. */
  const macieAlerts = (type: string) =>
    Object.fromEntries(Object.entries(resourcesOfType(stack, type)).filter(([id]) => id.startsWith('findings-alerts_')));

  it('sends Macie findings about the central bucket, Medium and above, to the topic', () => {
    const rule = only(macieAlerts('aws_cloudwatch_event_rule'));
    expect(JSON.parse(String(rule.event_pattern))).toEqual({
      source: ['aws.macie'],
      'detail-type': ['Macie Finding'],
      detail: { severity: { description: ['Medium', 'High'] }, resourcesAffected: { s3Bucket: { name: [CENTRAL_BUCKET] } } },
    });
    expect(stack.text).toHaveResourceWithProperties(CloudwatchEventRule, { name: 'bedrock-gov-macie-findings' });
    const [ruleId] = Object.keys(macieAlerts('aws_cloudwatch_event_rule'));
    const [topicId] = Object.keys(macieAlerts('aws_sns_topic'));
    expect(stack.text).toHaveResourceWithProperties(CloudwatchEventTarget, {
      rule: `\${aws_cloudwatch_event_rule.${ruleId}.name}`,
      arn: `\${aws_sns_topic.${topicId}.arn}`,
    });
  });

  it('subscribes every configured endpoint, keyed by content so the others stay put', () => {
    for (const subscription of exampleConfig.macie.findings.subscriptions) {
      expect(stack.text).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: subscription.protocol, endpoint: subscription.endpoint });
    }
    const extra = { protocol: 'https' as const, endpoint: 'https://hooks.example.com/macie' };
    const more = synth(withMacie((macie) => ({ findings: { ...macie.findings, subscriptions: [extra, ...macie.findings.subscriptions] } })));
    const before = resourcesOfType(stack, 'aws_sns_topic_subscription');
    const after = resourcesOfType(more, 'aws_sns_topic_subscription');
    // Macie's topic and the security findings topic, which takes Macie's subscriptions by default.
    expect(Object.keys(after)).toHaveLength(Object.keys(before).length + 2);
    for (const [id, subscription] of Object.entries(before)) expect(after[id]).toEqual(subscription);
  });

  it('synthesizes the same Terraform twice', () => {
    expect(synth().text).toBe(stack.text);
  });
});

describe('org-governance', () => {
  it('designates the audit account as Macie delegated administrator after the organization', () => {
    const stack = synthStack(new OrgGovernanceStack(Testing.app(), exampleConfig));
    const [organization] = Object.keys(resourcesOfType(stack, 'aws_organizations_organization'));
    expect(stack.text).toHaveResourceWithProperties(Macie2OrganizationAdminAccount, {
      admin_account_id: AUDIT,
      depends_on: [`aws_organizations_organization.${organization}`],
    });
    const organizationResource = resourcesOfType(stack, 'aws_organizations_organization')[organization!]!;
    expect(organizationResource.aws_service_access_principals).toContain('macie.amazonaws.com');
  });
});

describe('security-audit determinism', () => {
  it('synthesizes byte-identical Terraform when the macie lists are reordered in the YAML', () => {
    const subscriptions = [
      { protocol: 'email', endpoint: 'soc@example.com' },
      { protocol: 'https', endpoint: 'https://hooks.example.com/a' },
    ];
    const synthOf = (subscriptionList: object[], allowList: string[]) =>
      synthStack(
        new SecurityAuditStack(
          Testing.app(),
          parseConfig(
            editedExampleConfig(
              { set: ['macie', 'findings', 'subscriptions'], value: subscriptionList },
              { set: ['macie', 'allowList'], value: allowList },
            ),
            'baseline.yaml',
          ),
        ),
      ).text;
    expect(synthOf([...subscriptions].reverse(), ['sample-b', 'sample-a'])).toBe(synthOf(subscriptions, ['sample-a', 'sample-b']));
  });
});
