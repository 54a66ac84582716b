/**
 * GuardDuty, Security Hub CSPM and their findings routing as synthesized into the
 * security-audit stack, the designations and trusted access in org-governance, and the
 * switches of the detection section: each service off removes exactly its resources.
 * Finding patterns are run against sample finding events shaped as the GuardDuty and
 * Security Hub user guides document them.
 */
import { Testing } from 'cdktf';
import type { BaselineConfig } from '../../config/schema';
import { OrgGovernanceStack } from '../../stacks/org-governance';
import { SecurityAuditStack } from '../../stacks/security-audit';
import { exampleConfig } from '../support/config';
import { matchesEventPattern } from '../support/event-pattern';
import { resourcesOfType, synthStack, type SynthesizedStack } from '../support/synth';
import { BREAK_GLASS_ROLE_PATH } from '../../naming/reserved-names';

const AUDIT = exampleConfig.coreAccounts.audit;
const HOME = exampleConfig.organization.homeRegion;
const withDetection = (change: (detection: BaselineConfig['detection']) => Partial<BaselineConfig['detection']>): BaselineConfig => ({
  ...exampleConfig,
  detection: { ...exampleConfig.detection, ...change(exampleConfig.detection) },
});
const audit = (config = exampleConfig) => synthStack(new SecurityAuditStack(Testing.app(), config));
const values = (stack: SynthesizedStack, type: string) => Object.values(resourcesOfType(stack, type));
const regionOf = (resource: Record<string, unknown>) =>
  resource.provider === undefined || resource.provider === 'aws' ? HOME : String(resource.provider).replace(/^aws\./, '');
const imports = (stack: SynthesizedStack) => (stack.json as { import?: Array<Record<string, string>> }).import ?? [];

const stack = audit();

describe('GuardDuty from the audit account', () => {
  it('adopts the detector the designation enabled in each allowed region, by the id AWS reports, and never destroys it', () => {
    const detectors = resourcesOfType(stack, 'aws_guardduty_detector');
    expect(Object.values(detectors).map(regionOf).sort()).toEqual(['us-east-1', 'us-west-2']);
    for (const [id, detector] of Object.entries(detectors)) {
      expect(detector).toMatchObject({ enable: true, finding_publishing_frequency: 'FIFTEEN_MINUTES', lifecycle: { prevent_destroy: true } });
      const adoption = imports(stack).find((entry) => entry.to === `aws_guardduty_detector.${id}`);
      expect(adoption?.id).toMatch(/^\$\{data\.aws_guardduty_detector\.[^.]+\.id\}$/);
      const lookup = stack.json.data?.aws_guardduty_detector?.[adoption!.id.replace(/^\$\{data\.aws_guardduty_detector\.([^.]+)\.id\}$/, '$1')];
      expect(regionOf(lookup!)).toBe(regionOf(detector));
    }
  });

  it('auto-enables every account of the organization, and AI Protection for the members and the administrator, in every region', () => {
    for (const type of [
      'aws_guardduty_organization_configuration',
      'aws_guardduty_organization_configuration_feature',
      'aws_guardduty_detector_feature',
    ]) {
      expect([type, values(stack, type).map(regionOf).sort()]).toEqual([type, ['us-east-1', 'us-west-2']]);
    }
    for (const config of values(stack, 'aws_guardduty_organization_configuration')) expect(config.auto_enable_organization_members).toBe('ALL');
    for (const feature of values(stack, 'aws_guardduty_organization_configuration_feature'))
      expect(feature).toMatchObject({ name: 'AI_PROTECTION', auto_enable: 'ALL' });
    for (const feature of values(stack, 'aws_guardduty_detector_feature'))
      expect(feature).toMatchObject({ name: 'AI_PROTECTION', status: 'ENABLED' });
  });
});

describe('Security Hub CSPM from the audit account', () => {
  const policy = values(stack, 'aws_securityhub_configuration_policy');

  it('adopts the hub the designation enabled, without default standards, with consolidated control findings', () => {
    expect(values(stack, 'aws_securityhub_account')).toEqual([
      expect.objectContaining({
        enable_default_standards: false,
        control_finding_generator: 'SECURITY_CONTROL',
        lifecycle: { prevent_destroy: true },
      }),
    ]);
    expect(
      imports(stack)
        .filter((entry) => entry.to.startsWith('aws_securityhub_account.'))
        .map((entry) => entry.id),
    ).toEqual([AUDIT]);
  });

  it('aggregates the other allowed regions into the home region, then switches to central configuration', () => {
    expect(values(stack, 'aws_securityhub_finding_aggregator')).toEqual([
      expect.objectContaining({ linking_mode: 'SPECIFIED_REGIONS', specified_regions: ['us-west-2'] }),
    ]);
    const [organization] = values(stack, 'aws_securityhub_organization_configuration');
    expect(organization).toMatchObject({
      auto_enable: false,
      auto_enable_standards: 'NONE',
      organization_configuration: { configuration_type: 'CENTRAL' },
    });
    expect(String(organization!.depends_on)).toContain('aws_securityhub_finding_aggregator.');
    expect(String(policy[0]!.depends_on)).toContain('aws_securityhub_organization_configuration.');
  });

  it('enables the AI Security and Foundational standards in every governed OU and the two core accounts', () => {
    expect(policy).toHaveLength(1);
    expect(policy[0]!.configuration_policy).toEqual({
      service_enabled: true,
      enabled_standard_arns: [
        `arn:aws:securityhub:${HOME}::standards/ai-security-best-practices/v/1.0.0`,
        `arn:aws:securityhub:${HOME}::standards/aws-foundational-security-best-practices/v/1.0.0`,
      ],
      security_controls_configuration: { disabled_control_identifiers: [] },
    });
    const targets = values(stack, 'aws_securityhub_configuration_policy_association').map((association) => association.target_id);
    expect(targets.sort()).toEqual([...exampleConfig.organizationalUnits.map((ou) => ou.id), exampleConfig.coreAccounts.logArchive, AUDIT].sort());
  });
});

