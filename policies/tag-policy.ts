/**
 * Content of the Organizations TAG_POLICY of the baseline: every mandatory tag key, with
 * its allowed values, required and enforced on Bedrock guardrails. Together with the
 * tamper SCP (which denies an untagged CreateGuardrail) it keeps guardrails attributable
 * to an owner, a cost center and a data classification.
 *
 * Syntax (Organizations user guide, "Tag policy syntax and examples"):
 * tags.<policy key>.{tag_key, tag_value, enforced_for, report_required_tag_for}, each
 * wrapped in "@@assign"; the policy key is the tag key in lower case.
 */
import { assign, type Assign } from './management-policy';

/** Resource types the tag policy governs. */
export const TAG_POLICY_RESOURCE_TYPES = ['bedrock:guardrail'] as const;

export interface TagRule {
  readonly tag_key: Assign<string>;
  /** Absent when any non-empty value is allowed. */
  readonly tag_value?: Assign<readonly string[]>;
  /** Noncompliant keys or values are refused on these resource types. */
  readonly enforced_for: Assign<readonly string[]>;
  /** The key is required on these resource types. */
  readonly report_required_tag_for: Assign<readonly string[]>;
}

export interface TagPolicyDocument {
  readonly tags: Readonly<Record<string, TagRule>>;
}

/** The tag policy for `mandatoryTags` (key -> allowed values, [] = any value). */
export function mandatoryTagPolicy(mandatoryTags: Readonly<Record<string, readonly string[]>>): TagPolicyDocument {
  const keys = Object.keys(mandatoryTags).sort();
  return {
    tags: Object.fromEntries(
      keys.map((key) => {
        const allowed = mandatoryTags[key]!;
        const rule: TagRule = {
          tag_key: assign(key),
          ...(allowed.length > 0 ? { tag_value: assign([...allowed].sort()) } : {}),
          enforced_for: assign([...TAG_POLICY_RESOURCE_TYPES]),
          report_required_tag_for: assign([...TAG_POLICY_RESOURCE_TYPES]),
        };
        return [key.toLowerCase(), rule];
      }),
    ),
  };
}
