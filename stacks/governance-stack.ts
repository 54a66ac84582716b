/**
 * What every stack of the baseline shares: its own S3 state key with a lock file (or,
 * with `hcpTerraform` in the config, its own HCP Terraform workspace), one AWS
 * provider per region that assumes the deployment role in the one account the stack
 * governs (and refuses to run against any other account) and tags every resource with
 * the account's mandatory tags, a synth-time check of those tags, and (with
 * `governance.breakGlassTrust`) the account's break-glass roles.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  Aspects,
  CloudBackend,
  NamedCloudWorkspace,
  S3Backend,
  TerraformElement,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
} from 'cdktf';
import type { Construct, IConstruct, Node } from 'constructs';
import type { BaselineConfig } from '../config/schema';
import { stackTags } from '../config/tags';
import { hcpWorkspaceName } from '../naming/stacks';
import type { ProviderRequirementRecorder } from '../constructs/provider-requirement';
import { BreakGlassRoles } from '../constructs/break-glass-roles';
import { MandatoryTagsAspect } from '../constructs/mandatory-tags-check';
import { pathBelow, uniqueId } from '../constructs/logical-ids';
import { leanSynthesizerFor } from '../constructs/stack-synthesizer';
import { deepMerge, mergeResolved, providerFragment, resourceFragment } from '../constructs/terraform-json';
import { resolveInScope } from '../constructs/token-resolution';
import { breakGlassRolesIn, deploymentRoleIn } from '../policies/principals';
import { breakGlassTrustPolicy } from '../policies/roles/break-glass-role';
import { AWS_PROVIDER_SOURCE, awsProviderConstraint } from '../toolchain/provider-requirements';

export interface GovernanceStackProps {
  /** The validated config. */
  readonly config: BaselineConfig;
  /** The account every resource of the stack lives in. */
  readonly accountId: string;
  /** Regions the stack deploys into; the first is the default provider. */
  readonly regions: readonly string[];
}

export abstract class GovernanceStack extends TerraformStack implements ProviderRequirementRecorder {
  /** The account every resource of the stack lives in. */
  readonly accountId: string;
  /** The validated config. */
  readonly config: BaselineConfig;
  private readonly providersByRegion = new Map<string, AwsProvider>();
  /** Keys of the opt-in provider requirements the stack's resources raise (toolchain/provider-requirements.ts). */
  private readonly optInRequirements = new Set<string>();

  protected constructor(scope: Construct, name: string, props: GovernanceStackProps) {
    super(scope, name);
    this.synthesizer = leanSynthesizerFor(this);
    this.accountId = props.accountId;
    this.config = props.config;

    const hcp = props.config.hcpTerraform;
    if (hcp) {
      new CloudBackend(this, {
        hostname: hcp.hostname,
        organization: hcp.organization,
        workspaces: new NamedCloudWorkspace(hcpWorkspaceName(hcp.workspacePrefix, name), hcp.project),
      });
    } else {
      const state = props.config.terraformState;
      const backend = new S3Backend(this, {
        bucket: state.bucket,
        key: `${state.keyPrefix}/${name}.tfstate`,
        region: state.region,
        encrypt: true,
      });
      // S3-native locking (terraform >= 1.10); the binding predates the argument.
      backend.addOverride('use_lockfile', true);
    }

    // The source is written out: the cdktf binding would write the legacy `aws`, the cdktn
    // one `hashicorp/aws` (the same provider), and both flavours must synthesize the same bytes.
    this.setAwsProviderRequirement();

    const tags = stackTags(props.config, props.accountId);
    props.regions.forEach((region, index) => {
      this.providersByRegion.set(
        region,
        new AwsProvider(this, `aws-${region}`, {
          region,
          alias: index === 0 ? undefined : region,
          allowedAccountIds: [props.accountId],
          // HCP Terraform runs get credentials in the target account from the workspace
          // itself (dynamic credentials, a read-only role while planning); elsewhere the
          // provider assumes the deployment role.
          ...(hcp
            ? {}
            : {
                assumeRole: [
                  {
                    roleArn: deploymentRoleIn(props.accountId, props.config.governance.deploymentRoleName),
                    sessionName: 'bedrock-governance-baseline',
                  },
                ],
              }),
          ...(Object.keys(tags).length > 0 ? { defaultTags: [{ tags }] } : {}),
        }),
      );
    });
    Aspects.of(this).add(new MandatoryTagsAspect(props.config.mandatoryTags));

    const { breakGlassTrust, breakGlassRoleArns } = props.config.governance;
    const breakGlass = breakGlassRolesIn(props.accountId, breakGlassRoleArns);
    if (breakGlassTrust && breakGlass.length > 0) {
      new BreakGlassRoles(this, 'break-glass-roles', {
        roleArns: breakGlass,
        trustPolicy: breakGlassTrustPolicy(breakGlassTrust),
        provider: this.provider(props.regions[0]!),
      });
    }
  }

