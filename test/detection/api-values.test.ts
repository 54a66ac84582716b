/**
 * Every GuardDuty and Security Hub literal the baseline writes, checked against the AWS SDK
 * v3 clients: their enums where one exists, else the SDK's own documentation of the API
 * (the severity ranges of GuardDuty, the linking modes of the finding aggregator, the
 * standard ARNs in its examples). The AI Security Best Practices standard and the event
 * formats have no SDK source: they are checked for shape, and their AWS page is named in
 * detection/api-values.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  AutoEnableMembers,
  DetectionRuleSeverity,
  DetectorFeature,
  FeatureStatus,
  FindingPublishingFrequency,
  OrgFeature,
  OrgFeatureStatus,
} from '@aws-sdk/client-guardduty';
import {
  AutoEnableStandards,
  ComplianceStatus,
  ControlFindingGenerator,
  OrganizationConfigurationConfigurationType,
  RecordState,
  SeverityLabel,
  WorkflowStatus,
} from '@aws-sdk/client-securityhub';
import {
  GUARDDUTY_AI_PROTECTION_FEATURE,
  GUARDDUTY_AUTO_ENABLE_ALL,
  GUARDDUTY_FEATURE_ENABLED,
  GUARDDUTY_FINDING_PUBLISHING_FREQUENCIES,
  GUARDDUTY_SEVERITIES,
  GUARDDUTY_SEVERITY_FLOORS,
  SECURITY_HUB_AUTO_ENABLE_STANDARDS_NONE,
  SECURITY_HUB_COMPLIANCE_FAILED,
  SECURITY_HUB_CONFIGURATION_CENTRAL,
  SECURITY_HUB_CONTROL_FINDINGS_CONSOLIDATED,
  SECURITY_HUB_LINK_NO_REGIONS,
  SECURITY_HUB_LINK_SPECIFIED_REGIONS,
  SECURITY_HUB_RECORD_ACTIVE,
  SECURITY_HUB_SEVERITIES,
  SECURITY_HUB_STANDARDS,
  SECURITY_HUB_WORKFLOW_NEW,
} from '../../detection/api-values';

const sorted = (values: Iterable<string>): string[] => [...values].sort();
/** The type declarations of an SDK client, where its API documentation lives. */
const sdkDocs = (client: string, file: string): string =>
  readFileSync(join(dirname(require.resolve(`@aws-sdk/${client}/package.json`)), 'dist-types', file), 'utf8');

describe('GuardDuty literals match @aws-sdk/client-guardduty', () => {
  it.each([
    ['AI Protection as an organization feature', GUARDDUTY_AI_PROTECTION_FEATURE, OrgFeature],
    ['AI Protection as a detector feature', GUARDDUTY_AI_PROTECTION_FEATURE, DetectorFeature],
    ['auto-enable of the organization', GUARDDUTY_AUTO_ENABLE_ALL, AutoEnableMembers],
    ['auto-enable of a feature', GUARDDUTY_AUTO_ENABLE_ALL, OrgFeatureStatus],
    ['a detector feature switched on', GUARDDUTY_FEATURE_ENABLED, FeatureStatus],
  ])('%s: %s', (_what, value, sdkEnum) => {
    expect(Object.values(sdkEnum)).toContain(value);
  });

  it('finding publishing frequencies are exactly the SDK values', () => {
    expect(sorted(GUARDDUTY_FINDING_PUBLISHING_FREQUENCIES)).toEqual(sorted(Object.values(FindingPublishingFrequency)));
  });

  it('severity levels are the SDK labels, with the lowest number of each as the SDK documents them', () => {
    expect(sorted(GUARDDUTY_SEVERITIES.map((level) => level.toUpperCase()))).toEqual(sorted(Object.values(DetectionRuleSeverity)));
    const docs = sdkDocs('client-guardduty', 'models/models_1.d.ts');
    for (const level of GUARDDUTY_SEVERITIES) {
      const range = new RegExp(`<b>${level}</b>: <code>\\[([^\\]]*)\\]</code>`).exec(docs);
      expect([level, range && Math.min(...range[1]!.split(',').map((n) => Number(n.replace(/"/g, ''))))]).toEqual([
        level,
        GUARDDUTY_SEVERITY_FLOORS[level],
      ]);
    }
  });
});

describe('Security Hub literals match @aws-sdk/client-securityhub', () => {
  it.each([
    ['central configuration', SECURITY_HUB_CONFIGURATION_CENTRAL, OrganizationConfigurationConfigurationType],
    ['no default standards', SECURITY_HUB_AUTO_ENABLE_STANDARDS_NONE, AutoEnableStandards],
    ['consolidated control findings', SECURITY_HUB_CONTROL_FINDINGS_CONSOLIDATED, ControlFindingGenerator],
    ['a failed control', SECURITY_HUB_COMPLIANCE_FAILED, ComplianceStatus],
    ['an active finding', SECURITY_HUB_RECORD_ACTIVE, RecordState],
    ['an untriaged finding', SECURITY_HUB_WORKFLOW_NEW, WorkflowStatus],
  ])('%s: %s', (_what, value, sdkEnum) => {
    expect(Object.values(sdkEnum)).toContain(value);
  });

  it('routable severities are the SDK labels but INFORMATIONAL, lowest first', () => {
    expect(sorted([...SECURITY_HUB_SEVERITIES, 'INFORMATIONAL'])).toEqual(sorted(Object.values(SeverityLabel)));
  });

  it('linking modes are ones the SDK documents for CreateFindingAggregator', () => {
    const docs = sdkDocs('client-securityhub', 'models/models_2.d.ts');
    for (const mode of [SECURITY_HUB_LINK_SPECIFIED_REGIONS, SECURITY_HUB_LINK_NO_REGIONS]) expect(docs).toContain(`<code>${mode}</code>`);
  });

  it('the AWS Foundational Security Best Practices path is the one in the SDK examples; every path has the standard shape', () => {
    expect(sdkDocs('client-securityhub', 'commands/CreateConfigurationPolicyCommand.d.ts')).toContain(
      `::${SECURITY_HUB_STANDARDS['aws-foundational-security-best-practices']}`,
    );
    for (const path of Object.values(SECURITY_HUB_STANDARDS)) expect(path).toMatch(/^standards\/[a-z0-9-]+\/v\/\d+\.\d+\.\d+$/);
  });
});
