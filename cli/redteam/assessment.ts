/**
 * What a guardrail assessment says, in one flat vocabulary shared by `baseline redteam`
 * (ApplyGuardrail assessments) and `baseline demo` (the Converse guardrail trace).
 *
 * Matched text (the PII value, the profane word) is never copied into a finding: the
 * reports end up in CI logs.
 */
import type { GuardrailAssessment } from '@aws-sdk/client-bedrock-runtime';

/** The element of a guardrail profile that can act on content. */
export const GUARDRAIL_ELEMENTS = [
  'contentFilter',
  'deniedTopic',
  'managedWordList',
  'customWord',
  'piiEntity',
  'regex',
  'contextualGrounding',
] as const;
export type GuardrailElement = (typeof GUARDRAIL_ELEMENTS)[number];

export interface Finding {
  /** Which kind of profile element reported it. */
  readonly element: GuardrailElement;
  /** Filter type, topic name, PII entity type, regex name, managed word list or the custom word. */
  readonly name: string;
  /** What the guardrail did: BLOCKED, ANONYMIZED or NONE (detected, not acted on). */
  readonly action: string;
}

function finding(element: GuardrailElement, name: string | undefined, action: string | undefined): Finding {
  return { element, name: name ?? 'unknown', action: action ?? 'NONE' };
}

/** Every finding of one assessment, in a stable order (element, then name, then action). */
export function findingsOf(assessment: GuardrailAssessment): Finding[] {
  const found: Finding[] = [];
  for (const filter of assessment.contentPolicy?.filters ?? []) found.push(finding('contentFilter', filter.type, filter.action));
  for (const topic of assessment.topicPolicy?.topics ?? []) found.push(finding('deniedTopic', topic.name, topic.action));
  for (const word of assessment.wordPolicy?.managedWordLists ?? []) found.push(finding('managedWordList', word.type, word.action));
  // Custom words come from the config, not from users: naming the word is safe.
  for (const word of assessment.wordPolicy?.customWords ?? []) found.push(finding('customWord', word.match, word.action));
  for (const entity of assessment.sensitiveInformationPolicy?.piiEntities ?? []) found.push(finding('piiEntity', entity.type, entity.action));
  for (const regex of assessment.sensitiveInformationPolicy?.regexes ?? []) found.push(finding('regex', regex.name, regex.action));
  for (const filter of assessment.contextualGroundingPolicy?.filters ?? []) found.push(finding('contextualGrounding', filter.type, filter.action));
  return sortFindings(found);
}

/** Findings of several assessments, duplicates removed. */
export function findingsOfAll(assessments: readonly GuardrailAssessment[]): Finding[] {
  const unique = new Map<string, Finding>();
  for (const item of assessments.flatMap(findingsOf)) unique.set(`${item.element}\u0000${item.name}\u0000${item.action}`, item);
  return sortFindings([...unique.values()]);
}

function sortFindings(findings: Finding[]): Finding[] {
  const key = (f: Finding) => `${GUARDRAIL_ELEMENTS.indexOf(f.element)}\u0000${f.name}\u0000${f.action}`;
  return findings.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A finding the guardrail acted on (blocked or masked), as opposed to detect-only. */
export function actedOn(item: Finding): boolean {
  return item.action !== 'NONE';
}

/** `piiEntity EMAIL ANONYMIZED`: how a finding reads in tables and traces. */
export function describeFinding(item: Finding): string {
  return `${item.element} ${item.name} ${item.action}`;
}

/**
 * Topic names are compared the way people write them: "Legal advice", "legal-advice"
 * and "LegalAdvice" are the same topic.
 */
export function normalizeTopicName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
