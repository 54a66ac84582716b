/**
 * Selective synth ($BASELINE_STACKS) inside the app: only the named stacks are
 * constructed, and a name that is not a stack of the config is refused with the real
 * names. test/main.test.ts runs the same through dist/main.js (exit code, output folder).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack } from 'cdktf';
import { TokenMap } from 'cdktf/lib/tokens/private/token-map';
import { buildApp, stackCatalog, stackSelectionFromEnv, StackSelectionError, synthesize } from '../app';
import { loadConfig } from '../config/load';
import { SYNTH_WORKERS_ENV } from '../synth-workers';
import type { BaselineConfig } from '../config/schema';
import { EXAMPLE_CONFIG_PATH, withGuardrailEnforcement, withNetworkPerimeter } from './support/config-fixtures';
import { filesUnder } from './support/files';
import { unsynthesizedOutdir } from './support/synth';

const example = loadConfig(EXAMPLE_CONFIG_PATH);

const stacksOf = (config: BaselineConfig, stacks?: string[]) =>
  buildApp(config, { outdir: unsynthesizedOutdir(), ...(stacks ? { stacks } : {}) })
    .node.findAll()
    .filter((construct): construct is TerraformStack => construct instanceof TerraformStack)
    .map((stack) => stack.node.id);

describe('selective synth', () => {
  it('constructs every stack of the config by default', () => {
    expect(stacksOf(example).sort()).toEqual([...stackCatalog(example).keys()].sort());
    expect(stacksOf(example).sort()).toEqual(
      ['org-governance', 'log-archive', 'security-audit', ...example.workloadAccounts.map((a) => `baseline-${a.id}`)].sort(),
    );
  });

  it('constructs only the named stacks, and nothing of the others', () => {
    const app = buildApp(example, { outdir: unsynthesizedOutdir(), stacks: ['baseline-555555555555'] });
    expect(stacksOf(example, ['baseline-555555555555'])).toEqual(['baseline-555555555555']);
    // Every construct of the app sits in the selected stack.
    const outside = app.node.findAll().filter((construct) => construct !== app.node.root && !construct.node.path.startsWith('baseline-555555555555'));
    expect(outside).toEqual([]);
  });

  it('reads the selection from BASELINE_STACKS, trimming blanks', () => {
    expect(stackSelectionFromEnv({ BASELINE_STACKS: ' org-governance , baseline-444444444444,, ' })).toEqual([
      'org-governance',
      'baseline-444444444444',
    ]);
    expect(stackSelectionFromEnv({ BASELINE_STACKS: '  ' })).toBeUndefined();
    expect(stackSelectionFromEnv({})).toBeUndefined();
  });

  it('names the unknown stacks and the real ones', () => {
    expect(() => buildApp(example, { outdir: unsynthesizedOutdir(), stacks: ['baseline-444444444444', 'baseline-999999999999'] })).toThrow(
      StackSelectionError,
    );
    expect(() => buildApp(example, { outdir: unsynthesizedOutdir(), stacks: ['baseline-999999999999'] })).toThrow(
      'BASELINE_STACKS: unknown stack "baseline-999999999999"; stacks of this config: org-governance, log-archive, security-audit, baseline-444444444444, baseline-555555555555, baseline-666666666666, baseline-777777777777',
    );
  });
});

describe('synth one stack at a time', () => {
  /** synthesize in this process, as it runs below the worker threshold. */
  const inOneProcess = (config: BaselineConfig, outdir: string, stacks?: readonly string[]) =>
    synthesize(config, { outdir, stacks, worker: { program: 'no-worker', args: [] }, env: { [SYNTH_WORKERS_ENV]: '1' } });

  const registered = () => {
    const registry = TokenMap.instance() as unknown as { stringTokenMap: Map<string, unknown>; numberTokenMap: Map<number, unknown> };
    return registry.stringTokenMap.size + registry.numberTokenMap.size;
  };

  // The example with every optional stack content switched on.
  it("writes what the whole app writes, and keeps none of the stacks' tokens", async () => {
    const config = withNetworkPerimeter(withGuardrailEnforcement(example));
    const root = mkdtempSync(join(tmpdir(), 'baseline-stack-by-stack-'));
    try {
      buildApp(config, { outdir: join(root, 'whole') }).synth();
      const before = registered();
      await inOneProcess(config, join(root, 'one-by-one'));
      expect(registered()).toBe(before);
      const whole = filesUnder(join(root, 'whole'));
      expect(whole.size).toBeGreaterThan(stackCatalog(config).size);
      expect(filesUnder(join(root, 'one-by-one'))).toEqual(whole);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes only the selected stacks', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'baseline-stack-by-stack-'));
    try {
      await inOneProcess(example, outdir, ['baseline-555555555555']);
      expect([...filesUnder(outdir).keys()]).toEqual(['manifest.json', 'stacks/baseline-555555555555/cdk.tf.json']);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
