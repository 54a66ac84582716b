/**
 * Who an alarm topic notifies. Validated here, without cdktf, so the config layer can
 * report a bad subscription with its YAML path once these alarms are wired to config.
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

/** One message per bad subscription, naming its index; empty when all are usable. */
export function alarmSubscriptionProblems(subscriptions: readonly AlarmSubscription[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  subscriptions.forEach(({ protocol, endpoint }, index) => {
    const rule = ENDPOINTS[protocol];
    if (!rule) problems.push(`[${index}].protocol: "${protocol}" is not one of ${SUBSCRIPTION_PROTOCOLS.join(', ')}`);
    else if (!rule.pattern.test(endpoint)) problems.push(`[${index}].endpoint: "${endpoint}" is not ${rule.expected}`);
    const key = `${protocol}:${endpoint}`;
    if (seen.has(key)) problems.push(`[${index}]: duplicate subscription ${key}`);
    seen.add(key);
  });
  return problems;
}
