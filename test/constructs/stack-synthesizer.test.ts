/**
 * The lean stack synthesizer against cdktf's own: every file of a synth (each stack's
 * Terraform JSON and the manifest with its annotations) byte for byte, and the same
 * failures (error annotations, failed validations, a resource move's version check).
 * On another library (cdktn) a stack keeps that library's synthesizer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, Aspects, TerraformResource, TerraformStack, type App, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../app';
import { loadConfig } from '../../config/load';
import { loadedFlavour } from '../../toolchain/flavour';
import { withGuardrailEnforcement, withNetworkPerimeter } from '../support/config-fixtures';
import { filesUnder } from '../support/files';
import type { BaselineConfig } from '../../config/schema';
import { unsynthesizedOutdir } from '../support/synth';

const config = loadConfig('config/baseline.yaml');
const onCdktf = loadedFlavour().name === 'cdktf';
const cdktfOnly = onCdktf ? describe : describe.skip;

type LibrarySynthesizerClass = new (stack: TerraformStack, continueOnErrorAnnotations?: boolean) => TerraformStack['synthesizer'];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StackSynthesizer } = require('cdktf/lib/synthesize/synthesizer') as { StackSynthesizer: LibrarySynthesizerClass };

interface SynthOptions {
  /** Stacks to build; all by default. */
  readonly stacks?: readonly string[];
  /** Changes the built app before its synth. */
  readonly change?: (app: App) => void;
  /** As cdktf-cli runs the app: error annotations go to the manifest instead of failing. */
  readonly continueOnErrorAnnotations?: boolean;
}

/** The files a synth writes, or the message it fails with; with cdktf's synthesizer on every stack when `library`. */
function synth(variant: BaselineConfig, library: boolean, options: SynthOptions = {}): Map<string, string> | string {
  const outdir = mkdtempSync(join(tmpdir(), 'baseline-synthesizer-'));
  const continueVariable = 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS';
  if (options.continueOnErrorAnnotations) process.env[continueVariable] = '1';
  try {
    const app = buildApp(variant, { outdir, stacks: options.stacks });
    const stacks = app.node.children.filter((child): child is TerraformStack => child instanceof TerraformStack);
    if (library) for (const stack of stacks) stack.synthesizer = new StackSynthesizer(stack, options.continueOnErrorAnnotations ?? false);
    options.change?.(app);
    try {
      app.synth();
    } catch (error) {
      return (error as Error).message;
    }
    return filesUnder(outdir);
  } finally {
    delete process.env[continueVariable];
    rmSync(outdir, { recursive: true, force: true });
  }
}

function expectSameSynth(variant: BaselineConfig, options: SynthOptions = {}): Map<string, string> | string {
  const lean = synth(variant, false, options);
  expect(lean).toEqual(synth(variant, true, options));
  return lean;
}

const firstAccountStack = (app: App): TerraformStack => app.node.children.find((child): child is TerraformStack => child instanceof TerraformStack)!;
const firstResource = (app: App): TerraformResource => firstAccountStack(app).node.findAll().find(TerraformResource.isTerraformResource)!;
const oneAccount = [`baseline-${config.workloadAccounts[0]!.id}`];

cdktfOnly('on cdktf 0.21.0', () => {
  test.each([
    ['the example', config],
    ['the example with both guardrail enforcements and the network perimeter', withNetworkPerimeter(withGuardrailEnforcement(config))],
  ])('every file of a synth of %s is byte for byte what cdktf writes', (_name, variant) => {
    const files = expectSameSynth(variant);
    expect(files).toBeInstanceOf(Map);
    expect([...(files as Map<string, string>).keys()].filter((path) => path.endsWith('cdk.tf.json')).length).toBeGreaterThan(4);
  });

  test('warnings and infos reach the manifest as cdktf records them', () => {
    const files = expectSameSynth(config, {
      stacks: oneAccount,
      change: (app) => {
        Annotations.of(firstResource(app)).addWarning('a warning');
        Annotations.of(firstAccountStack(app)).addInfo('an info');
      },
    });
    expect(JSON.stringify([...(files as Map<string, string>).values()])).toContain('a warning');
  });

  test('an error annotation fails the synth with cdktf message, or reaches the manifest when the CLI asks to go on', () => {
    const change = (app: App) => Annotations.of(firstResource(app)).addError('an error');
    expect(expectSameSynth(config, { stacks: oneAccount, change })).toEqual(expect.stringContaining('an error'));
    const files = expectSameSynth(config, { stacks: oneAccount, change, continueOnErrorAnnotations: true });
    expect(JSON.stringify([...(files as Map<string, string>).values()])).toContain('an error');
  });

  test('an aspect added by another aspect is not applied, with cdktf warning', () => {
    const visited: string[] = [];
    const late: IAspect = { visit: (node: IConstruct) => visited.push(node.node.path) };
    const adding: IAspect = { visit: (node: IConstruct) => void (TerraformStack.isStack(node) && Aspects.of(node).add(late)) };
    const files = expectSameSynth(config, { stacks: oneAccount, change: (app) => Aspects.of(firstAccountStack(app)).add(adding) });
    expect(JSON.stringify([...(files as Map<string, string>).values()])).toContain('added via another Aspect');
    expect(visited).toEqual([]);
  });

  test('failed validations fail the synth with cdktf message, every failure in construct order', () => {
    const failed = expectSameSynth(config, {
      stacks: oneAccount,
      change: (app) => {
        firstResource(app).node.addValidation({ validate: () => ['not valid', 'nor this'] });
        firstAccountStack(app).node.addValidation({ validate: () => ['stack not valid'] });
      },
    });
    expect(failed).toEqual(expect.stringContaining('not valid'));
    expect(failed).toEqual(expect.stringContaining('nor this'));
    expect(failed).toEqual(expect.stringContaining('stack not valid'));
  });

  test('a resource move adds cdktf check of the terraform version', () => {
    const failedOrWritten = expectSameSynth(config, { stacks: oneAccount, change: (app) => firstResource(app).moveToId('aws_s3_bucket.elsewhere') });
    // Without terraform here the check fails; with terraform >= 1.5 both write the move.
    if (typeof failedOrWritten === 'string') expect(failedOrWritten).toContain('Terraform');
    else expect(JSON.stringify([...failedOrWritten.values()])).toContain('aws_s3_bucket.elsewhere');
  });
});

(onCdktf ? describe.skip : describe)('on another library', () => {
  test("a stack keeps the library's own synthesizer", () => {
    const app = buildApp(config, { outdir: unsynthesizedOutdir(), stacks: oneAccount });
    expect(firstAccountStack(app).synthesizer).toBeInstanceOf(StackSynthesizer);
  });
});
