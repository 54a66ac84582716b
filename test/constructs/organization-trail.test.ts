/**
 * The organization trail as synthesized into org-governance: where it delivers, how it is
 * protected, and that its advanced event selectors keep management events and every data
 * event type CloudTrail offers for Bedrock, Bedrock AgentCore and the other services that
 * run models.
 */
import { Testing } from 'cdktf';
import { loadConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';
import { REQUIRED_SERVICE_ACCESS_PRINCIPALS } from '../../policies/organization-requirements';
import { LogArchiveStack } from '../../stacks/log-archive';
import { OrgGovernanceStack } from '../../stacks/org-governance';
import {
  ADVANCED_SELECTOR_FIELDS,
  CLOUDTRAIL_AGENTCORE_DATA_RESOURCE_TYPES,
  CLOUDTRAIL_BEDROCK_DATA_RESOURCE_TYPES,
  CLOUDTRAIL_OTHER_MODEL_SERVICE_DATA_RESOURCE_TYPES,
  MAX_SELECTOR_VALUES_PER_TRAIL,
  REQUIRED_BEDROCK_DATA_RESOURCE_TYPES,
} from '../support/cloudtrail-reference';

const DOCUMENTED_TYPES = [
  ...CLOUDTRAIL_BEDROCK_DATA_RESOURCE_TYPES,
  ...CLOUDTRAIL_AGENTCORE_DATA_RESOURCE_TYPES,
  ...CLOUDTRAIL_OTHER_MODEL_SERVICE_DATA_RESOURCE_TYPES,
];
import { resourcesOfType, synthStack, type SynthesizedStack } from '../support/synth';

const example = loadConfig('config/baseline.yaml');

interface FieldSelector {
  readonly field: string;
  readonly equals?: string[];
  readonly not_equals?: string[];
  readonly starts_with?: string[];
}
interface Selector {
  readonly name: string;
  readonly field_selector: FieldSelector[];
}

function trailOf(config: BaselineConfig): { stack: SynthesizedStack; trail: Record<string, unknown>; selectors: Selector[] } {
  const stack = synthStack(new OrgGovernanceStack(Testing.app(), config));
  const trails = Object.values(resourcesOfType(stack, 'aws_cloudtrail'));
  expect(trails).toHaveLength(1);
  const trail = trails[0]!;
  return { stack, trail, selectors: trail.advanced_event_selector as Selector[] };
}

const valuesOf = (selector: Selector, field: string): string[] =>
  selector.field_selector.filter((f) => f.field === field).flatMap((f) => f.equals ?? []);
const dataSelectors = (selectors: Selector[]) => selectors.filter((s) => valuesOf(s, 'eventCategory').includes('Data'));

describe('with the example config', () => {
  const { stack, trail, selectors } = trailOf(example);

  test('an organization trail of every region, validated, encrypted, never destroyed by Terraform', () => {
    expect(trail).toMatchObject({
      name: 'bedrock-governance-org-trail',
      is_organization_trail: true,
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  test("it delivers into the CloudTrail bucket of the log-archive stack, under that stack's key", () => {
    const archive = synthStack(new LogArchiveStack(Testing.app(), example));
    const bucketNames = Object.values(resourcesOfType(archive, 'aws_s3_bucket')).map((b) => b.bucket);
    expect(bucketNames).toContain(trail.s3_bucket_name);
    const keyLookup = Object.entries(stack.json.data?.aws_kms_key ?? {});
    expect(keyLookup).toHaveLength(1);
    const [lookupId, lookup] = keyLookup[0]!;
    expect(trail.kms_key_id).toBe(`\${data.aws_kms_key.${lookupId}.arn}`);
    // The alias the trail resolves points at the key the CloudTrail bucket encrypts with.
    const [bucketId] = Object.entries(resourcesOfType(archive, 'aws_s3_bucket')).find(([, b]) => b.bucket === trail.s3_bucket_name)!;
    const encryption = Object.values(resourcesOfType(archive, 'aws_s3_bucket_server_side_encryption_configuration')).find(
      (e) => e.bucket === `\${aws_s3_bucket.${bucketId}.id}`,
    )!;
    const bucketKey = (encryption.rule as Array<{ apply_server_side_encryption_by_default: { kms_master_key_id: string } }>)[0]!
      .apply_server_side_encryption_by_default.kms_master_key_id;
    const alias = Object.values(resourcesOfType(archive, 'aws_kms_alias')).find(
      (a) => `arn:aws:kms:us-east-1:${example.coreAccounts.logArchive}:${String(a.name)}` === lookup.key_id,
    );
    expect(alias).toBeDefined();
    expect(String(alias!.target_key_id).replace(/\.key_id\}$/, '.arn}')).toBe(bucketKey);
  });

  test('trusted access for CloudTrail is enabled before the trail exists', () => {
    const organization = Object.entries(resourcesOfType(stack, 'aws_organizations_organization'));
    expect(organization).toHaveLength(1);
    expect(organization[0]![1].aws_service_access_principals).toContain('cloudtrail.amazonaws.com');
    expect(REQUIRED_SERVICE_ACCESS_PRINCIPALS).toContain('cloudtrail.amazonaws.com');
    expect(trail.depends_on).toContain(`aws_organizations_organization.${organization[0]![0]}`);
  });

  test('no basic event selector: a trail cannot mix them with advanced selectors', () => {
    expect(trail.event_selector).toBeUndefined();
  });

  test('one selector keeps every management event, read and write', () => {
    const management = selectors.filter((s) => valuesOf(s, 'eventCategory').includes('Management'));
    expect(management).toHaveLength(1);
    expect(management[0]!.field_selector).toEqual([{ field: 'eventCategory', equals: ['Management'] }]);
  });

  test('every resources.type is a data resource type CloudTrail documents', () => {
    const types = dataSelectors(selectors).flatMap((s) => valuesOf(s, 'resources.type'));
    for (const type of types) expect(DOCUMENTED_TYPES).toContain(type);
    expect(types).not.toContain('AWS::Bedrock::Prompt');
  });

  test('every documented Bedrock, AgentCore and model-service type and every type of the contract is selected, once', () => {
    const types = dataSelectors(selectors).flatMap((s) => valuesOf(s, 'resources.type'));
    expect([...types].sort()).toEqual([...new Set([...DOCUMENTED_TYPES, ...REQUIRED_BEDROCK_DATA_RESOURCE_TYPES])].sort());
    expect(types.filter((type) => type.startsWith('AWS::Bedrock::'))).toHaveLength(18);
    expect(types.filter((type) => type.startsWith('AWS::BedrockAgentCore::'))).toHaveLength(23);
  });

  test('each data selector names exactly one resource type, as CloudTrail requires', () => {
    for (const selector of dataSelectors(selectors)) expect(valuesOf(selector, 'resources.type')).toHaveLength(1);
  });

  test('read-only data events are kept by default', () => {
    for (const selector of dataSelectors(selectors)) expect(selector.field_selector.map((f) => f.field)).not.toContain('readOnly');
  });

  test('selectors use only documented fields and stay within the values quota', () => {
    const fields = selectors.flatMap((s) => s.field_selector.map((f) => f.field));
    for (const field of fields) expect(ADVANCED_SELECTOR_FIELDS).toContain(field);
    const values = selectors.flatMap((s) =>
      s.field_selector.flatMap((f) => [...(f.equals ?? []), ...(f.not_equals ?? []), ...(f.starts_with ?? [])]),
    );
    // Counted with the selectors themselves, in case CloudTrail counts those too.
    expect(values.length + selectors.length).toBeLessThanOrEqual(MAX_SELECTOR_VALUES_PER_TRAIL);
  });
});

test('with readOnlyDataEvents off, every data selector (AgentCore included) keeps only mutating calls, management events stay whole, within the quota', () => {
  const config: BaselineConfig = { ...example, logging: { ...example.logging, cloudTrail: { readOnlyDataEvents: false } } };
  const { selectors } = trailOf(config);
  expect(dataSelectors(selectors)).toHaveLength(DOCUMENTED_TYPES.length);
  for (const selector of dataSelectors(selectors)) expect(selector.field_selector).toContainEqual({ field: 'readOnly', equals: ['false'] });
  const values = selectors.flatMap((s) => s.field_selector.flatMap((f) => f.equals ?? []));
  expect(values.length + selectors.length).toBeLessThanOrEqual(MAX_SELECTOR_VALUES_PER_TRAIL);
  const management = selectors.filter((s) => valuesOf(s, 'eventCategory').includes('Management'));
  expect(management[0]!.field_selector).toEqual([{ field: 'eventCategory', equals: ['Management'] }]);
});
