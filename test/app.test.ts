/**
 * Selective synth ($BASELINE_STACKS): only the named stacks are constructed and
 * written, and a name that is not a stack of the config stops synth with a message
 * that lists the real names, a non-zero exit and no output folder.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack } from 'cdktf';
import { buildApp, stackCatalog, stackSelectionFromEnv, StackSelectionError } from '../app';
import { loadConfig } from '../config/load';
import type { BaselineConfig } from '../config/schema';
import { runEntry } from './support/run-entry';

const example = loadConfig('config/baseline.yaml');

const stacksOf = (config: BaselineConfig, stacks?: string[]) =>
  buildApp(config, { outdir: 'unused', ...(stacks ? { stacks } : {}) })
    .node.findAll()
    .filter((construct): construct is TerraformStack => construct instanceof TerraformStack)
    .map((stack) => stack.node.id);

describe('selective synth', () => {
  it('constructs every stack of the config by default', () => {
    expect(stacksOf(example).sort()).toEqual([...stackCatalog(example).keys()].sort());
    expect(stacksOf(example)).toHaveLength(1 + example.workloadAccounts.length);
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
      'BASELINE_STACKS: unknown stack "baseline-999999999999"; stacks of this config: org-governance, baseline-444444444444, baseline-555555555555, baseline-666666666666, baseline-777777777777',
    );
  });

  it('writes only the selected stacks through main.ts', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'baseline-selective-')), 'cdktf.out');
    const result = runEntry('main.ts', [], { BASELINE_STACKS: 'baseline-444444444444', CDKTF_OUTDIR: outdir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(join(outdir, 'stacks'))).toEqual(['baseline-444444444444']);
    expect(Object.keys(JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).stacks)).toEqual(['baseline-444444444444']);
  });

  it('fails clearly on an unknown stack name: one line, exit 1, no output folder', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'baseline-selective-')), 'cdktf.out');
    const result = runEntry('main.ts', [], { BASELINE_STACKS: 'baseline-444444444444,orgg-governance', CDKTF_OUTDIR: outdir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'BASELINE_STACKS: unknown stack "orgg-governance"; stacks of this config: org-governance, baseline-444444444444, baseline-555555555555, baseline-666666666666, baseline-777777777777\n',
    );
    expect(existsSync(outdir)).toBe(false);
  });
});
