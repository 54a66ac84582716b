/**
 * GuardDuty and Security Hub findings that reach people: EventBridge rules in the audit
 * account's home region publish to one SNS topic, encrypted with its own customer managed
 * key, with the subscriptions of the config. GuardDuty publishes findings in the region
 * where they occur, so each other detector region has a rule that forwards them to the
 * home region's default event bus, where the GuardDuty rule picks them up; Security Hub
 * aggregates its findings into the home region itself.
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Construct } from 'constructs';
import type { GuardDutySeverity, SecurityHubSeverity } from '../detection/api-values';
import { guardDutyFindingsPattern, securityHubBedrockFindingsPattern } from '../detection/event-patterns';
import { eventBusArn, eventRuleArn, snsTopicArn } from '../naming/arns';
import {
  FINDINGS_FORWARDER_ROLE_NAME,
  GUARDDUTY_FINDINGS_FORWARD_RULE_NAME,
  KEY_PURPOSES,
  ROLE_POLICY_NAMES,
  SECURITY_FINDINGS_RULE_NAMES,
  SECURITY_FINDINGS_TOPIC_NAME,
} from '../naming/resources';
import { findingsTopicKeyPolicy, findingsTopicPolicy } from '../policies/findings-topic';
import type { KeyAdministratorRoles } from '../policies/keys/key-administration';
import { findingsForwarderPermissions, findingsForwarderTrustPolicy } from '../policies/roles/findings-forwarder-role';
import { EncryptedTopic, type TopicSubscription } from './encrypted-topic';
import type { DetectorRegion } from './guardduty-organization';
import { ServiceRole } from './service-role';

export interface SecurityFindingsAlertsProps {
  /** The audit account: owner of the rules, the role, the topic and its key. */
  readonly accountId: string;
  /** Region and provider of the topic and the findings rules. */
  readonly home: DetectorRegion;
  /** GuardDuty findings to route: every detector region (home included) and the lowest severity; absent when GuardDuty is off. */
  readonly guardDuty?: { readonly regions: readonly DetectorRegion[]; readonly minimumSeverity: GuardDutySeverity };
  /** Security Hub findings to route; absent when Security Hub is off. */
  readonly securityHub?: { readonly minimumSeverity: SecurityHubSeverity };
  /** Who receives the findings. */
  readonly subscriptions: readonly TopicSubscription[];
  /** The deployment role and break-glass roles that administer the topic's key. */
  readonly keyAdministrators: KeyAdministratorRoles;
}

export class SecurityFindingsAlerts extends Construct {
  /** The encrypted topic the findings are published to. */
  readonly topic: EncryptedTopic;
  /** The rules of the home region that publish to the topic, by source. */
  readonly rules: ReadonlyMap<'guardDuty' | 'securityHub', CloudwatchEventRule>;

  constructor(scope: Construct, id: string, props: SecurityFindingsAlertsProps) {
    super(scope, id);
    const { accountId, home } = props;
    const patterns: Array<['guardDuty' | 'securityHub', object, string]> = [];
    if (props.guardDuty)
      patterns.push([
        'guardDuty',
        guardDutyFindingsPattern(props.guardDuty.minimumSeverity),
        `GuardDuty findings, ${props.guardDuty.minimumSeverity} and above, of every detector region.`,
      ]);
    if (props.securityHub)
      patterns.push([
        'securityHub',
        securityHubBedrockFindingsPattern(props.securityHub.minimumSeverity),
        `Failed Bedrock and AgentCore control findings of Security Hub CSPM, ${props.securityHub.minimumSeverity} and above.`,
      ]);
    if (patterns.length === 0) throw new Error('security findings alerts need GuardDuty or Security Hub');

    const topicArn = snsTopicArn(home.region, accountId, SECURITY_FINDINGS_TOPIC_NAME);
    const grant = {
      accountId,
      topicArn,
      ruleArns: patterns.map(([source]) => eventRuleArn(home.region, accountId, SECURITY_FINDINGS_RULE_NAMES[source])),
    };
    this.topic = new EncryptedTopic(this, 'topic', {
      provider: home.provider,
      name: SECURITY_FINDINGS_TOPIC_NAME,
      keyPurpose: KEY_PURPOSES.securityFindings,
      keyPolicy: findingsTopicKeyPolicy({ ...grant, administrators: props.keyAdministrators }, 'EncryptFindingsForTopicFromRulesOnly'),
      topicPolicy: findingsTopicPolicy(grant, 'PublishFromFindingsRulesOnly'),
      subscriptions: props.subscriptions,
    });

    const rules = new Map<'guardDuty' | 'securityHub', CloudwatchEventRule>();
    for (const [source, pattern, description] of patterns) {
      const rule = new CloudwatchEventRule(this, `${source}-rule`, {
        provider: home.provider,
        name: SECURITY_FINDINGS_RULE_NAMES[source],
        description,
        eventPattern: JSON.stringify(pattern),
      });
      new CloudwatchEventTarget(this, `${source}-rule-target`, {
        provider: home.provider,
        rule: rule.name,
        targetId: 'findings-topic',
        arn: this.topic.topic.arn,
      });
      rules.set(source, rule);
    }
    this.rules = rules;

    const others = (props.guardDuty?.regions ?? []).filter(({ region }) => region !== home.region);
    if (others.length === 0 || !props.guardDuty) return;
    const forwarding = { accountId, homeRegion: home.region, sourceRegions: others.map(({ region }) => region) };
    const forwarder = new ServiceRole(this, 'forwarder-role', {
      provider: home.provider,
      name: FINDINGS_FORWARDER_ROLE_NAME,
      description: 'EventBridge forwards GuardDuty findings of the other detector regions to the home region default event bus.',
      trustPolicy: findingsForwarderTrustPolicy(forwarding),
      permissionsName: ROLE_POLICY_NAMES.findingsForwarding,
      permissions: findingsForwarderPermissions(forwarding),
    });
    const pattern = JSON.stringify(guardDutyFindingsPattern(props.guardDuty.minimumSeverity));
    for (const { region, provider } of others) {
      const rule = new CloudwatchEventRule(this, `guardDuty-forward-rule-${region}`, {
        provider,
        name: GUARDDUTY_FINDINGS_FORWARD_RULE_NAME,
        description: `GuardDuty findings of ${region}, ${props.guardDuty.minimumSeverity} and above, to the ${home.region} default event bus.`,
        eventPattern: pattern,
      });
      new CloudwatchEventTarget(this, `guardDuty-forward-rule-target-${region}`, {
        provider,
        rule: rule.name,
        targetId: 'home-region-event-bus',
        arn: eventBusArn(home.region, accountId),
        roleArn: forwarder.role.arn,
        dependsOn: [forwarder.permissions],
      });
    }
  }
}
