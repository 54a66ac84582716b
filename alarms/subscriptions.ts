/**
 * Who an alarm topic notifies. Validated here, without cdktf, so the config layer
 * (config/validate.ts) reports a bad subscription at its YAML path and the topic
 * construct refuses one it is handed directly.
 */

export const SUBSCRIPTION_PROTOCOLS = ['email', 'https', 'lambda', 'sqs'] as const;
export type SubscriptionProtocol = (typeof SUBSCRIPTION_PROTOCOLS)[number];

export interface AlarmSubscription {
  /** How SNS delivers: email (needs confirming by the recipient), https, a Lambda function or an SQS queue. */
  readonly protocol: SubscriptionProtocol;
  /** Email address, https URL, or the function's or queue's ARN. */
  readonly endpoint: string;
}

const ENDPOINTS: Readonly<Record<SubscriptionProtocol, { readonly pattern: RegExp; readonly expected: string }>> = {
  email: { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, expected: 'an email address' },
  https: { pattern: /^https:\/\/[^\s]+$/, expected: 'an https:// URL' },
  lambda: { pattern: /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w-]+)?$/, expected: 'a Lambda function ARN' },
  sqs: { pattern: /^arn:aws:sqs:[a-z0-9-]+:\d{12}:[\w-]+(\.fifo)?$/, expected: 'an SQS queue ARN' },
};

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
    const rule = ENDPOINTS[protocol];
    if (!rule) issues.push({ index, field: 'protocol', message: `"${protocol}" is not one of ${SUBSCRIPTION_PROTOCOLS.join(', ')}` });
    else if (!rule.pattern.test(endpoint)) issues.push({ index, field: 'endpoint', message: `"${endpoint}" is not ${rule.expected}` });
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
