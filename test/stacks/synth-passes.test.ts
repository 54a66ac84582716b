/**
 * What the synth does differently from cdktf without changing its output: each stack's
 * Terraform JSON resolved by the fast path for plain values and without the second
 * resolution of the merged tree (GovernanceStack.toTerraform), and no capture of token
 * creation stacks, which the synth process formats to nothing.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Lazy, TerraformStack } from 'cdktf';
import { buildApp, skipTokenCreationStacks } from '../../app';
import { loadConfig } from '../../config/load';
import { withGuardrailEnforcement, withNetworkPerimeter } from '../support/config-fixtures';

const config = loadConfig('config/baseline.yaml');
/** The writer cdktf's synthesizer uses: the JSON as written, whatever the order of keys in memory. */
const asWritten = createRequire(join(__dirname, '../../node_modules/cdktf/package.json'))('json-stable-stringify') as (
  value: unknown,
  options: { space: number },
) => string;

test.each([
  ['the example', config],
  ['the example with both guardrail enforcements and the network perimeter', withNetworkPerimeter(withGuardrailEnforcement(config))],
])("every stack's Terraform JSON of %s as written, is byte for byte what cdktf's own toTerraform gives", (_name, variant) => {
  const stacks = buildApp(variant, { outdir: 'unused' }).node.children.filter((child): child is TerraformStack => child instanceof TerraformStack);
  expect(stacks.length).toBeGreaterThan(4);
  for (const stack of stacks) {
    expect({ stack: stack.node.id, json: asWritten(stack.toTerraform(), { space: 2 }) }).toEqual({
      stack: stack.node.id,
      json: asWritten(TerraformStack.prototype.toTerraform.call(stack), { space: 2 }),
    });
  }
});

test('with stack traces formatted to nothing, a token records the same empty creation stack with or without the capture', () => {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = () => '';
  try {
    const captured = Lazy.anyValue({ produce: () => 'x' }).creationStack;
    skipTokenCreationStacks();
    expect(Lazy.anyValue({ produce: () => 'x' }).creationStack).toEqual(captured);
    expect(captured).toEqual([]);
  } finally {
    Error.prepareStackTrace = previous;
  }
});
