/**
 * cdktf 0.21.0's stack synthesizer, step for step, at less cost: aspects invoked without
 * computing every construct's path, one walk of the tree for custom synthesis and
 * annotations instead of two, and the Terraform JSON written by toolchain/stable-json.ts
 * instead of `json-stable-stringify` alone. Only that library release, writing JSON, gets
 * it: with another library (cdktn) or `SYNTH_HCL_OUTPUT` a stack keeps the library's own.
 * test/constructs/stack-synthesizer.test.ts compares every file both write, and every
 * error, warning and validation failure both raise.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  AnnotationMetadataEntryType,
  Annotations,
  Aspects,
  TerraformResource,
  type IAspect,
  type IStackSynthesizer,
  type ISynthesisSession,
  type StackAnnotation,
  type TerraformStack,
} from 'cdktf';
import type { IConstruct } from 'constructs';
import { FLAVOURS, loadedLibrary } from '../toolchain/flavour';
import { stableJson, type StableJsonWriter } from '../toolchain/stable-json';

/** The release whose synthesizer this one reproduces. */
const REPRODUCED_RELEASE = '0.21.0';

/** What cdktf's own synthesizer holds; its fields are not part of the typed API. */
interface LibrarySynthesizer extends IStackSynthesizer {
  readonly continueOnErrorAnnotations: boolean;
  readonly hclOutput: boolean;
}

interface CdktfInternals {
  /** The writer cdktf's synthesizer uses. */
  readonly writeJson: StableJsonWriter;
  /** cdktf's error for error annotations. */
  readonly annotationError: (errors: string) => Error;
  /** The validation cdktf adds to a stack that moves a resource. */
  readonly moveValidation: () => { validate(): string[] };
  /** cdktf's error for failed validations. */
  readonly validationError: (errors: string) => Error;
}

let internals: CdktfInternals | null | undefined;

/** cdktf's internals this synthesizer needs, or null when the loaded library is not the reproduced release. */
function cdktfInternals(): CdktfInternals | null {
  if (internals !== undefined) return internals;
  const library = loadedLibrary();
  if (library.name !== FLAVOURS.cdktf.library || library.version !== REPRODUCED_RELEASE) return (internals = null);
  const fromCdktf = createRequire(library.manifest);
  const stringify = fromCdktf('json-stable-stringify') as (value: unknown, options: { space: number }) => string | undefined;
  const { encounteredAnnotationWithLevelError, stackValidationFailure } = fromCdktf('./lib/errors') as {
    encounteredAnnotationWithLevelError: (errors: string) => Error;
    stackValidationFailure: (errors: string) => Error;
  };
  const { ValidateTerraformVersion } = fromCdktf('./lib/validations/validate-terraform-version') as {
    ValidateTerraformVersion: new (constraint: string, hint: string) => { validate(): string[] };
  };
  return (internals = {
    writeJson: (value) => stringify(value, { space: 2 }),
    annotationError: encounteredAnnotationWithLevelError,
    validationError: stackValidationFailure,
    moveValidation: () =>
      new ValidateTerraformVersion(
        '>=1.5',
        'Resource move functionality is only supported for Terraform >=1.5. Please upgrade your Terraform version.',
      ),
  });
}

const NESTED_ASPECT_WARNING = 'We detected an Aspect was added via another Aspect, and will not be applied';
const ANNOTATION_LEVELS: readonly string[] = [AnnotationMetadataEntryType.INFO, AnnotationMetadataEntryType.WARN, AnnotationMetadataEntryType.ERROR];

/** The synthesizer `stack` should use: this one where it reproduces the library's, else the library's own. */
export function leanSynthesizerFor(stack: TerraformStack): IStackSynthesizer {
  const library = stack.synthesizer as LibrarySynthesizer;
  const cdktf = cdktfInternals();
  if (!cdktf || library.hclOutput) return library;
  return new LeanStackSynthesizer(stack, library.continueOnErrorAnnotations, cdktf);
}

