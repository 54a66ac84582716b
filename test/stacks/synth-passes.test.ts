/**
 * Two cdktf steps the synth skips because they cannot change its output: the second
 * resolution of each stack's merged Terraform JSON (GovernanceStack.toTerraform), and
 * the capture of token creation stacks that the synth process formats to nothing.
 */
import { Lazy, TerraformStack } from 'cdktf';
import { buildApp, skipTokenCreationStacks } from '../../app';
import { loadConfig } from '../../config/load';

const config = loadConfig('config/baseline.yaml');

test("every stack's Terraform JSON is byte for byte what cdktf's own toTerraform gives", () => {
  const stacks = buildApp(config, { outdir: 'unused' }).node.children.filter((child): child is TerraformStack => child instanceof TerraformStack);
  expect(stacks.length).toBeGreaterThan(4);
  for (const stack of stacks) {
    expect({ stack: stack.node.id, json: JSON.stringify(stack.toTerraform()) }).toEqual({
      stack: stack.node.id,
      json: JSON.stringify(TerraformStack.prototype.toTerraform.call(stack)),
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
