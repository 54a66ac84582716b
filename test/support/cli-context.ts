/** Runs `baseline` commands in-process with captured output, a real (mockable) Organizations client and recorded child processes. */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { main } from '../../cli/baseline';
import type { CliContext } from '../../cli/command';
import { EXAMPLE_CONFIG_PATH } from './config-fixtures';
import { TEST_CREDENTIALS } from './scripted-http';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Child processes the command asked to run. */
  readonly processes: ReadonlyArray<{ program: string; args: readonly string[]; env: NodeJS.ProcessEnv }>;
}

export interface RunOptions {
  /** Exit code of every child process. */
  readonly processStatus?: number;
  readonly stderrIsTTY?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** The Bedrock runtime clients the command gets; default: a plain client (aws-sdk-client-mock replaces its send). */
  readonly bedrockRuntime?: CliContext['bedrockRuntime'];
}

export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const processes: Array<{ program: string; args: readonly string[]; env: NodeJS.ProcessEnv }> = [];
  const context: CliContext = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.stderrIsTTY ?? false },
    env: options.env ?? {},
    organizations: () => new OrganizationsClient({ region: 'us-east-1', credentials: TEST_CREDENTIALS }),
    bedrockRuntime:
      options.bedrockRuntime ?? ((region, maxAttempts) => new BedrockRuntimeClient({ region, maxAttempts, credentials: TEST_CREDENTIALS })),
    runProcess: (program, args, env) => {
      processes.push({ program, args, env });
      return options.processStatus ?? 0;
    },
  };
  const code = await main(argv, context);
  return { code, stdout, stderr, processes };
}

/** A private copy of the example config to edit. */
export function exampleConfigCopy(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'baseline-config-')), 'baseline.yaml');
  copyFileSync(EXAMPLE_CONFIG_PATH, file);
  return file;
}