class LeanStackSynthesizer implements IStackSynthesizer {
  constructor(
    private readonly stack: TerraformStack,
    private readonly continueOnErrorAnnotations: boolean,
    private readonly cdktf: CdktfInternals,
  ) {}

  synthesize(session: ISynthesisSession): void {
    invokeAspects(this.stack, [], { warned: false });
    const { preorder, postorder } = walk(this.stack);
    if (preorder.some((node) => TerraformResource.isTerraformResource(node) && node.hasResourceMove())) {
      this.stack.node.addValidation(this.cdktf.moveValidation());
    }
    if (!session.skipValidation) this.runAllValidations(preorder);

    const stackManifest = session.manifest.forStack(this.stack);
    const workingDirectory = join(session.outdir, stackManifest.workingDirectory);
    makeFolderUnlessPresent(workingDirectory);
    const customSynthesis = Symbol.for('cdktf/customSynthesis');
    for (const node of postorder) {
      (node as { [customSynthesis]?: { onSynthesize(session: ISynthesisSession): void } })[customSynthesis]?.onSynthesize(session);
    }

    const annotations: StackAnnotation[] = [];
    for (const node of preorder) {
      for (const metadata of node.node.metadata) {
        if (!ANNOTATION_LEVELS.includes(metadata.type)) continue;
        annotations.push({
          constructPath: node.node.path,
          level: metadata.type as AnnotationMetadataEntryType,
          message: metadata.data,
          stacktrace: metadata.trace,
        });
      }
    }
    (stackManifest as { annotations: StackAnnotation[] }).annotations = annotations;
    const errors = annotations.filter((annotation) => annotation.level === AnnotationMetadataEntryType.ERROR);
    if (!this.continueOnErrorAnnotations && errors.length > 0) {
      throw this.cdktf.annotationError(errors.map((annotation) => `[${annotation.constructPath}] ${annotation.message}`).join('\n'));
    }

    const json = stableJson(this.stack.toTerraform(), this.cdktf.writeJson);
    writeFileSync(join(session.outdir, stackManifest.synthesizedStackPath), json as string);
  }

  /** TerraformStack.runAllValidations over the constructs already walked, with cdktf's error. */
  private runAllValidations(constructs: readonly IConstruct[]): void {
    const failures = constructs.flatMap((construct) => construct.node.validate().map((message) => `[${construct.node.path}] ${message}`));
    if (failures.length > 0) throw this.cdktf.validationError(failures.join('\n  '));
  }
}

/** cdktf's exists-then-mkdir in one system call: file system calls are a large part of writing thousands of stacks. */
function makeFolderUnlessPresent(path: string): void {
  try {
    mkdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Every aspect of a construct and of its ancestors visits it once, ancestors' first, before
 * its children are listed (an aspect may add some); an aspect added by another is not
 * applied and warned about once, as cdktf does.
 */
function invokeAspects(construct: IConstruct, inherited: readonly IAspect[], state: { warned: boolean }): void {
  const aspects = Aspects.of(construct);
  const own = aspects.all;
  const here = own.length === 0 ? inherited : [...inherited, ...own];
  const invoked: IAspect[] = [];
  for (const aspect of here) {
    if (invoked.includes(aspect)) continue;
    aspect.visit(construct);
    if (!state.warned && own.length !== aspects.all.length) {
      Annotations.of(construct).addWarning(NESTED_ASPECT_WARNING);
      state.warned = true;
    }
    invoked.push(aspect);
  }
  for (const child of construct.node.children) invokeAspects(child, here, state);
}

/** The constructs under `root` (itself included) parents first, and children first. */
function walk(root: IConstruct): { preorder: IConstruct[]; postorder: IConstruct[] } {
  const preorder: IConstruct[] = [];
  const postorder: IConstruct[] = [];
  const visit = (node: IConstruct): void => {
    preorder.push(node);
    for (const child of node.node.children) visit(child);
    postorder.push(node);
  };
  visit(root);
  return { preorder, postorder };
}
