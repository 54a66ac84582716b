/**
 * Selective synth ($BASELINE_STACKS) inside the app: only the named stacks are
 * constructed, and a name that is not a stack of the config is refused with the real
 * names. test/main.test.ts runs the same through dist/main.js (exit code, output folder).
 */
import { TerraformStack } from 'cdktf';
import { buildApp, stackCatalog, stackSelectionFromEnv, StackSelectionError } from '../app';
import { loadConfig } from '../config/load';
import type { BaselineConfig } from '../config/schema';
import { EXAMPLE_CONFIG_PATH } from './support/config-fixtures';

const example = loadConfig(EXAMPLE_CONFIG_PATH);

const stacksOf = (config: BaselineConfig, stacks?: string[]) =>
  buildApp(config, { outdir: 'unused', ...(stacks ? { stacks } : {}) })
    .node.findAll()
    .filter((construct): construct is TerraformStack => construct instanceof TerraformStack)
    .map((stack) => stack.node.id);

describe('selective synth', () => {
  it('constructs every stack of the config by default', () => {
    expect(stacksOf(example).sort()).toEqual([...stackCatalog(example).keys()].sort());
    expect(stacksOf(example).sort()).toEqual(['org-governance', 'log-archive', 'security-audit', ...example.workloadAccounts.map((a) => `baseline-${a.id}`)].sort());
  });

  it('constructs only the named stacks, and nothing of the others', () => {
    const app = buildApp(example, { outdir: 'unused', stacks: ['baseline-555555555555'] });
    expect(stacksOf(example, ['baseline-555555555555'])).toEqual(['baseline-555555555555']);
    // Every construct of the app sits in the selected stack.
    const outside = app.node.findAll().filter((construct) => construct !== app.node.root && !construct.node.path.startsWith('baseline-555555555555'));
    expect(outside).toEqual([]);
  });

  it('reads the selection from BASELINE_STACKS, trimming blanks', () => {
    expect(stackSelectionFromEnv({ BASELINE_STACKS: ' org-governance , baseline-444444444444,, ' })).toEqual(['org-governance', 'baseline-444444444444']);
    expect(stackSelectionFromEnv({ BASELINE_STACKS: '  ' })).toBeUndefined();
    expect(stackSelectionFromEnv({})).toBeUndefined();
  });

  it('names the unknown stacks and the real ones', () => {
    expect(() => buildApp(example, { outdir: 'unused', stacks: ['baseline-444444444444', 'baseline-999999999999'] })).toThrow(StackSelectionError);
    expect(() => buildApp(example, { outdir: 'unused', stacks: ['baseline-999999999999'] })).toThrow(
      'BASELINE_STACKS: unknown stack "baseline-999999999999"; stacks of this config: org-governance, log-archive, security-audit, baseline-444444444444, baseline-555555555555, baseline-666666666666, baseline-777777777777',
    );
  });
});
