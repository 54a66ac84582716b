import { isInstalled, skippedVersionCheckNote } from '../../constructs/binary-version-checks';

/** What a successful synth of the example writes to stderr: nothing, or where terraform is not installed, the note that its version went unchecked. */
export function successfulSynthStderr(): string {
  return isInstalled('terraform') ? '' : `${skippedVersionCheckNote('terraform')}\n`;
}
