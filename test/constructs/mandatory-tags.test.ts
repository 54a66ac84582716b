/**
 * Mandatory tags: the provider default_tags of every stack, the Aspect that refuses a
 * stack with an untagged or wrongly tagged resource (through the same atomic synth path
 * as `npm run synth`), and the TAG_POLICY in org-governance.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { buildApp, stackCatalog, synthesizeAtomically } from '../../app';
import { loadConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';
import { stackTags } from '../../config/tags';
import { MandatoryTagError, mandatoryTagProblems } from '../../constructs/mandatory-tags-check';
import { fromTerraformString } from '../../policies/document';
import { mandatoryTagPolicy } from '../../policies/tag-policy';
import { GovernanceStack } from '../../stacks/governance-stack';
import { OrgGovernanceStack } from '../../stacks/org-governance';
import { resourcesOfType, synthStack } from '../support/synth';

const config = loadConfig('config/baseline.yaml');

/** A stack of the baseline with one extra resource, as a buggy construct would add it. */
class StackWithExtraResource extends GovernanceStack {
  constructor(scope: Construct, addResource: (stack: GovernanceStack) => void) {
    super(scope, 'tag-check', { config, accountId: '444444444444', regions: ['us-east-1'] });
    addResource(this);
  }
}

const synthFails = (addResource: (stack: GovernanceStack) => void): MandatoryTagError => {
  try {
    Testing.synth(new StackWithExtraResource(Testing.app(), addResource));
  } catch (error) {
    if (error instanceof MandatoryTagError) return error;
    throw error;
  }
  throw new Error('synth succeeded');
};

