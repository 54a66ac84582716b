/**
 * docs/scps.md describes what the SCPs hold: every action class has its row in the class
 * table, and every statement any config can produce is named in a table.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';
import { ACTION_CLASSES, OPT_IN_CLASSES } from '../../policies/action-classes';
import { baselineServiceControlPolicies } from '../../policies/scp';

const docs = readFileSync('docs/scps.md', 'utf8');
const example = loadConfig('config/baseline.yaml');

test('every action class has a row in the class table, opt-in classes with their opt-in', () => {
  for (const actionClass of Object.keys(ACTION_CLASSES)) expect(docs).toContain(`| \`${actionClass}\` |`);
  for (const optIn of OPT_IN_CLASSES) expect(docs).toContain(`\`optIns: [${optIn}]\``);
});

test('every statement of every SCP variant is named in the docs', () => {
  const variants: BaselineConfig[] = (['none', 'geographic', 'global'] as const).flatMap((mode) =>
    [[], [...OPT_IN_CLASSES]].map((optIns) => ({
      ...example,
      governance: {
        ...example.governance,
        crossRegionInference: mode,
        guardrailExemptions: { viaAwsServiceRoleNames: ['KnowledgeBaseQuery'], bedrockServiceRoleNames: [] },
      },
      organizationalUnits: example.organizationalUnits.map((ou) => ({ ...ou, optIns })),
    })),
  );
  const sids = new Set(
    variants.flatMap((config) => baselineServiceControlPolicies(config).flatMap((scp) => scp.document.Statement.map((statement) => statement.Sid))),
  );
  // Per mandatory tag: DenyCreateWithoutTag0CostCenter is documented as DenyCreateWithoutTag<n><Key>.
  const documented = [...sids].map((sid) => sid.replace(/^(DenyCreateWithoutTag|DenyUnacceptableTagValue)\d+\w+$/, '$1<n><Key>'));
  expect(documented.filter((sid) => !docs.includes(`\`${sid}\``))).toEqual([]);
});
