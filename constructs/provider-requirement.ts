/**
 * How a construct tells its stack that it emits something the provider floor lacks (a
 * resource type no binding has, or a bound resource's argument value the floor's schema
 * refuses), so that the stack raises its `required_providers` constraint
 * (toolchain/provider-requirements.ts, stacks/governance-stack.ts).
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

/** A stack that raises its provider requirement for what the floor lacks, by requirement key. */
export interface ProviderRequirementRecorder {
  requireOptInProviderRelease(key: string): void;
}

/** Records on the stack of `scope` that it needs the opt-in requirement `key`; only a GovernanceStack can hold such a resource. */
export function requireOptInProviderRelease(scope: Construct, key: string): void {
  const stack = TerraformStack.of(scope) as TerraformStack & Partial<ProviderRequirementRecorder>;
  if (typeof stack.requireOptInProviderRelease !== 'function')
    throw new Error(`${key} belongs in a GovernanceStack, which requires a provider release that has it`);
  stack.requireOptInProviderRelease(key);
}
