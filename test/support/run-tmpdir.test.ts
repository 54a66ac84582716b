import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import createRunTmpdir, { RUN_TMPDIR_VARIABLE } from './run-tmpdir-setup';
import removeRunTmpdir from './run-tmpdir-teardown';

describe("the test run's temporary folder", () => {
  it('is where this test file puts its temporary files', () => {
    const runDir = process.env[RUN_TMPDIR_VARIABLE];
    expect(runDir).toBeDefined();
    expect(tmpdir()).toBe(runDir);
    expect(basename(runDir!)).toMatch(/^baseline-test-run-/);
    expect(existsSync(runDir!)).toBe(true);
  });

  it('is made by the setup and removed, with what it holds, by the teardown', () => {
    const saved = { TMPDIR: process.env.TMPDIR, run: process.env[RUN_TMPDIR_VARIABLE] };
    try {
      createRunTmpdir();
      const made = process.env[RUN_TMPDIR_VARIABLE]!;
      expect(made).not.toBe(saved.run);
      expect(process.env.TMPDIR).toBe(made);
      writeFileSync(join(made, 'left-behind'), 'x');
      removeRunTmpdir();
      expect(existsSync(made)).toBe(false);
      expect(existsSync(saved.run!)).toBe(true);
    } finally {
      process.env.TMPDIR = saved.TMPDIR;
      process.env[RUN_TMPDIR_VARIABLE] = saved.run;
    }
  });
});
