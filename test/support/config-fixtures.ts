/** Config fixtures: the example config, and variants of it with one edit at a YAML path. */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { ConfigError, parseConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';

export const EXAMPLE_CONFIG_PATH = 'config/baseline.yaml';

export function exampleConfigText(): string {
  return readFileSync(EXAMPLE_CONFIG_PATH, 'utf8');
}

export type ConfigEdit = { readonly set: ReadonlyArray<string | number>; readonly value: unknown } | { readonly delete: ReadonlyArray<string | number> };

/** The example config with `edits` applied through the YAML document API (comments kept). */
export function editedExampleConfig(...edits: readonly ConfigEdit[]): string {
  const doc = parseDocument(exampleConfigText());
  for (const edit of edits) {
    if ('set' in edit) doc.setIn(edit.set, doc.createNode(edit.value));
    else doc.deleteIn(edit.delete);
  }
  return doc.toString();
}

/** The problems synth reports for the example config with `edits` applied (file name `baseline.yaml`); none when it is valid. */
export function editedExampleProblems(...edits: readonly ConfigEdit[]): string[] {
  try {
    parseConfig(editedExampleConfig(...edits), 'baseline.yaml');
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
