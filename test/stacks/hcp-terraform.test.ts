/**
 * HCP Terraform as the engine (`hcpTerraform` in the config): each stack in its own
 * workspace through cdktf's cloud backend, credentials from the workspace instead of an
 * assumed role, everything else as with the S3 backend.
 */
import { TerraformStack, Testing } from 'cdktf';
import { buildApp } from '../../app';
import { type ConfigError, parseConfig } from '../../config/load';
import { editedExampleConfig, exampleConfigText } from '../support/config-fixtures';
import { unsynthesizedOutdir } from '../support/synth';

const hcpTerraform = { organization: 'example-org', project: 'Bedrock governance' };
const withoutState = exampleConfigText().replace(/^terraformState:\n(?: .*\n)*/m, '');
const config = parseConfig(`${withoutState}\nhcpTerraform: { organization: example-org, project: Bedrock governance }\n`, 'hcp.yaml');
const s3Config = parseConfig(exampleConfigText(), 'example.yaml');

function synthesized(
  stackConfig: typeof config,
): Map<string, { terraform: Record<string, unknown>; provider: { aws: Array<Record<string, unknown>> } }> {
  const stacks = buildApp(stackConfig, { outdir: unsynthesizedOutdir() }).node.children.filter(
    (child): child is TerraformStack => child instanceof TerraformStack,
  );
  return new Map(stacks.map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack))]));
}

const hcp = synthesized(config);
const s3 = synthesized(s3Config);

test('every stack has its own workspace, named <workspacePrefix><stack>, in the configured organization and project', () => {
  expect(hcp.size).toBe(s3.size);
  for (const [name, stack] of hcp) {
    expect(stack.terraform.cloud).toEqual({
      hostname: 'app.terraform.io',
      organization: hcpTerraform.organization,
      workspaces: { name: `bedrock-governance-${name}`, project: hcpTerraform.project },
    });
    expect(stack.terraform.backend).toBeUndefined();
  }
});

test('providers take credentials from the workspace, still pinned to the one account; the rest of every stack is unchanged', () => {
  for (const [name, stack] of hcp) {
    const s3Stack = s3.get(name)!;
    expect(stack.provider.aws.map(({ assume_role: _assumeRole, ...rest }) => rest)).toEqual(
      s3Stack.provider.aws.map(({ assume_role: _assumeRole, ...rest }) => rest),
    );
    for (const provider of stack.provider.aws) {
      expect(provider.assume_role).toBeUndefined();
      expect(provider.allowed_account_ids).toHaveLength(1);
    }
    const { terraform: _t, provider: _p, ...resources } = stack as Record<string, unknown>;
    const { terraform: _t3, provider: _p3, ...s3Resources } = s3Stack as Record<string, unknown>;
    expect(resources).toEqual(s3Resources);
  }
});

test('a config with both engines names terraformState; bad names name their key', () => {
  const problemsOf = (text: string) => {
    try {
      parseConfig(text, 'c.yaml');
    } catch (error) {
      return (error as ConfigError).problems.map((problem) => problem.replace(/^c\.yaml:\d+: /, ''));
    }
    return [];
  };
  expect(problemsOf(editedExampleConfig({ set: ['hcpTerraform'], value: hcpTerraform }))).toEqual([
    'terraformState: must be left out when hcpTerraform is set: HCP Terraform workspaces hold the state',
  ]);
  expect(problemsOf(`${withoutState}\nhcpTerraform: { organization: "example org", workspacePrefix: "a/b" }\n`)).toEqual([
    'hcpTerraform.organization: "example org" is not an HCP Terraform organization name (letters, digits, - and _)',
    'hcpTerraform.workspacePrefix: "a/b" is not a workspace name prefix (at most 60 letters, digits, - and _)',
  ]);
});
