/** Config fixtures: the example config, and variants of it with one edit at a YAML path. */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { ConfigError, parseConfig, type ConfigCheck } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';

export const EXAMPLE_CONFIG_PATH = 'config/baseline.yaml';

export function exampleConfigText(): string {
  return readFileSync(EXAMPLE_CONFIG_PATH, 'utf8');
}

export type ConfigEdit =
  { readonly set: ReadonlyArray<string | number>; readonly value: unknown } | { readonly delete: ReadonlyArray<string | number> };

/** The example config with `edits` applied through the YAML document API (comments kept). */
export function editedExampleConfig(...edits: readonly ConfigEdit[]): string {
  const doc = parseDocument(exampleConfigText());
  for (const edit of edits) {
    if ('set' in edit) doc.setIn(edit.set, doc.createNode(edit.value));
    else doc.deleteIn(edit.delete);
  }
  return doc.toString();
}

/** The problem lines (`baseline.yaml:<line>: ...`) of the example config with `edits` applied, under `checks`; none when it is valid. */
export function editedExampleProblems(edits: readonly ConfigEdit[], checks: readonly ConfigCheck[] = []): string[] {
  try {
    parseConfig(editedExampleConfig(...edits), 'baseline.yaml', checks);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

/** `config` with both guardrail enforcements on (the example keeps them off until the provider ships their resources). */
export function withGuardrailEnforcement(config: BaselineConfig): BaselineConfig {
  return {
    ...config,
    governance: { ...config.governance, orgGuardrail: { ...config.governance.orgGuardrail!, enabled: true } },
    guardrails: { ...config.guardrails, accountEnforcement: { ...config.guardrails.accountEnforcement, enabled: true } },
  };
}

/**
 * `config` with the network perimeter on for its prod OUs and the SCP budget that needs: the
 * perimeter is a fifth SCP on the OU, so the example leaves it off under the default budget of 4.
 */
export function withNetworkPerimeter(config: BaselineConfig): BaselineConfig {
  return {
    ...config,
    governance: { ...config.governance, scpsPerTarget: 5 },
    organizationalUnits: config.organizationalUnits.map((ou) => (ou.environment === 'prod' ? { ...ou, networkPerimeter: true } : ou)),
  };
}

/** The problem lines of a config text that must fail validation, without their `file:line: ` prefix. */
export function configProblems(text: string, checks: readonly ConfigCheck[] = []): string[] {
  try {
    parseConfig(text, 'test.yaml', checks);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((line) => line.replace(/^test\.yaml(:\d+)?: /, ''));
    throw error;
  }
  throw new Error('the config was accepted');
}
