/**
 * A guardrail built from a GuardrailSpec (guardrails/spec.ts) and its published, numbered
 * version. Applications and enforcement point at the version, never at DRAFT: the version
 * resource's description carries a digest of the spec, so every content change publishes
 * a new version (the provider replaces a version whose description changes), and old
 * versions stay (skip_destroy) for applications still pinned to them.
 */
import { BedrockGuardrail, type BedrockGuardrailConfig } from '@cdktf/provider-aws/lib/bedrock-guardrail';
import { BedrockGuardrailVersion } from '@cdktf/provider-aws/lib/bedrock-guardrail-version';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { specDigest, type GuardrailSpec } from '../guardrails/spec';
import { guardrailVersionArn } from '../naming/arns';

export interface PublishedGuardrailProps {
  /** What the guardrail filters. */
  readonly spec: GuardrailSpec;
  /** Provider of the guardrail's region. */
  readonly provider: AwsProvider;
  /** Customer managed key for the guardrail; AWS owned key when absent. */
  readonly kmsKeyArn?: string;
}

/** The arguments of `aws_bedrock_guardrail` for a spec. */
export function guardrailArguments(spec: GuardrailSpec): Omit<BedrockGuardrailConfig, 'provider' | 'kmsKeyArn'> {
  const tierConfig = [{ tierName: spec.tier }];
  return {
    name: spec.name,
    description: spec.description,
    blockedInputMessaging: spec.blockedInputMessaging,
    blockedOutputsMessaging: spec.blockedOutputsMessaging,
    contentPolicyConfig: [{ filtersConfig: spec.contentFilters.map((filter) => ({ ...filter })), tierConfig }],
    ...(spec.deniedTopics.length > 0
      ? { topicPolicyConfig: [{ topicsConfig: spec.deniedTopics.map((topic) => ({ ...topic, examples: [...topic.examples] })), tierConfig }] }
      : {}),
    wordPolicyConfig: [
      {
        managedWordListsConfig: spec.managedWordLists.map((type) => ({ type })),
        ...(spec.words.length > 0 ? { wordsConfig: spec.words.map((text) => ({ text })) } : {}),
      },
    ],
    sensitiveInformationPolicyConfig: [
      {
        piiEntitiesConfig: spec.piiEntities.map((entity) => ({ ...entity })),
        ...(spec.regexes.length > 0 ? { regexesConfig: spec.regexes.map((regex) => ({ ...regex })) } : {}),
      },
    ],
    ...(spec.groundingFilters.length > 0
      ? { contextualGroundingPolicyConfig: [{ filtersConfig: spec.groundingFilters.map((filter) => ({ ...filter })) }] }
      : {}),
    ...(spec.crossRegionProfileArn ? { crossRegionConfig: [{ guardrailProfileIdentifier: spec.crossRegionProfileArn }] } : {}),
  };
}

/** Description of the version resource: names the content, so new content means a new version. */
export function versionDescription(spec: GuardrailSpec): string {
  return `${spec.name} content sha256:${specDigest(spec)}`;
}

export class PublishedGuardrail extends Construct {
  /** The guardrail (its DRAFT is what the version snapshots). */
  readonly guardrail: BedrockGuardrail;
  /** The published version applications pin. */
  readonly version: BedrockGuardrailVersion;

  constructor(scope: Construct, id: string, props: PublishedGuardrailProps) {
    super(scope, id);
    this.guardrail = new BedrockGuardrail(this, 'guardrail', {
      ...guardrailArguments(props.spec),
      ...(props.kmsKeyArn ? { kmsKeyArn: props.kmsKeyArn } : {}),
      provider: props.provider,
    });
    this.version = new BedrockGuardrailVersion(this, 'version', {
      guardrailArn: this.guardrail.guardrailArn,
      description: versionDescription(props.spec),
      skipDestroy: true,
      provider: props.provider,
    });
  }

  /** `<guardrail ARN>:<version>`: what BEDROCK_POLICY and the bedrock:GuardrailIdentifier key name. */
  get pinnedIdentifier(): string {
    return guardrailVersionArn(this.guardrail.guardrailArn, this.version.version);
  }
}
