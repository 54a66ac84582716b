/**
 * GovernanceStack skips cdktf's preparing resolve pass (it only discovers cross-stack
 * references). Running cdktf's own pass first must change nothing in any stack.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack } from 'cdktf';
import { buildApp } from '../../app';
import { loadConfig } from '../../config/load';

const config = loadConfig('config/baseline.yaml');

function synth(withCdktfPreparingPass: boolean): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'baseline-prepare-'));
  try {
    const app = buildApp(config, { outdir });
    if (withCdktfPreparingPass) {
      for (const child of app.node.children) if (child instanceof TerraformStack) TerraformStack.prototype.prepareStack.call(child);
    }
    app.synth();
    const stacks = readdirSync(join(outdir, 'stacks')).sort();
    return new Map(stacks.map((name) => [name, readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

test('skipping the preparing pass changes no byte of any stack: no stack references another', () => {
  const fast = synth(false);
  const cdktf = synth(true);
  expect(fast.size).toBeGreaterThan(4);
  expect(fast).toEqual(cdktf);
});
