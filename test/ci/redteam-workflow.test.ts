/** The CI example is code people copy: it must call real flags and keep credentials short-lived. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { runCli } from '../support/cli-context';

const text = readFileSync('.github/workflows/redteam.yml', 'utf8');
const workflow = parse(text) as {
  permissions: Record<string, string>;
  defaults: { run: { shell: string } };
  jobs: Record<
    string,
    {
      permissions: Record<string, string>;
      steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }>;
    }
  >;
};
const job = workflow.jobs.redteam!;
const scripts = job.steps.flatMap((step) => (step.run ? [step.run] : []));

test('gets AWS credentials from the OIDC token only: no stored keys', () => {
  expect(workflow.permissions).toEqual({ contents: 'read' });
  expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  const credentials = job.steps.find((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
  expect(Object.keys(credentials!.with!).sort()).toEqual(['aws-region', 'role-session-name', 'role-to-assume']);
  expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|secrets\./);
});

test('never pastes inputs into a shell script (script injection)', () => {
  for (const script of scripts) expect(script).not.toMatch(/\$\{\{/);
});

test('runs the red-team with pipefail, so its exit code fails the job through tee', () => {
  expect(workflow.defaults.run.shell).toBe('bash');
  expect(scripts.some((script) => /npx baseline redteam "\$\{args\[@\]\}" \| tee/.test(script))).toBe(true);
});

test('uses only flags that `baseline redteam` has', async () => {
  const help = (await runCli(['redteam', '--help'])).stdout;
  const redteamScript = scripts.find((script) => script.includes('npx baseline redteam'))!;
  const flags = [...new Set(redteamScript.match(/--[a-z][a-z-]+/g))];
  expect(flags.length).toBeGreaterThan(0);
  for (const flag of flags) expect(help).toContain(`${flag} `);
});
