/**
 * Jest's globalSetup: the test run gets its own temporary folder, which
 * `run-tmpdir-teardown.ts` removes when the run ends, so what tests, the synths they start
 * and those synths' workers leave in `os.tmpdir()` never piles up on the machine. Jest's
 * workers and every child process inherit it through TMPDIR, which `os.tmpdir()` reads on
 * each call.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Holds the run's folder, so that the teardown removes only what the setup made. */
export const RUN_TMPDIR_VARIABLE = 'BASELINE_TEST_RUN_TMPDIR';

export default function createRunTmpdir(): void {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-test-run-'));
  process.env[RUN_TMPDIR_VARIABLE] = dir;
  process.env.TMPDIR = dir;
}
