/**
 * A customer managed KMS key the baseline encrypts logs with: rotated yearly, a 30-day
 * window before a scheduled deletion takes effect, never destroyed by Terraform, and an
 * alias from naming/resources.ts so other stacks can address it without a cross-stack reference.
 */
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { kmsAliasName } from '../naming/resources';
import { toTerraformString, type PolicyDocument } from '../policies/document';
import { KEY_DELETION_WINDOW_DAYS } from '../policies/keys/key-administration';

export interface GovernanceKeyProps {
  /** What the key protects; becomes the alias `kmsAliasName(purpose)`. */
  readonly purpose: string;
  /** One line shown in the console and the plan. */
  readonly description: string;
  /** The complete key policy (administration included). */
  readonly policy: PolicyDocument;
  /** Provider of the key's account and region; the stack default when absent. */
  readonly provider?: AwsProvider;
}

export class GovernanceKey extends Construct {
  /** The key. */
  readonly key: KmsKey;
  /** Its alias, `kmsAliasName(purpose)`. */
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: GovernanceKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, 'key', {
      provider: props.provider,
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
      policy: toTerraformString(props.policy),
      lifecycle: { preventDestroy: true },
    });
    this.alias = new KmsAlias(this, 'alias', {
      provider: props.provider,
      name: kmsAliasName(props.purpose),
      targetKeyId: this.key.keyId,
      // Other stacks address the key by this alias (trail lookup, replication destination).
      lifecycle: { preventDestroy: true },
    });
  }

  /** ARN of the key. */
  get arn(): string {
    return this.key.arn;
  }
}
