/**
 * IAM policy document types and their serialization. Pure: no cdktf here, so every
 * document can be simulated in tests exactly as it is deployed.
 */

export type ConditionValue = string | readonly string[];
/** operator -> condition key -> value(s), e.g. { ArnNotLike: { 'aws:PrincipalArn': [...] } } */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, ConditionValue>>>>;
// Partial: a statement usually names one kind of principal, not all three.
export type Principal = '*' | Readonly<Partial<Record<'AWS' | 'Service' | 'Federated', string | readonly string[]>>>;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Principal;
  readonly NotPrincipal?: Principal;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** A statement field that IAM accepts as one string or a list (Action, Resource, a condition value), as a list. */
export function asList(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** Minified JSON: what Organizations counts against the size limit, whitespace included. */
export function minify(document: PolicyDocument | object): string {
  return JSON.stringify(document);
}

/**
 * The document as a Terraform string literal body: IAM policy variables such as
 * `${aws:PrincipalAccount}` become `$${...}` so Terraform does not interpolate them.
 * cdktf tokens (`${TfToken[...]}`, e.g. the ARN of a resource created in the same stack)
 * stay as they are, so cdktf turns them into Terraform references.
 */
export function toTerraformString(document: PolicyDocument | object): string {
  // A function replacement: in a replacement string `$$` would collapse to a single `$`.
  return minify(document).replace(/\$\{(?!TfToken\[)/g, () => '$${');
}

/** Inverse of toTerraformString, for reading synthesized output back in tests and reports. */
export function fromTerraformString(text: string): PolicyDocument {
  return JSON.parse(text.replace(/\$\$\{/g, () => '${')) as PolicyDocument;
}

/** A Deny statement; an empty condition is left out (IAM rejects `"Condition": {}` in some validators). */
export function deny(
  sid: string,
  action: string | readonly string[],
  resource: string | readonly string[],
  condition: ConditionBlock,
): PolicyStatement {
  return withCondition({ Sid: sid, Effect: 'Deny', Action: action, Resource: resource }, condition);
}

/** A Deny on every resource except those `notResource` matches; an empty condition is left out. */
export function denyExcept(
  sid: string,
  action: string | readonly string[],
  notResource: readonly string[],
  condition: ConditionBlock,
): PolicyStatement {
  return withCondition({ Sid: sid, Effect: 'Deny', Action: action, NotResource: notResource }, condition);
}

/** `statement` with `condition`, or without a Condition block when it is empty (some validators refuse `{}`). */
export function withCondition(statement: PolicyStatement, condition: ConditionBlock): PolicyStatement {
  return Object.keys(condition).length === 0 ? statement : { ...statement, Condition: condition };
}

/** A Deny for every principal, as resource policies need one. */
export function denyEveryone(
  sid: string,
  action: string | readonly string[],
  resource: string | readonly string[],
  condition: ConditionBlock,
): PolicyStatement {
  const { Sid, Effect, ...rest } = deny(sid, action, resource, condition);
  return { Sid, Effect, Principal: '*', ...rest };
}

/** Denies `action` on `resource` to every request made without TLS. */
export function denyWithoutTls(sid: string, action: string | readonly string[], resource: string | readonly string[]): PolicyStatement {
  return denyEveryone(sid, action, resource, { Bool: { 'aws:SecureTransport': 'false' } });
}