  /**
   * cdktf's preparing pass resolves every element of the stack once more, only to find
   * references to other stacks and add outputs for them. Baseline stacks never reference
   * each other (names come from naming/), so the pass is skipped: about a quarter of
   * synth time for a large organization. test/stacks/prepare-stack.test.ts proves the
   * output is byte-identical to cdktf's own pass, and fails if a cross-stack reference
   * ever appears. What the pass also ensures, a backend, the constructor always adds
   * (cdktf's search for one creates a promise for every construct of the stack).
   */
  override prepareStack(): void {}

  /** cdktf's logical ID of an element, computed at less cost (constructs/logical-ids.ts). */
  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const path = TerraformElement.isTerraformElement(element) ? pathBelow(element, element.cdktfStack) : undefined;
    if (!path) return super.allocateLogicalId(element);
    return path.length > 0 ? uniqueId(path) : '';
  }

  /** Records that the stack emits what the opt-in requirement `key` names, which the provider floor lacks (toolchain/provider-requirements.ts). */
  requireOptInProviderRelease(key: string): void {
    // Every region's resource of a kind asks again; the constraint depends only on the set.
    if (this.optInRequirements.has(key)) return;
    this.optInRequirements.add(key);
    this.setAwsProviderRequirement();
  }

  private setAwsProviderRequirement(): void {
    this.addOverride('terraform.required_providers.aws', { source: AWS_PROVIDER_SOURCE, version: awsProviderConstraint(this.optInRequirements) });
  }

  /**
   * The stack's Terraform JSON, assembled as TerraformStack.toTerraform does (each
   * element resolved, the fragments deep-merged, the stack's overrides on top), less its
   * last step: resolving the merged tree once more. Every fragment is resolved already
   * and the overrides set here hold no token, so that walk changes nothing, and it was
   * about a tenth of a large synth. Resources' and providers' fragments are built, and
   * resolved fragments merged, by constructs/terraform-json.ts.
   * test/stacks/synth-passes.test.ts compares the result with cdktf's own toTerraform for
   * every stack.
   */
  override toTerraform(): Record<string, unknown> {
    const { rawOverrides, cdktfVersion } = this as unknown as { rawOverrides: Record<string, unknown>; cdktfVersion: string | undefined };
    const elements = terraformElements(this, this.node.path);
    const metadata: Record<string, unknown> = {
      version: cdktfVersion,
      stackName: this.node.id,
      backend: 'local', // overwritten by the backend's metadata
      cloud: undefined,
      ...(Object.keys(rawOverrides).length > 0 ? { overrides: { stack: Object.keys(rawOverrides) } } : {}),
    };
    for (const { element } of elements) deepMerge(metadata, this.resolved(element.toMetadata()));
    const outputs: Record<string, unknown> = {};
    for (const { element, path } of elements) {
      if (!TerraformOutput.isTerraformOutput(element)) continue;
      deepMerge(
        outputs,
        path
          .split('/')
          .reduceRight<Record<string, unknown>>(
            (inner, part) => ({ [part]: Object.keys(inner).length === 0 ? element.friendlyUniqueId : inner }),
            {},
          ),
      );
    }
    const tf: Record<string, unknown> = { '//': { metadata, outputs } };
    for (const { element, path } of elements) {
      const fragment = TerraformResource.isTerraformResource(element)
        ? resourceFragment(element, path)
        : TerraformProvider.isTerraformProvider(element)
          ? providerFragment(element)
          : element.toTerraform();
      mergeResolved(tf, this.resolved(fragment) as Record<string, unknown>);
    }
    deepMerge(tf, rawOverrides);
    return tf;
  }

  /** `value` with every token resolved in this stack, as cdktf's synth resolves it. */
  private resolved(value: unknown): unknown {
    return resolveInScope(value, this);
  }

  /** The provider for `region`; a stack asking for a region it was not given is a bug. */
  provider(region: string): AwsProvider {
    const provider = this.providersByRegion.get(region);
    if (!provider) throw new Error(`stack ${this.node.id} has no provider for ${region}`);
    return provider;
  }

  /** Regions this stack deploys into, default provider first. */
  get regions(): string[] {
    return [...this.providersByRegion.keys()];
  }
}

/** The Terraform elements of a stack in construct order, as cdktf collects them (stacks never nest here), each with its construct path. */
function terraformElements(
  scope: IConstruct,
  path: string,
  into: Array<{ element: TerraformElement; path: string }> = [],
): Array<{ element: TerraformElement; path: string }> {
  if (TerraformElement.isTerraformElement(scope)) into.push({ element: scope, path });
  for (const child of scope.node.children) if (!TerraformStack.isStack(child)) terraformElements(child, `${path}/${child.node.id}`, into);
  return into;
}
