/**
 * The baseline's logical IDs against cdktf's own makeUniqueId and allocateLogicalId:
 * generated paths with the components cdktf treats specially (`Default`, `Resource`,
 * repeated endings, characters it drops, lengths past its limits), and elements of a real
 * stack, byte for byte.
 */
import { TerraformElement, TerraformStack, Testing } from 'cdktf';
import { makeUniqueId } from 'cdktf/lib/private/unique';
import { Construct } from 'constructs';
import fc from 'fast-check';
import { pathBelow, uniqueId } from '../../constructs/logical-ids';
import { buildApp } from '../../app';
import { loadConfig } from '../../config/load';
import { GovernanceStack } from '../../stacks/governance-stack';
import { EXAMPLE_CONFIG_PATH } from '../support/config-fixtures';
import { unsynthesizedOutdir } from '../support/synth';

const outcome = (compute: () => string): { id: string } | { error: string } => {
  try {
    return { id: compute() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

const component = fc.oneof(
  fc.constantFrom('Default', 'Resource', 'bucket', 'log-bucket', 'Bucket', 'a', '', 'key', 'landing-key', 'é', 'x y', 'ab/c'),
  fc.string(),
  fc.string({ minLength: 200, maxLength: 300 }),
);

test('uniqueId is makeUniqueId on any path, its error included', () => {
  fc.assert(
    fc.property(fc.array(component, { maxLength: 7 }), (components) => {
      expect(outcome(() => uniqueId(components))).toEqual(outcome(() => makeUniqueId([...components])));
    }),
    { numRuns: 2000 },
  );
});

test('a remembered ID is given again to its path only, not to another path that joins to the same text', () => {
  for (const components of [['outer', 'inner'], ['outer/inner'], ['outer', 'inner'], ['', 'outer/inner'], ['/outer', 'inner'], [''], [], ['', '']]) {
    expect(outcome(() => uniqueId(components))).toEqual(outcome(() => makeUniqueId([...components])));
  }
});

test('pathBelow gives the IDs below the stack, and nothing for a construct outside it', () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'stack');
  const inner = new Construct(new Construct(stack, 'outer'), 'inner');
  expect(pathBelow(inner, stack)).toEqual(['outer', 'inner']);
  expect(pathBelow(stack, stack)).toEqual([]);
  expect(pathBelow(inner, new TerraformStack(app, 'other'))).toBeUndefined();
});

test("every element of the example's stacks gets the ID cdktf's allocateLogicalId gives it", () => {
  const app = buildApp(loadConfig(EXAMPLE_CONFIG_PATH), { outdir: unsynthesizedOutdir() });
  const elements = app.node.findAll().filter((node): node is TerraformElement => TerraformElement.isTerraformElement(node));
  expect(elements.length).toBeGreaterThan(400);
  // TerraformStack's own method, on the same stack and element.
  const byCdktf = TerraformStack.prototype['allocateLogicalId' as keyof TerraformStack] as unknown as (
    this: TerraformStack,
    element: TerraformElement,
  ) => string;
  for (const element of elements) {
    const stack = element.cdktfStack;
    expect(stack).toBeInstanceOf(GovernanceStack);
    expect(stack.getLogicalId(element)).toBe(byCdktf.call(stack, element));
  }
});
