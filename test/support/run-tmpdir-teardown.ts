/** Jest's globalTeardown: removes the run's temporary folder (see `run-tmpdir-setup.ts`). */
import { rmSync } from 'node:fs';
import { RUN_TMPDIR_VARIABLE } from './run-tmpdir-setup';

export default function removeRunTmpdir(): void {
  const dir = process.env[RUN_TMPDIR_VARIABLE];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
