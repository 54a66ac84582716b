/**
 * Who an SNS topic of the baseline notifies: what an endpoint of each protocol looks like
 * (one table for the alarm topics and the Macie findings topic), and the checks of the
 * alarm subscriptions. Without cdktf, so the config layer (config/validate.ts) reports a
 * bad subscription at its YAML path and the topic construct refuses one it is handed
 * directly.
 */

/** An email address as SNS email subscriptions (and account root emails) need it. */
export const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** What an endpoint of each SNS protocol the baseline supports looks like. */
const SNS_ENDPOINTS = {
  email: { pattern: EMAIL_ADDRESS, expected: 'an email address' },
  'email-json': { pattern: EMAIL_ADDRESS, expected: 'an email address' },
  https: { pattern: /^https:\/\/[^\s/]+(\/\S*)?$/, expected: 'an https:// URL' },
  lambda: { pattern: /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[\w-]{1,64}(:[\w-]+)?$/, expected: 'a Lambda function ARN' },
  sqs: { pattern: /^arn:aws:sqs:[a-z0-9-]+:\d{12}:[\w-]{1,80}(\.fifo)?$/, expected: 'an SQS queue ARN' },
} as const;
export type SnsProtocol = keyof typeof SNS_ENDPOINTS;

/** `"<endpoint>" is not <what the protocol needs>`, or undefined when the endpoint fits. */
export function snsEndpointProblem(protocol: SnsProtocol, endpoint: string): string | undefined {
  const rule = SNS_ENDPOINTS[protocol];
  return rule.pattern.test(endpoint) ? undefined : `"${endpoint}" is not ${rule.expected}`;
}

/** Protocols an alarm topic delivers to (email-json is for machines; alarms go to people and tools). */
export const SUBSCRIPTION_PROTOCOLS = ['email', 'https', 'lambda', 'sqs'] as const satisfies readonly SnsProtocol[];
export type SubscriptionProtocol = (typeof SUBSCRIPTION_PROTOCOLS)[number];

export interface AlarmSubscription {
  /** How SNS delivers: email (needs confirming by the recipient), https, a Lambda function or an SQS queue. */
  readonly protocol: SubscriptionProtocol;
  /** Email address, https URL, or the function's or queue's ARN. */
  readonly endpoint: string;
}

/** What is wrong with one subscription of a list: its index, the field (absent for the whole entry) and why. */
export interface SubscriptionIssue {
  readonly index: number;
  readonly field?: keyof AlarmSubscription;
  readonly message: string;
}

/** Every problem of a subscription list, in order; empty when all are usable. */
export function alarmSubscriptionIssues(subscriptions: readonly AlarmSubscription[]): SubscriptionIssue[] {
  const issues: SubscriptionIssue[] = [];
  const seen = new Set<string>();
  subscriptions.forEach(({ protocol, endpoint }, index) => {
    if (!(SUBSCRIPTION_PROTOCOLS as readonly string[]).includes(protocol)) {
      issues.push({ index, field: 'protocol', message: `"${protocol}" is not one of ${SUBSCRIPTION_PROTOCOLS.join(', ')}` });
    } else {
      const problem = snsEndpointProblem(protocol, endpoint);
      if (problem) issues.push({ index, field: 'endpoint', message: problem });
    }
    const key = `${protocol}:${endpoint}`;
    if (seen.has(key)) issues.push({ index, message: `duplicate subscription ${key}` });
    seen.add(key);
  });
  return issues;
}

/** One message per bad subscription, naming its index (`[1].endpoint: ...`); empty when all are usable. */
export function alarmSubscriptionProblems(subscriptions: readonly AlarmSubscription[]): string[] {
  return alarmSubscriptionIssues(subscriptions).map(({ index, field, message }) => `[${index}]${field ? `.${field}` : ''}: ${message}`);
}