describe('findings that reach people', () => {
  const rule = (name: string) => values(stack, 'aws_cloudwatch_event_rule').find((candidate) => candidate.name === name)!;
  const pattern = (name: string) => JSON.parse(String(rule(name).event_pattern)) as object;
  const guardDutyFinding = (type: string, severity: number) => ({
    source: 'aws.guardduty',
    'detail-type': 'GuardDuty Finding',
    region: 'us-west-2',
    detail: { type, severity, accountId: '444444444444', resource: { resourceType: 'AccessKey' } },
  });
  const controlFinding = (controlId: string, label: string, extra: object = {}) => ({
    source: 'aws.securityhub',
    'detail-type': 'Security Hub Findings - Imported',
    detail: {
      findings: [
        {
          Compliance: { Status: 'FAILED', SecurityControlId: controlId },
          Severity: { Label: label },
          RecordState: 'ACTIVE',
          Workflow: { Status: 'NEW' },
          ...extra,
        },
      ],
    },
  });

  it.each<[string, object, boolean]>([
    ['anomalous model invocation, Medium (5.0)', guardDutyFinding('Impact:IAMUser/AnomalousModelInvocation', 5), true],
    ['cost harvesting, High (8.0)', guardDutyFinding('Impact:IAMUser/CostHarvesting', 8), true],
    ['Bedrock logging disabled at the Medium floor (4.0)', guardDutyFinding('DefenseEvasion:IAMUser/BedrockLoggingDisabled', 4), true],
    ['a Low finding (3.9)', guardDutyFinding('Recon:IAMUser/MaliciousIPCaller', 3.9), false],
    ['a Macie finding', { source: 'aws.macie', 'detail-type': 'Macie Finding', detail: { severity: 8 } }, false],
  ])('the GuardDuty rule: %s -> %s', (_case, event, forwarded) => {
    expect(matchesEventPattern(pattern('bedrock-gov-guardduty-findings'), event)).toBe(forwarded);
    expect(matchesEventPattern(pattern('bedrock-gov-guardduty-findings-forward'), event)).toBe(forwarded);
  });

  it.each<[string, object, boolean]>([
    ['Bedrock.1 failed, HIGH', controlFinding('Bedrock.1', 'HIGH'), true],
    ['BedrockAgentCore.3 failed, CRITICAL', controlFinding('BedrockAgentCore.3', 'CRITICAL'), true],
    ['BedrockAgentCore.1 failed, MEDIUM', controlFinding('BedrockAgentCore.1', 'MEDIUM'), false],
    ['S3.1 failed, CRITICAL', controlFinding('S3.1', 'CRITICAL'), false],
    ['Bedrock.1 already suppressed', controlFinding('Bedrock.1', 'HIGH', { Workflow: { Status: 'SUPPRESSED' } }), false],
    ['Bedrock.1 passed', controlFinding('Bedrock.1', 'HIGH', { Compliance: { Status: 'PASSED', SecurityControlId: 'Bedrock.1' } }), false],
    [
      'a GuardDuty finding imported into Security Hub',
      {
        source: 'aws.securityhub',
        'detail-type': 'Security Hub Findings - Imported',
        detail: { findings: [{ Severity: { Label: 'HIGH' }, RecordState: 'ACTIVE', Workflow: { Status: 'NEW' }, ProductName: 'GuardDuty' }] },
      },
      false,
    ],
  ])('the Security Hub rule: %s -> %s', (_case, event, forwarded) => {
    expect(matchesEventPattern(pattern('bedrock-gov-securityhub-findings'), event)).toBe(forwarded);
  });

  it("both home-region rules publish to the encrypted security findings topic, which notifies Macie's subscriptions by default", () => {
    const [topicId, topic] = Object.entries(resourcesOfType(stack, 'aws_sns_topic')).find(
      ([, candidate]) => candidate.name === 'bedrock-gov-security-findings',
    )!;
    expect(String(topic.kms_master_key_id)).toMatch(/^\$\{aws_kms_key\.security-findings-alerts_topic_key_/);
    const toTopic = values(stack, 'aws_cloudwatch_event_target').filter((target) => target.arn === `\${aws_sns_topic.${topicId}.arn}`);
    expect(toTopic.map((target) => target.rule).sort()).toEqual([
      expect.stringContaining('guardDuty-rule'),
      expect.stringContaining('securityHub-rule'),
    ]);
    const subscriptions = values(stack, 'aws_sns_topic_subscription').filter(
      (subscription) => subscription.topic_arn === `\${aws_sns_topic.${topicId}.arn}`,
    );
    expect(subscriptions.map(({ protocol, endpoint }) => ({ protocol, endpoint }))).toEqual(exampleConfig.macie.findings.subscriptions);
  });

  it("its own subscriptions replace Macie's", () => {
    const own = audit(withDetection(() => ({ findings: { subscriptions: [{ protocol: 'https', endpoint: 'https://soc.example.com/findings' }] } })));
    const [topicId] = Object.entries(resourcesOfType(own, 'aws_sns_topic')).find(
      ([, candidate]) => candidate.name === 'bedrock-gov-security-findings',
    )!;
    const subscriptions = values(own, 'aws_sns_topic_subscription').filter(
      (subscription) => subscription.topic_arn === `\${aws_sns_topic.${topicId}.arn}`,
    );
    expect(subscriptions.map(({ protocol, endpoint }) => ({ protocol, endpoint }))).toEqual([
      { protocol: 'https', endpoint: 'https://soc.example.com/findings' },
    ]);
  });
});

describe('the switches', () => {
  const guardDutyOff = audit(withDetection((detection) => ({ guardDuty: { ...detection.guardDuty, enabled: false } })));
  const bothOff = audit(
    withDetection((detection) => ({
      guardDuty: { ...detection.guardDuty, enabled: false },
      securityHub: { ...detection.securityHub, enabled: false },
    })),
  );
  const guardDutyTypes = (s: SynthesizedStack) => Object.keys(s.json.resource ?? {}).filter((type) => type.startsWith('aws_guardduty_'));

  it('GuardDuty off: no detector, no forwarding, the home region only; the topic takes Security Hub findings alone', () => {
    expect(guardDutyTypes(guardDutyOff)).toEqual([]);
    expect((guardDutyOff.json.provider?.aws as unknown[]).length).toBe(1);
    expect(
      values(guardDutyOff, 'aws_cloudwatch_event_rule')
        .map((rule) => rule.name)
        .sort(),
    ).toEqual(['bedrock-gov-macie-findings', 'bedrock-gov-securityhub-findings']);
    // The break-glass role is every stack's; the forwarder role is GuardDuty's alone.
    expect(values(guardDutyOff, 'aws_iam_role').filter((role) => role.path !== BREAK_GLASS_ROLE_PATH)).toEqual([]);
  });

  it('both off: no security findings topic, nothing of either service, Macie untouched', () => {
    expect(
      Object.keys(bothOff.json.resource ?? {}).filter((type) => type.startsWith('aws_guardduty_') || type.startsWith('aws_securityhub_')),
    ).toEqual([]);
    expect(values(bothOff, 'aws_sns_topic').map((topic) => topic.name)).toEqual(['bedrock-gov-macie-findings']);
    expect(values(bothOff, 'aws_macie2_classification_job')).toHaveLength(1);
  });

  it('org-governance designates the audit account and trusts the services only while they are on', () => {
    const on = synthStack(new OrgGovernanceStack(Testing.app(), exampleConfig));
    const off = synthStack(
      new OrgGovernanceStack(
        Testing.app(),
        withDetection((detection) => ({
          guardDuty: { ...detection.guardDuty, enabled: false },
          securityHub: { ...detection.securityHub, enabled: false },
        })),
      ),
    );
    expect(values(on, 'aws_guardduty_organization_admin_account').map((admin) => [admin.admin_account_id, regionOf(admin)])).toEqual([
      [AUDIT, 'us-east-1'],
      [AUDIT, 'us-west-2'],
    ]);
    expect(values(on, 'aws_securityhub_organization_admin_account').map((admin) => [admin.admin_account_id, regionOf(admin)])).toEqual([
      [AUDIT, 'us-east-1'],
    ]);
    const trusted = (s: SynthesizedStack) => values(s, 'aws_organizations_organization')[0]!.aws_service_access_principals;
    expect(trusted(on)).toEqual(expect.arrayContaining(['guardduty.amazonaws.com', 'securityhub.amazonaws.com']));
    expect(trusted(off)).toEqual(['cloudtrail.amazonaws.com', 'macie.amazonaws.com']);
    expect(values(off, 'aws_guardduty_organization_admin_account')).toEqual([]);
    expect(values(off, 'aws_securityhub_organization_admin_account')).toEqual([]);
  });
});
