/** Runs a TypeScript entry point (main.ts, cli/baseline.ts) as its own process, as a user would. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface ProcessResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const ROOT = join(__dirname, '..', '..');

export function runEntry(entry: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ProcessResult {
  const result = spawnSync(process.execPath, ['-r', join(__dirname, 'ts-register.js'), join(ROOT, entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
