/**
 * The CDK library checks the terraform binary's version during synth for every construct
 * that needs a minimum (a cloud backend: 1.1; an import block or a moved resource: 1.5), by
 * running `terraform version` through a shell each time: with HCP Terraform that is once per
 * stack, and minutes at thousands of stacks. Here each distinct check runs once per process,
 * with the library's own messages: the binary cannot change during a synth. Where the binary
 * is not on the PATH (a job that only synthesizes and reviews; GitHub's ubuntu-latest has no
 * terraform), the checks are skipped and the synth says so: terraform applies the same
 * minimums itself when it initializes the stack.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What the library's ValidateBinaryVersion holds; its module is not part of the package index. */
interface BinaryVersionCheck {
  readonly binary: string;
  readonly versionCommand: string;
  readonly versionConstraint: string;
  readonly hint?: string;
  validate(): string[];
}

/** Whether `binary` is an executable file in a folder of `PATH`, or at its own path when it names one. */
export function isInstalled(binary: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const candidates = binary.includes('/') ? [binary] : (env.PATH ?? '').split(delimiter).flatMap((dir) => (dir ? [join(dir, binary)] : []));
  return candidates.some((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Binaries whose version checks this process skipped because they are not installed. */
const notInstalled = new Set<string>();
const PATCHED = Symbol.for('bedrock-governance-baseline/binary-version-checks');

/** Makes the loaded CDK library run each distinct binary version check once per process, and none for a binary that is not installed. */
export function checkBinaryVersionsOncePerProcess(): void {
  // The name `cdktf` resolves to the loaded library, CDK Terrain included (toolchain/flavour.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ValidateBinaryVersion } = require('cdktf/lib/validations/validate-binary-version') as {
    ValidateBinaryVersion: { prototype: BinaryVersionCheck & { [PATCHED]?: true } };
  };
  const check = ValidateBinaryVersion.prototype;
  if (check[PATCHED]) return;
  const validate = check.validate;
  const results = new Map<string, readonly string[]>();
  check.validate = function (this: BinaryVersionCheck): string[] {
    const key = JSON.stringify([this.binary, this.versionCommand, this.versionConstraint, this.hint]);
    let result = results.get(key);
    if (result === undefined) {
      const installed = isInstalled(this.binary);
      if (!installed) notInstalled.add(this.binary);
      results.set(key, (result = installed ? validate.call(this) : []));
    }
    return [...result];
  };
  check[PATCHED] = true;
}

/** What a synth says when it skipped the version checks of `binary`. */
export function skippedVersionCheckNote(binary: string): string {
  return `note: ${binary} is not on the PATH, so its version was not checked (the HCP Terraform backend needs 1.1 or later, import blocks 1.5 or later); ${binary} checks them itself at init`;
}

/** One line per binary whose version checks this process skipped, for the end of the synth. */
export function skippedVersionCheckNotes(): string[] {
  return [...notInstalled].map(skippedVersionCheckNote);
}
