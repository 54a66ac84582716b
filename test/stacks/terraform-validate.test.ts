/**
 * `terraform validate` of every synthesized stack. It needs a terraform binary and the
 * hashicorp/aws provider from the registry (or a plugin cache). Where either is missing,
 * as on the machines this project is built on (terraform present, no registry access),
 * the tests are skipped and a line on stderr says why: a green run never hides that this
 * check did not happen.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import { stackCatalog } from '../../app';
import { loadConfig } from '../../config/load';

const config = loadConfig('config/baseline.yaml');
const catalog = stackCatalog(config);

/** A folder with the stack's cdk.tf.json, as cdktf writes it. */
function synthesizedStackDir(name: string): string {
  const app = Testing.app();
  catalog.get(name)!(app);
  return join(Testing.fullSynth(app.node.findChild(name) as TerraformStack), 'stacks', name);
}

function terraform(dir: string, ...args: string[]) {
  return spawnSync('terraform', [...args, '-no-color'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
}

/** Why validation cannot run here, or undefined when it can. */
function unavailableBecause(): string | undefined {
  if (spawnSync('terraform', ['version'], { encoding: 'utf8' }).status !== 0) return 'terraform is not on the PATH';
  const init = terraform(synthesizedStackDir('log-archive'), 'init', '-backend=false', '-input=false');
  if (init.status === 0) return undefined;
  if (/registry\.terraform\.io|failed to request discovery|no such host/.test(init.stdout + init.stderr))
    return 'the hashicorp/aws provider cannot be installed (no registry access, no plugin cache)';
  return undefined; // any other init failure is a finding: let the tests report it
}

const reason = unavailableBecause();
if (reason) process.stderr.write(`terraform-validate.test.ts: skipped, ${reason}\n`);

(reason ? test.skip.each : test.each)([...catalog.keys()])('%s passes terraform validate', (name) => {
  const dir = synthesizedStackDir(name);
  const init = terraform(dir, 'init', '-backend=false', '-input=false');
  expect({ status: init.status, output: init.status === 0 ? '' : init.stdout + init.stderr }).toEqual({ status: 0, output: '' });
  const validate = terraform(dir, 'validate');
  expect(validate.stdout + validate.stderr).toContain('Success!');
});
