/**
 * Per-account alarms on the metrics Bedrock publishes by itself: guardrail
 * interventions (namespace AWS/Bedrock/Guardrails) and model invocations (AWS/Bedrock).
 * Each alarm is a CloudWatch Metrics Insights query, so it covers every guardrail,
 * version and model of the account, including ones created after the alarm.
 */

export const GUARDRAIL_NAMESPACE = 'AWS/Bedrock/Guardrails';
export const RUNTIME_NAMESPACE = 'AWS/Bedrock';

/**
 * Values of the GuardrailPolicyType dimension. Prompt attacks are counted under
 * ContentPolicy: there is no separate dimension value for them.
 */
export const GUARDRAIL_POLICY_TYPES = ['ContentPolicy', 'SensitiveInformationPolicy', 'TopicPolicy', 'WordPolicy'] as const;
export type GuardrailPolicyType = (typeof GUARDRAIL_POLICY_TYPES)[number];

export interface MetricAlarmThresholds {
  /** Guardrail interventions (blocks and masks, every guardrail and version of the account) per period above which to alarm. */
  readonly interventions: number;
  /** Interventions of one policy type per period; only the types listed get an alarm. */
  readonly interventionsByPolicyType?: Readonly<Partial<Record<GuardrailPolicyType, number>>>;
  /** Successful model invocations (every model and inference profile) per period above which to alarm. */
  readonly invocations: number;
}

/** Organization-wide thresholds and the per-account replacements, as the config's alarms.bedrockMetrics holds them. */
export interface MetricAlarmThresholdSettings {
  readonly thresholds: MetricAlarmThresholds;
  readonly accountThresholds: Readonly<Record<string, Partial<MetricAlarmThresholds>>>;
}

/** The thresholds of one account: each value the account sets replaces the organization's (a policy-type map replaces the whole map). */
export function metricAlarmThresholdsOf(settings: MetricAlarmThresholdSettings, accountId: string): MetricAlarmThresholds {
  return { ...settings.thresholds, ...settings.accountThresholds[accountId] };
}

export interface MetricQueryAlarmDefinition {
  /** Alarm name suffix. */
  readonly id: string;
  readonly description: string;
  /** A Metrics Insights query returning one time series. */
  readonly query: string;
  /** The alarm fires when the query's value is greater than this. */
  readonly threshold: number;
}

/** Default evaluation period of the metric alarms. */
export const METRIC_ALARM_PERIOD_SECONDS = 300;

function checkedThreshold(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}: threshold ${value} is not a whole number of events`);
  return value;
}

export function bedrockMetricAlarms(thresholds: MetricAlarmThresholds): MetricQueryAlarmDefinition[] {
  const perType = Object.entries(thresholds.interventionsByPolicyType ?? {})
    .filter((entry): entry is [GuardrailPolicyType, number] => entry[1] !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [type] of perType) {
    if (!GUARDRAIL_POLICY_TYPES.includes(type)) throw new Error(`"${type}" is not a guardrail policy type (${GUARDRAIL_POLICY_TYPES.join(', ')})`);
  }
  return [
    {
      id: 'GuardrailInterventions',
      description:
        'Guardrails of this account intervened (blocked or masked) more often than usual. A spike is a probing user or a misbehaving application; a step change after a deploy is a guardrail profile that is too strict.',
      // One series per guardrail and version: summing them counts every intervention once.
      query: `SELECT SUM(InvocationsIntervened) FROM SCHEMA("${GUARDRAIL_NAMESPACE}", GuardrailArn, GuardrailVersion)`,
      threshold: checkedThreshold('interventions', thresholds.interventions),
    },
    ...perType.map(([type, threshold]) => ({
      id: `GuardrailInterventions-${type}`,
      description: `Guardrail interventions by the ${type} policy of any guardrail of this account.${type === 'ContentPolicy' ? ' Prompt attacks count here.' : ''}`,
      // Without SCHEMA(): the query does not depend on which other dimensions come with GuardrailPolicyType.
      query: `SELECT SUM(InvocationsIntervened) FROM "${GUARDRAIL_NAMESPACE}" WHERE GuardrailPolicyType = '${type}'`,
      threshold: checkedThreshold(`interventionsByPolicyType.${type}`, threshold),
    })),
    {
      id: 'ModelInvocations',
      description:
        'Model invocations in this account and region rose above the expected volume: scripted abuse, leaked credentials, or a runaway application (denial of wallet).',
      query: `SELECT SUM(Invocations) FROM SCHEMA("${RUNTIME_NAMESPACE}", ModelId)`,
      threshold: checkedThreshold('invocations', thresholds.invocations),
    },
  ];
}