describe('the mandatory-tags Aspect', () => {
  test('fails synth, naming the resource and the tag, for a disallowed value', () => {
    const error = synthFails((stack) => new S3Bucket(stack, 'scratch', { bucket: 'scratch-bucket', tags: { DataClassification: 'secret' } }));
    expect(error.problems).toEqual([
      'tag-check: aws_s3_bucket.scratch has tag DataClassification="secret", not one of confidential, internal, public, restricted',
    ]);
  });

  test('fails synth for a resource whose provider carries no default tags', () => {
    const error = synthFails((stack) => {
      const untagged = new AwsProvider(stack, 'untagged', { region: 'us-east-1', alias: 'untagged' });
      new S3Bucket(stack, 'orphan', { bucket: 'orphan-bucket', provider: untagged, tags: { Owner: 'someone' } });
    });
    expect(error.problems).toEqual([
      'tag-check: aws_s3_bucket.orphan lacks mandatory tag CostCenter',
      'tag-check: aws_s3_bucket.orphan lacks mandatory tag DataClassification',
      'tag-check: aws_s3_bucket.orphan lacks mandatory tag Environment',
    ]);
  });

  test('fails synth for an empty value', () => {
    const error = synthFails((stack) => new S3Bucket(stack, 'blank', { bucket: 'blank-bucket', tags: { Owner: '' } }));
    expect(error.problems).toEqual(['tag-check: aws_s3_bucket.blank lacks mandatory tag Owner']);
  });

  test('accepts a resource that only adds free-form tags', () => {
    expect(() =>
      Testing.synth(
        new StackWithExtraResource(Testing.app(), (stack) => new S3Bucket(stack, 'ok', { bucket: 'ok-bucket', tags: { Team: 'search' } })),
      ),
    ).not.toThrow();
  });

  test('finds nothing to object to in any stack of the example organization', () => {
    const app = Testing.app();
    for (const factory of stackCatalog(config).values()) factory(app);
    for (const stack of app.node.children) expect(mandatoryTagProblems(stack as GovernanceStack, config.mandatoryTags)).toEqual([]);
  });

  test('through the synth of `npm run synth`: every problem, and nothing written', () => {
    const workdir = mkdtempSync(join(tmpdir(), 'tag-check-'));
    const outdir = join(workdir, 'cdktf.out');
    try {
      const synth = (stagingDir: string) => {
        const app = new App({ outdir: stagingDir, stackTraces: false });
        new StackWithExtraResource(app, (stack) => {
          new S3Bucket(stack, 'first', { bucket: 'first-bucket', tags: { Environment: 'staging' } });
          new S3Bucket(stack, 'second', { bucket: 'second-bucket', tags: { DataClassification: 'secret' } });
        });
        app.synth();
      };
      let caught: unknown;
      try {
        synthesizeAtomically(outdir, synth);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(MandatoryTagError);
      expect((caught as MandatoryTagError).problems).toEqual([
        'tag-check: aws_s3_bucket.first has tag Environment="staging", not one of dev, prod, test',
        'tag-check: aws_s3_bucket.second has tag DataClassification="secret", not one of confidential, internal, public, restricted',
      ]);
      expect(existsSync(outdir)).toBe(false);
      expect(readdirSync(workdir)).toEqual([]);
    } finally {
      rmSync(workdir, { recursive: true, force: true });
    }
  });

  test('an earlier synth output survives a failed one', () => {
    const workdir = mkdtempSync(join(tmpdir(), 'tag-check-'));
    const outdir = join(workdir, 'cdktf.out');
    try {
      synthesizeAtomically(outdir, (stagingDir) => buildApp(config, { outdir: stagingDir, stacks: ['baseline-444444444444'] }).synth());
      writeFileSync(join(outdir, 'marker'), 'previous synth');
      expect(() =>
        synthesizeAtomically(outdir, (stagingDir) => {
          const app = new App({ outdir: stagingDir, stackTraces: false });
          new StackWithExtraResource(app, (stack) => new S3Bucket(stack, 'bad', { bucket: 'bad-bucket', tags: { Owner: '' } }));
          app.synth();
        }),
      ).toThrow(MandatoryTagError);
      expect(readdirSync(outdir)).toContain('marker');
    } finally {
      rmSync(workdir, { recursive: true, force: true });
    }
  });
});

describe('default tags', () => {
  const providersOf = (stack: GovernanceStack) =>
    (synthStack(stack).json.provider?.aws ?? []) as Array<{ default_tags?: Array<{ tags: Record<string, string> }> }>;

  test('every provider of a workload stack tags with the account tags and its environment', () => {
    const app = Testing.app();
    const stacks = [...stackCatalog(config).entries()].filter(([name]) => name.startsWith('baseline-'));
    for (const [, factory] of stacks) factory(app);
    for (const stack of app.node.children as GovernanceStack[]) {
      const account = config.workloadAccounts.find((candidate) => candidate.id === stack.accountId)!;
      for (const provider of providersOf(stack))
        expect(provider.default_tags).toEqual([{ tags: { ...account.tags, Environment: account.environment } }]);
    }
  });

  test('the org-governance stack tags with coreAccounts.tags', () => {
    const stack = new OrgGovernanceStack(Testing.app(), config);
    for (const provider of providersOf(stack)) expect(provider.default_tags).toEqual([{ tags: config.coreAccounts.tags }]);
    expect(stackTags(config, config.organization.managementAccountId)).toEqual(config.coreAccounts.tags);
  });
});

describe('the TAG_POLICY', () => {
  const withoutTags: BaselineConfig = { ...config, mandatoryTags: {} };

  test('requires each mandatory key, and its values where listed, on Bedrock guardrails', () => {
    expect(mandatoryTagPolicy({ Owner: [], Environment: ['prod', 'dev'] })).toEqual({
      tags: {
        environment: {
          tag_key: { '@@assign': 'Environment' },
          tag_value: { '@@assign': ['dev', 'prod'] },
          enforced_for: { '@@assign': ['bedrock:guardrail'] },
          report_required_tag_for: { '@@assign': ['bedrock:guardrail'] },
        },
        owner: {
          tag_key: { '@@assign': 'Owner' },
          enforced_for: { '@@assign': ['bedrock:guardrail'] },
          report_required_tag_for: { '@@assign': ['bedrock:guardrail'] },
        },
      },
    });
  });

  test('is attached to every governed OU, after TAG_POLICY is enabled on the root', () => {
    const stack = synthStack(new OrgGovernanceStack(Testing.app(), config));
    const tagPolicies = Object.entries(resourcesOfType(stack, 'aws_organizations_policy')).filter(([, policy]) => policy.type === 'TAG_POLICY');
    expect(tagPolicies).toHaveLength(1);
    const [id, policy] = tagPolicies[0]!;
    expect(fromTerraformString(String(policy.content))).toEqual(mandatoryTagPolicy(config.mandatoryTags));
    expect(policy.depends_on).toEqual(['aws_organizations_organization.organization']);
    const targets = Object.values(resourcesOfType(stack, 'aws_organizations_policy_attachment'))
      .filter((attachment) => attachment.policy_id === `\${aws_organizations_policy.${id}.id}`)
      .map((attachment) => attachment.target_id);
    expect(targets.sort()).toEqual(config.organizationalUnits.map((ou) => ou.id).sort());
    expect(resourcesOfType(stack, 'aws_organizations_organization').organization?.enabled_policy_types).toContain('TAG_POLICY');
  });

  test('is left out when the config has no mandatory tags', () => {
    const stack = synthStack(new OrgGovernanceStack(Testing.app(), withoutTags));
    expect(Object.values(resourcesOfType(stack, 'aws_organizations_policy')).filter((policy) => policy.type === 'TAG_POLICY')).toEqual([]);
  });
});
