/**
 * Endpoint policies against the 20,480 characters AWS accepts. The invoke budget does not
 * bound them: the bedrock-runtime policy also admits every model the OU approves that takes
 * no guardrail (guardrails.modelsWithoutGuardrail), with its inference profiles. Sizes are
 * compared with the policy the stack really embeds, its guardrail reference replaced by an
 * ARN of full length. The check is called directly too: through the loader, the OU
 * perimeter SCPs, which carve the same models out, are over their limit as well.
 */
import { Testing } from 'cdktf';
import { endpointPolicyBudgetIssues, invokePolicyBudgetIssues, SYNTH_CONFIG_CHECKS } from '../../checks/synth-config-checks';
import { loadConfig } from '../../config/load';
import { OPTIONAL_ENDPOINT_SERVICES, REQUIRED_ENDPOINT_SERVICES } from '../../config/network-schema';
import type { BaselineConfig, WorkloadAccount } from '../../config/schema';
import { guardrailArn } from '../../naming/arns';
import { privateLinkServiceName } from '../../naming/service-principals';
import { endpointPoliciesIn, ENDPOINT_POLICY_LIMIT } from '../../policies/bedrock-endpoints';
import { minify } from '../../policies/document';
import { invokeInputForSizing } from '../../policies/invoke-role';
import { AccountBaselineStack } from '../../stacks/account-baseline';
import { editedExampleProblems } from '../support/config-fixtures';
import { resourcesOfType, synthStack } from '../support/synth';

const example = loadConfig('config/baseline.yaml');
const rag = example.workloadAccounts.find((account) => account.name === 'rag-search-prod')!;
const PROD_OU_INDEX = 0; // organizationalUnits[0] of config/baseline.yaml, the OU of rag-search-prod
const embeddingModels = Array.from({ length: 60 }, (_, i) => `amazon.titan-embed-model-${i}-v1:0`);

/** The example whose prod OU approves 60 more embedding models that take no guardrail, with geographic profiles. */
const manyUnguarded: BaselineConfig = {
  ...example,
  governance: { ...example.governance, crossRegionInference: 'geographic' },
  guardrails: { ...example.guardrails, modelsWithoutGuardrail: [...example.guardrails.modelsWithoutGuardrail, ...embeddingModels] },
  organizationalUnits: example.organizationalUnits.map((ou) =>
    ou.id === rag.ou ? { ...ou, allowedModels: [...(ou.allowedModels ?? []), ...embeddingModels] } : ou,
  ),
};

const EVERY_ENDPOINT_SERVICE = [...REQUIRED_ENDPOINT_SERVICES, ...OPTIONAL_ENDPOINT_SERVICES];

/** Characters of each endpoint policy the stack of `account` embeds in `region`, once its guardrail is known. */
function deployedSizes(config: BaselineConfig, account: WorkloadAccount, region: string): Map<string, number> {
  const stack = synthStack(new AccountBaselineStack(Testing.app(), config, account));
  const sizes = new Map<string, number>();
  for (const endpoint of Object.values(resourcesOfType(stack, 'aws_vpc_endpoint'))) {
    // Every endpoint of the region, whichever services the config asked for.
    const service = EVERY_ENDPOINT_SERVICE.find((candidate) => privateLinkServiceName(region, candidate) === endpoint.service_name);
    if (!service) continue;
    const deployed = String(endpoint.policy)
      .replace(/\$\{aws_bedrock_guardrail\.[^}]+\.guardrail_arn\}/g, guardrailArn(region, account.id, 'x'.repeat(12)))
      .replace(/\$\$\{/g, '${');
    sizes.set(service, deployed.length);
  }
  return sizes;
}

test('the example accounts fit', () => {
  expect(endpointPolicyBudgetIssues(example)).toEqual([]);
});

test('an OU that approves many models without a guardrail is a config problem naming each account and region, though the invoke policies fit', () => {
  expect(invokePolicyBudgetIssues(manyUnguarded)).toEqual([]);
  const networkedInOu = manyUnguarded.workloadAccounts.flatMap((account, index) =>
    account.ou === rag.ou ? Object.keys(account.network).map((region) => ({ account, index, region })) : [],
  );
  expect(networkedInOu.length).toBeGreaterThan(2);
  const issues = endpointPolicyBudgetIssues(manyUnguarded);
  expect(issues.map((issue) => issue.path)).toEqual(networkedInOu.map(({ index, region }) => ['workloadAccounts', index, 'network', region]));
  for (const [i, { account, region }] of networkedInOu.entries()) {
    const size = deployedSizes(manyUnguarded, account, region).get('bedrock-runtime')!;
    expect(size).toBeGreaterThan(ENDPOINT_POLICY_LIMIT);
    expect(issues[i]!.message).toBe(
      `account ${account.id} (${account.name}): its bedrock-runtime endpoint policy would be ${size} characters, over the ${ENDPOINT_POLICY_LIMIT} an endpoint policy may have; approve fewer models for its OU (guardrails.modelsWithoutGuardrail included) or allow the account fewer`,
    );
  }
});

test('what the check measures is, to the character, what the example stack deploys', () => {
  const invoke = invokeInputForSizing(example, rag);
  for (const region of Object.keys(rag.network)) {
    const measured = new Map([...endpointPoliciesIn(example, rag, invoke, region)].map(([service, policy]) => [service, minify(policy).length]));
    expect(measured.size).toBeGreaterThanOrEqual(2);
    expect(deployedSizes(example, rag, region)).toEqual(measured);
  }
});

test('accounts of one shape share the measurement, and each over-budget account is named', () => {
  const twins = [0, 1].map((i) => ({
    ...rag,
    id: `99999999999${i}`,
    name: `twin-${i}`,
    network: Object.fromEntries(Object.entries(rag.network).map(([region, entry]) => [region, { ...entry, vpcId: `vpc-0000000000000000${i}` }])),
  }));
  const issues = endpointPolicyBudgetIssues({ ...manyUnguarded, workloadAccounts: twins });
  expect(issues.map((issue) => issue.message.split(':')[0])).toEqual(
    twins.flatMap((twin) => Object.keys(rag.network).map(() => `account ${twin.id} (${twin.name})`)),
  );
});

test('synth refuses the config with the YAML line of the account', () => {
  const problems = editedExampleProblems(
    [
      { set: ['governance', 'crossRegionInference'], value: 'geographic' },
      { set: ['guardrails', 'modelsWithoutGuardrail'], value: [...example.guardrails.modelsWithoutGuardrail, ...embeddingModels] },
      {
        set: ['organizationalUnits', PROD_OU_INDEX, 'allowedModels'],
        value: [...example.organizationalUnits.find((ou) => ou.id === rag.ou)!.allowedModels!, ...embeddingModels],
      },
    ],
    SYNTH_CONFIG_CHECKS,
  );
  // The OUs' SCPs carve the same models out and are over their limit too: every problem is listed.
  expect(problems).toEqual(
    expect.arrayContaining(
      Object.keys(rag.network).map((region) =>
        expect.stringMatching(
          new RegExp(
            `^baseline\\.yaml:\\d+: workloadAccounts\\[\\d+\\]\\.network\\."${region}": account ${rag.id} \\(rag-search-prod\\): its bedrock-runtime endpoint policy would be`,
          ),
        ),
      ),
    ),
  );
});
