/**
 * Names of the stacks: the CLI contract (`cdktf deploy <stack>`, `BASELINE_STACKS`), the
 * S3 state keys and the folders of a synth all use them.
 */

/** The management account's stack: SCPs, tag and Bedrock policies, the organization trail. */
export const ORG_GOVERNANCE_STACK = 'org-governance';
/** The log-archive account's stack: central keys and log buckets. */
export const LOG_ARCHIVE_STACK = 'log-archive';
/** The audit account's stack: Macie and the findings alerts. */
export const SECURITY_AUDIT_STACK = 'security-audit';

/** Environment variable with a comma-separated list of stacks to synthesize. */
export const STACK_SELECTION_ENV = 'BASELINE_STACKS';

/** The HCP Terraform workspace that holds `stack` when the config selects that engine (`hcpTerraform.workspacePrefix`). */
export function hcpWorkspaceName(workspacePrefix: string, stack: string): string {
  return `${workspacePrefix}${stack}`;
}

/** Name of the baseline stack of one workload account. */
export function accountBaselineStackName(accountId: string): string {
  return `baseline-${accountId}`;
}

const ACCOUNT_BASELINE_STACK = new RegExp(`^${accountBaselineStackName('(\\d{12})')}$`);

/** The workload account whose baseline stack this is, or undefined for any other stack. */
export function accountIdOfStack(stackName: string): string | undefined {
  return ACCOUNT_BASELINE_STACK.exec(stackName)?.[1];
}

/** Output of each account baseline stack naming the OU whose SCPs govern the account (read by `baseline review`). */
export const ACCOUNT_OU_OUTPUT_NAME = 'organizational_unit';
