/**
 * Test harness around @cloud-copilot/iam-simulate, the IAM evaluation engine every
 * policy claim of this project is checked with.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument } from '../../policies/document';

interface CaseInsensitiveComparisons {
  caseInsensitiveEquals(first: string, second: string): boolean;
  caseInsensitiveEndsWith(value: string, suffix: string): boolean;
}

/**
 * The simulator's policy library compares condition operators case-insensitively with
 * `localeCompare(other, undefined, { sensitivity: 'accent' })`, which builds a collator on
 * every call: a fifth of the decision matrices' time. ECMA-402 defines that call as
 * `new Intl.Collator(undefined, options).compare`, so one collator with the same options
 * gives the same answers (test/support/simulate.test.ts compares them). The module is
 * required by its path, through this test's module registry, which the simulator shares.
 */
export function caseInsensitiveComparisons(): CaseInsensitiveComparisons {
  const policyIndex = createRequire(require.resolve('@cloud-copilot/iam-simulate')).resolve('@cloud-copilot/iam-policy');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(dirname(policyIndex), 'utils.js')) as CaseInsensitiveComparisons;
}

const ACCENT_SENSITIVE = new Intl.Collator(undefined, { sensitivity: 'accent' });
const comparisons = caseInsensitiveComparisons();
comparisons.caseInsensitiveEquals = (first, second) => ACCENT_SENSITIVE.compare(first, second) === 0;
comparisons.caseInsensitiveEndsWith = (value, suffix) => comparisons.caseInsensitiveEquals(value.slice(suffix.length * -1), suffix);

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface SimRequest {
  /** Caller: a role ARN (its `aws:PrincipalArn`), a service principal or `*`. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Account that owns the resource; defaults to the principal's account. */
  readonly resourceAccount?: string;
  /** Request context besides the principal keys the harness derives. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

export interface PolicySet {
  /** Identity policies of the caller; default: Allow everything, so only the other policies decide. */
  readonly identityPolicies?: readonly PolicyDocument[];
  /** SCPs per level, root first; FullAWSAccess is added at every level. */
  readonly scps?: ReadonlyArray<readonly PolicyDocument[]>;
  /** RCPs per level, root first. */
  readonly rcps?: ReadonlyArray<readonly PolicyDocument[]>;
  readonly resourcePolicy?: PolicyDocument;
  /** Policies of the VPC endpoint the request passes through (none: it does not pass through one); each must allow. */
  readonly endpointPolicies?: readonly PolicyDocument[];
  /** The bucket has S3 Block Public Access on: a public bucket policy grants nothing across accounts. */
  readonly s3BlockPublicAccess?: boolean;
}

const ALLOW_ALL: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' }] };

function accountOf(arn: string): string | undefined {
  return /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

/**
 * The simulator splits ARN patterns on `:` before it resolves policy variables, so
 * `${aws:PrincipalAccount}` inside an ARN would never match: resolve variables from the
 * request context first, the way IAM does at evaluation time.
 */
export function resolvePolicyVariables(document: PolicyDocument, context: Readonly<Record<string, string | readonly string[]>>): PolicyDocument {
  const text = JSON.stringify(document).replace(/\$\{([^}]+)\}/g, (whole, key: string) => {
    const value = context[key];
    return typeof value === 'string' ? value : whole;
  });
  return JSON.parse(text) as PolicyDocument;
}

/**
 * The simulator recognizes templated condition keys only when the template follows a `/`
 * (`aws:PrincipalTag/x`), so it drops `kms:EncryptionContext:<key>` from the request and
 * every condition on it fails as if the key were missing. Policies and request carry the
 * key under a `/`-templated global key instead, with the same string semantics.
 */
const ENCRYPTION_CONTEXT = 'kms:EncryptionContext:';
const ENCRYPTION_CONTEXT_CARRIER = 'aws:RequestTag/kms-encryption-context.';

function carryEncryptionContext(document: PolicyDocument): PolicyDocument {
  const text = JSON.stringify(document);
  if (text.includes(ENCRYPTION_CONTEXT_CARRIER)) throw new Error(`policy already uses ${ENCRYPTION_CONTEXT_CARRIER}`);
  return JSON.parse(text.split(`"${ENCRYPTION_CONTEXT}`).join(`"${ENCRYPTION_CONTEXT_CARRIER}`)) as PolicyDocument;
}

export async function simulate(policies: PolicySet, request: SimRequest): Promise<Decision> {
  const principalAccount = accountOf(request.principal);
  const context: Record<string, string | string[]> = {};
  if (principalAccount) {
    context['aws:PrincipalArn'] = request.principal;
    context['aws:PrincipalAccount'] = principalAccount;
  }
  for (const [key, value] of Object.entries(request.context ?? {})) {
    const carried = key.startsWith(ENCRYPTION_CONTEXT) ? `${ENCRYPTION_CONTEXT_CARRIER}${key.slice(ENCRYPTION_CONTEXT.length)}` : key;
    context[carried] = typeof value === 'string' ? value : [...value];
  }
  const resolve = (doc: PolicyDocument) => carryEncryptionContext(resolvePolicyVariables(doc, context));
  const levels = (docs: ReadonlyArray<readonly PolicyDocument[]> | undefined, withFullAccess: boolean) =>
    (docs ?? []).map((level, index) => ({
      orgIdentifier: `level-${index}`,
      policies: [...(withFullAccess ? [ALLOW_ALL] : []), ...level].map((doc, i) => ({ name: `p${i}`, policy: resolve(doc) })),
    }));

  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount ?? principalAccount ?? '000000000000' },
      contextVariables: context,
    },
    identityPolicies: principalAccount
      ? (policies.identityPolicies ?? [ALLOW_ALL]).map((doc, i) => ({ name: `identity${i}`, policy: resolve(doc) }))
      : [],
    serviceControlPolicies: principalAccount ? levels(policies.scps ?? [[]], true) : [],
    resourceControlPolicies: levels(policies.rcps, false),
    resourcePolicy: policies.resourcePolicy ? resolve(policies.resourcePolicy) : undefined,
    vpcEndpointPolicies: policies.endpointPolicies?.map((doc, i) => ({ name: `endpoint${i}`, policy: resolve(doc) })),
    additionalSettings: policies.s3BlockPublicAccess ? { s3: { blockPublicAccess: true } } : undefined,
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') {
    throw new Error(`simulation rejected ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  }
  return result.overallResult as Decision;
}
