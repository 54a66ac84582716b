/**
 * Commercial AWS regions (partition `aws`) and the Bedrock cross-region inference
 * geographies each one is a source region for. A test checks this table against the
 * AWS SDK's partition data, so a new region fails CI instead of failing validation.
 */

/** Prefix of a system-defined geographic inference profile id, e.g. `us.` in `us.anthropic...`. */
export type InferenceGeography = 'us' | 'eu' | 'apac' | 'jp' | 'au' | 'ca';

const GEOGRAPHIES_BY_REGION: Readonly<Record<string, readonly InferenceGeography[]>> = {
  'af-south-1': [],
  'ap-east-1': ['apac'],
  'ap-east-2': ['apac'],
  'ap-northeast-1': ['apac', 'jp'],
  'ap-northeast-2': ['apac'],
  'ap-northeast-3': ['apac', 'jp'],
  'ap-south-1': ['apac'],
  'ap-south-2': ['apac'],
  'ap-southeast-1': ['apac'],
  'ap-southeast-2': ['apac', 'au'],
  'ap-southeast-3': ['apac'],
  'ap-southeast-4': ['apac', 'au'],
  'ap-southeast-5': ['apac'],
  'ap-southeast-6': ['apac'],
  'ap-southeast-7': ['apac'],
  'ca-central-1': ['ca'],
  'ca-west-1': ['ca'],
  'eu-central-1': ['eu'],
  'eu-central-2': ['eu'],
  'eu-north-1': ['eu'],
  'eu-south-1': ['eu'],
  'eu-south-2': ['eu'],
  'eu-west-1': ['eu'],
  'eu-west-2': ['eu'],
  'eu-west-3': ['eu'],
  'il-central-1': ['eu'],
  'me-central-1': ['apac'],
  'me-south-1': [],
  'me-west-1': [],
  'mx-central-1': [],
  'sa-east-1': [],
  'sa-west-1': [],
  'us-east-1': ['us'],
  'us-east-2': ['us'],
  'us-west-1': ['us'],
  'us-west-2': ['us'],
};

/** Every region name the config accepts, sorted. */
export const KNOWN_REGIONS: readonly string[] = Object.keys(GEOGRAPHIES_BY_REGION).sort();

/** Geographic inference profiles that may be invoked from `region` as their source region. */
export function inferenceGeographiesOf(region: string): readonly InferenceGeography[] {
  return GEOGRAPHIES_BY_REGION[region] ?? [];
}

/** Regions where accounts of an OU may use Bedrock: the OU's own list, else the organization's allow-list. */
export function regionsOfOu(ou: { readonly regions?: readonly string[] | undefined }, allowedRegions: readonly string[]): readonly string[] {
  return ou.regions ?? allowedRegions;
}
