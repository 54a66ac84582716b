/**
 * What the synth does differently from cdktf without changing its output: each stack's
 * Terraform JSON resolved by the fast path for plain values and without the second
 * resolution of the merged tree (GovernanceStack.toTerraform), and no capture of token
 * creation stacks, which the synth process formats to nothing.
 */
import { Lazy, TerraformStack } from 'cdktf';
import { buildApp, skipTokenCreationStacks } from '../../app';
import { loadConfig } from '../../config/load';
import { asCdktfWrites } from '../support/cdktf-writer';
import { withGuardrailEnforcement, withNetworkPerimeter } from '../support/config-fixtures';
import { unsynthesizedOutdir } from '../support/synth';

const config = loadConfig('config/baseline.yaml');

test.each([
  ['the example', config],
  ['the example with both guardrail enforcements and the network perimeter', withNetworkPerimeter(withGuardrailEnforcement(config))],
])("every stack's Terraform JSON of %s as written, is byte for byte what cdktf's own toTerraform gives", (_name, variant) => {
  const stacks = buildApp(variant, { outdir: unsynthesizedOutdir() }).node.children.filter(
    (child): child is TerraformStack => child instanceof TerraformStack,
  );
  expect(stacks.length).toBeGreaterThan(4);
  for (const stack of stacks) {
    expect({ stack: stack.node.id, json: asCdktfWrites(stack.toTerraform()) }).toEqual({
      stack: stack.node.id,
      json: asCdktfWrites(TerraformStack.prototype.toTerraform.call(stack)),
    });
  }
});

test("with stack traces formatted to nothing, cdktf's own capture records the empty creation stack that the skipped one does", () => {
  // The test setup skips the capture, as the synth process does; a fresh copy of cdktf's module keeps its own.
  let capture: () => string[] = () => ['not loaded'];
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    capture = (require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] }).captureStackTrace;
  });
  expect(capture().length).toBeGreaterThan(0);
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = () => '';
  try {
    expect(capture()).toEqual([]);
    skipTokenCreationStacks();
    expect(Lazy.anyValue({ produce: () => 'x' }).creationStack).toEqual([]);
  } finally {
    Error.prepareStackTrace = previous;
  }
});

test('after the skip, creating a token walks no call stack, on either library', () => {
  skipTokenCreationStacks();
  const walk = jest.spyOn(Error, 'captureStackTrace');
  try {
    Lazy.anyValue({ produce: () => 'x' });
    Lazy.stringValue({ produce: () => 'y' });
    expect(walk).not.toHaveBeenCalled();
  } finally {
    walk.mockRestore();
  }
});
